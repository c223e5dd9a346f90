## Stage rules: what a move needs, a manager's moves, notices to the author.

stages-refused-manager-only = Only a manager can make this move on request #{ $number }.
stages-refused-needs-record = This stage of request #{ $number } is set only by a record: the meeting, its recap or the client's answer.
stages-refused-needs-reason = This move on request #{ $number } needs a reason.
stages-refused-needs-date = Postponing request #{ $number } needs a date.

stages-needs-meeting = Request #{ $number } has no planned meeting. Plan one first: "meeting held" is set by answering that the meeting took place.
stages-was-it-held = Did the meeting on request #{ $number } take place?
stages-needs-recap = Request #{ $number } has no recap waiting for the client. The client confirms the recap: first mark the meeting held and write the recap.

stages-card-closed = Stage: <b>{ $stage }</b>

stages-steer-stale = Request #{ $number } is already "{ $stage }": this action no longer applies.
stages-steer-reopen = ♻️ Reopen
stages-steer-junk = 🗑 Close as junk
stages-steer-move = 🔀 Move the stage for the owner

stages-junk-ask = Why is request #{ $number } junk?
stages-junk-spam = Spam
stages-junk-duplicate = Duplicate of another request
stages-junk-not-profile = Not our profile
stages-junk-withdrew = The client withdrew
stages-junk-other = Other — I'll type it
stages-junk-duplicate-of = Duplicate of request { $reason }

stages-move-ask = Request #{ $number } is "{ $stage }" now. Which stage should it move to?

stages-ask-reopen = Why are you reopening request #{ $number }? Type the reason in one message.
stages-ask-duplicate = Which request is #{ $number } a duplicate of? Type its number, e.g. "#12".
stages-ask-junk = Why is request #{ $number } junk? Type the reason in one message.
stages-ask-move = Request #{ $number } will move to "{ $stage }". Type the reason in one message: the owner and the author will see it.
stages-ask-override = ⚠️ Moving request #{ $number } to "{ $stage }" skips the rules (no meeting record or recap). It will be recorded as an override and counted apart in reports. Type the reason in one message.
stages-reason-empty = Type the reason as text, in one message.
stages-reopened = Request #{ $number } is reopened, stage: { $stage }.

stages-owner-moved = Manager { $manager } moved your request #{ $number }: { $stage }. Reason: { $reason }
stages-author-won = 🏆 Your request #{ $number } is won! Thank you for the client.
stages-author-lost = Your request #{ $number } is lost. Reason: { $reason }
stages-author-junk = Your request #{ $number } was closed without work. Reason: { $reason }
stages-author-reopened = Your request #{ $number } is back in work: { $stage }. Reason: { $reason }
stages-author-moved = A manager moved your request #{ $number }: { $stage }. Reason: { $reason }
stages-refused-meeting-ahead = A meeting is planned on request #{ $number }. To put the request back in work, cancel the meeting: “🗓 Change the meeting” → “✖️ Cancel the meeting”.
