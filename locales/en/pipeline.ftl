## Stage limits, deal life and nurture.

pipeline-stage-warning = ⏳ Request #{ $number } is running out of time at the “{ $stage }” stage: the limit ends { $due }. Move it on or record the outcome.
pipeline-stage-overdue = 🚨 Request #{ $number } ({ $owner }) is past its limit at the “{ $stage }” stage: it ended { $due }.
pipeline-owner-nurtured = 💤 Request #{ $number } saw no activity for { $days ->
        [one] { $days } day
       *[other] { $days } days
    } and moved to nurture. I will remind you of it every { $cadence ->
        [one] { $cadence } day
       *[other] { $cadence } days
    }. When the client comes back, press “Back to work”.
pipeline-nurture-reminder = 💤 A reminder of request #{ $number } in nurture. Time to contact the client? If things moved, take it back to work.
pipeline-back-to-work = ↩️ Back to work
pipeline-postpone-again = ⏸ Postpone again
pipeline-postpone-day-passed = It is too late to postpone to { $day }: that day is not in the future. Type another date.
pipeline-postponed-back = ⏰ Postponed request #{ $number } ({ $client }) comes back today. Back to work, or postpone again?
pipeline-postponed-ignored = 🚨 Postponed request #{ $number } was due back on { $day }, but { $owner } has not answered. Please check on it.
pipeline-back-done = Request #{ $number } is back in work: { $stage }.
pipeline-group-nurtured = 💤 Request #{ $number } ({ $owner }) saw no activity and moved to nurture.
pipeline-author-nurtured = Request #{ $number } saw no activity for a while and moved to nurture: the expert will check in with the client from time to time.
pipeline-group-back = ↩️ { $owner } took request #{ $number } back from nurture: { $stage }.
pipeline-author-back = Request #{ $number } is back in work: { $stage }.
