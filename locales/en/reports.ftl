## Reports for managers: /report and the weekly report.

report-managers-only = Reports are for managers and admins.
report-choose = 📊 <b>Report</b>
    Pick a form (and a source), then a period, and the report comes at once. Any dates: <code>/report 2026-03-01 2026-03-15</code>.
report-dates-usage = Give two dates: <code>/report 2026-03-01 2026-03-15</code>.
report-unknown-form = This form is gone. Open /report again.
report-chosen = ✅ { $label }
report-period-tw = This week
report-period-lw = Last week
report-period-tm = This month
report-period-lm = Last month
report-period-q = Quarter
report-all-forms = All forms
report-all-sources = All sources
report-period-range = { $start } – { $end }

report-percent = { $value }%
report-minutes = { NUMBER($value, maximumFractionDigits: 0) } min
report-hours = { NUMBER($value, maximumFractionDigits: 1) } h
report-days = { NUMBER($value, maximumFractionDigits: 1) } d

report-title = 📊 <b>Report: { $title }</b>
report-line-volume = Requests: { $submitted } · taken: { $taken } · won: { $won } · lost: { $lost } · junk: { $junk }
report-line-conversion = Win rate: { $win_rate } · request → contract: { $conversion } (target { $target })
report-line-claims = Time to claim: median { $median }, 90% within { $p90 }; in time { $in_time } · escalations: { $escalations }
report-line-followups = Steps: on time { $on_time }, late { $late }, overdue now { $overdue } · meetings held { $held }, recap confirmed: { $confirmed }
report-line-nurture = In nurture now: { $count }
report-attention = <b>Needs attention</b>
report-attention-overdue = ⏰ Overdue longest: a step on #{ $number } ({ $person }), due { $due }
report-attention-slowest = 🐢 Slowest stage: "{ $stage }", median { $median } against a limit of { $limit }
report-attention-overloaded = 🔥 Overloaded: { $person } with { $load } in work

report-table-funnel = Funnel
report-table-stages = Time in stage
report-table-experts = Experts
report-table-authors = Lead generators
report-table-estimators = Estimators
report-table-closers = Closers
report-table-managers = Managers
report-col-stage = Stage
report-col-reached = Reached
report-col-step = From prev.
report-col-cumulative = From all
report-col-target = Target
report-col-median = Median
report-col-p90 = 90%
report-col-limit = Limit
report-col-breaches = Breaches
report-col-person = Who
report-col-taken = Taken
report-col-claim = To claim
report-col-load = In work
report-col-meetings = Meetings
report-col-recaps = Recaps conf.
report-col-won = Won
report-col-overdue = Overdue
report-col-submitted = Submitted
report-col-met = Met
report-col-junk = Junk
report-col-quality = Quality
report-col-estimates = Estimates
report-col-on-time = On time
report-col-reworks = Reworks
report-col-called = Called in
report-col-joined = Joined
report-col-escalations = Escalations
report-col-reaction = Reaction
report-reason-lost = Lost, { $reason }: { $count }
report-reason-junk = Junk, { $reason }: { $count }
report-reasons-more = { $count ->
    [one] …and { $count } more reason
   *[other] …and { $count } more reasons
}
report-junk-spam = spam
report-junk-duplicate = duplicate
report-junk-not_profile = not our profile
report-junk-withdrew = client withdrew
report-junk-other = other

report-chart-funnel = Funnel: requests reaching each stage
report-chart-target = target
report-chart-trend = Per week: submitted, taken, won
report-week = { DATETIME($date, dateStyle: "short") }
report-chart-claims = Time to claim
report-chart-minutes = minutes from submission to claim
report-chart-limit = limit
report-chart-experts = Experts: in work, taken, won
report-building = Building the report…
report-failed = ⚠️ The report could not be sent in full. The error is logged; please try again in a minute.

## The weekly report.

weekly-topic = Reports
weekly-title = 📅 <b>The week { $start } – { $end }</b>
weekly-change = { $now } (the week before { $before })
weekly-line-events = During the week: new requests { $submitted } · taken { $taken } · won { $won }
weekly-line-cohort = Of the requests submitted that week, by now: taken { $taken } · won { $won }
weekly-line-conversion = Request → contract: { $conversion } (the week before { $before }, target { $target })
weekly-line-claims = Time to claim: median { $median } (the week before { $before }); in time { $in_time }
weekly-overdue = <b>Overdue now: { $count }</b>
weekly-overdue-line = • #{ $number } — { $person }, due { $due }
weekly-nothing-overdue = No overdue steps.
weekly-album-failed = ⚠️ The weekly report's charts { $group ->
        [yes] for the team group
       *[other] for { $recipient }
    } could not be sent: Telegram answers “{ $error }”. The report's numbers go out without them.

## /stats: your own numbers and the leaderboard.

stats-title = 📈 <b>Your numbers</b> (the team's median in brackets)
stats-period-tm = <b>This month</b>, { $period }
stats-period-q = <b>This quarter</b>, { $period }
stats-figure = { $value } ({ $team })
stats-figure-text = { $value } ({ $team })
stats-no-requests = No requests in this period. Start one with /new.
stats-author = Submitted: { $submitted } · taken: { $taken } · met: { $met } · won: { $won } · junk: { $junk }
    Lead quality: { $quality }
stats-place = Leaderboard: #{ $won } by won, #{ $quality } by quality (of { $of })
stats-board = Leaders:
stats-board-line = { $place }. { $person } — won { $won }, quality { $quality }
stats-expert = As an expert: taken { $taken } · to claim { $claim } · in work { $load } · meetings { $meetings }, recaps confirmed { $recaps } · won { $won } · overdue steps { $overdue }

## /export: XLSX or CSV.

export-managers-only = Exports are for managers and admins.
export-choose = 📤 <b>Export</b>
    Pick a form and a format, then a period. Any dates: <code>/export 2026-03-01 2026-03-15</code>.
export-dates-usage = Give two dates: <code>/export 2026-03-01 2026-03-15</code>.
export-format-xlsx = Excel (XLSX)
export-format-csv = CSV in a zip
export-building = Building the file; progress in the chat.
export-already = ⏳ The previous export is still being prepared: its file will come to this chat, and the next one can start after it.
export-started = 📤 Building the export…
export-progress = 📤 { $done } of { $total } requests exported…
export-done = ✅ The export is ready.
export-failed = ⚠️ The export could not be built. Try again or pick a shorter period.
export-interrupted = ⚠️ The export was interrupted: the bot was restarting. Please run /export again.
export-caption = { $name }
# A sheet longer than Excel opens goes on in parts: $sheet is the first part's name, $number this part's (2, 3, …).
export-sheet-part = { $sheet } ({ $number })
export-requests-1 = Number
export-requests-2 = Form
export-requests-3 = Submitted
export-requests-4 = Stage
export-requests-5 = Stage since
export-requests-6 = Owner
export-requests-7 = Author
export-requests-8 = Source
export-requests-9 = Priority
export-requests-10 = Minutes to claim
export-events-1 = Id
export-events-2 = When
export-events-3 = Event
export-events-4 = Request
export-events-5 = Who
export-events-6 = Data
export-steps-1 = Request
export-steps-2 = Step
export-steps-3 = Due
export-steps-4 = Assignee
export-steps-5 = Status
export-steps-6 = Done
export-meetings-1 = Request
export-meetings-2 = Starts
export-meetings-3 = Minutes
export-meetings-4 = Place
export-meetings-5 = Status
export-meetings-6 = Moderator
export-meetings-7 = Our goal
export-meetings-8 = Client's goal
export-meetings-9 = Recap
export-meetings-10 = Confirmed
export-meetings-11 = Client's corrections
export-meetings-12 = Recap text
