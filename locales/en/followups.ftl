## Next steps, meetings and recap confirmations.

followups-button-step = ➕ Next step
followups-button-meeting = 🗓 Plan a meeting

followups-preset-call = 📞 Call the client
followups-preset-materials = ✉️ Send materials
followups-preset-proposal = 📝 Prepare a proposal
followups-preset-demo = 🖥 Run a demo

followups-slot-hour = In an hour
followups-slot-today16 = Today 16:00
followups-slot-tomorrow10 = Tomorrow 10:00
followups-slot-tomorrow16 = Tomorrow 16:00
followups-slot-typed = 📅 Another time

followups-step-ask-what = What is the next step on request #{ $number }? Pick one or type your own.
followups-step-what-again = Type what needs to be done, or pick a ready one.
followups-step-ask-when = “{ $text }” — when?
followups-step-type-when = Type a date and time, e.g. “tomorrow 4pm” or “25.12 10:30”.
followups-when-bad-date = I could not read the date. Example: “tomorrow 4pm” or “25.12 10:30”.
followups-when-bad-time = I could not read the time. Example: “tomorrow 16:00”.
followups-when-needs-time = Add the time too, e.g. “tomorrow 16:00”.
followups-when-past = That time has passed — give one in the future.
followups-too-long = That is too long: { $length } characters, at most { $limit } fit. Shorten it and send it again — nothing is saved yet.
followups-step-saved = ✅ Step on request #{ $number } saved: { $text } — { $when }. I will remind you in time.
followups-step-moved = 🔁 Step on request #{ $number } “{ $text }” moved to { $when }.
followups-step-done = ✔️ Step on request #{ $number } done: { $text }.
followups-step-not-open = This step is already closed.
followups-step-ask-who = Who should do “{ $text }”?
followups-step-assigned = 👤 Step “{ $text }” handed to { $name }.
followups-step-given = 👤 { $by } gave you a step on request #{ $number }: { $text } — { $when }.

followups-step-button-done = ✅ Done
followups-step-button-snooze = ⏰ In an hour
followups-step-button-tomorrow = 🌅 Tomorrow
followups-step-button-move = 📅 Reschedule
followups-step-button-assign = 👤 Someone else

followups-step-due = ⏰ Time for: { $text } (request #{ $number }, due { $when }).
followups-step-overdue = ⚠️ Overdue step on request #{ $number }: { $text } (due { $when }, assignee { $assignee }).
followups-step-escalated = 🚨 A step on request #{ $number } is long overdue: { $text } (due { $when }, assignee { $assignee }).

followups-meeting-ask-when = 🗓 Meeting on request #{ $number }. When? Pick or type, e.g. “tomorrow 3pm”.
followups-meeting-ask-duration = How long will it take?
followups-meeting-minutes = { $minutes } min
followups-meeting-bad-duration = Pick a duration or type the minutes, 15 to 480.
followups-meeting-ask-place = Where? Type the address or the call link.
followups-meeting-ask-participants = Who from the team comes? Tick and press “Done”.
followups-meeting-people-done = ✔️ Done
followups-meeting-use-buttons = Please answer with the buttons above.
followups-meeting-ask-our-goal = What is <b>our goal</b> for the meeting? E.g. “agree on a pilot for 2 sites”.
followups-meeting-ask-client-goal = What is <b>the client's goal</b>? E.g. “understand the timeline and cost”.
followups-meeting-goal-required = { $goal ->
    [our-goal] Without our goal a meeting is a dead format. Type what we want to achieve (a few words at least).
    [client-goal] Without the client's goal a meeting is a dead format. Type what the client wants (a few words at least).
   *[other] The meeting is not saved: it needs both our goal and the client's goal.
}
followups-meeting-ask-moderator = Who leads the meeting?
followups-meeting-summary = <b>Meeting on request #{ $number }</b>
    When: { $when }, { $minutes } min
    Where: { $place }
    Our goal: { $our }
    Client's goal: { $client }
    Led by: { $moderator }
    Participants: { $people }
followups-meeting-save = ✅ Save
followups-meeting-drop = ✖️ Cancel
followups-meeting-dropped = The meeting is not planned.
followups-meeting-start-passed = The meeting's start has passed while it was not saved. Give a new time — the rest is kept.
followups-meeting-parked = Request #{ $number } is at the stage “{ $stage }”. To plan a meeting, press “Back to work” first.
followups-meeting-saved = ✅ Meeting on request #{ $number } planned. I will remind the participants a day and an hour before.
followups-meeting-day = 🗓 <b>Meeting tomorrow</b> on request #{ $number } ({ $client }): { $when }, { $minutes } min.
followups-meeting-hour = ⏰ <b>Meeting in an hour</b> on request #{ $number } ({ $client }): { $when }, { $minutes } min.
followups-meeting-details = Where: { $place }
    Our goal: { $our }
    Client's goal: { $client }
    Led by: { $moderator }
    Participants: { $people }
followups-meeting-missing = ⚠️ <b>The request lacks required data</b> — ask the client at the meeting:
    { $fields }
followups-meeting-checklist = <b>To prepare:</b>
    ☐ re-read the brief below
    ☐ prepare questions for the client's goal
    ☐ check the place or the link
    ☐ agree with the moderator who says what
followups-meeting-brief = <b>Brief:</b>
followups-meeting-brief-more = … the rest is in the request's full brief.
followups-meeting-ended = 🏁 The meeting on request #{ $number } should be over. Did it take place?
followups-held-yes = ✅ Yes, write the recap
followups-held-no = ✖️ It did not
followups-meeting-not-held = The meeting on request #{ $number } is cancelled; the request is back in work.
followups-meeting-answered = The meeting on request #{ $number } is already answered for.
followups-meeting-not-yet = The meeting on request #{ $number } has not started yet: it is set for { $when }. Whether it took place can be recorded once it has begun.

followups-recap-ask-discussed = 📝 Recap of the meeting on request #{ $number }. What was discussed? Briefly, in your words.
followups-recap-ask-discussed-again = Type what was discussed at the meeting.
followups-recap-ask-step = Next step: what needs to be done?
followups-recap-ask-who = Who does it?
followups-recap-ask-when = By when?
followups-recap-step-added = Steps in the recap: { $count }. Add another?
followups-recap-more = ➕ Another step
followups-recap-finish = ✅ That's all
followups-recap-step-passed = The deadline of step { $index } “{ $text }” passed while the recap was not finished. By when is it to be done?
followups-recap-closed = Request #{ $number } was closed while the recap was being written: it is not saved, and its steps are not planned.
followups-recap-ready = The recap of request #{ $number } is ready. You can forward the next message to the client:
followups-recap-client = Hello!

    Thank you for the meeting on { $day } — here is a short summary of what we agreed.

    Discussed:
    { $discussed }

    Next steps:
    { $steps }

    Please confirm that everything is correct, or tell us what to change.
followups-recap-client-step = { $index }. { $text } — { $who }, by { $when }
followups-recap-ask-answer = What did the client answer to the recap of request #{ $number }? I will remind you until you record it.
followups-recap-button-confirmed = ✅ Confirmed
followups-recap-button-corrections = ✏️ Asked for corrections
followups-recap-button-no-answer = ⏳ No answer yet
followups-recap-ask-corrections = What did the client ask to correct?
followups-recap-corrections-saved = ✏️ Corrections noted: { $text }. Send the client the corrected recap and record their answer.
followups-recap-recorded-confirmed = ✅ The client confirmed the recap — the meeting counts as successful.
followups-recap-recorded-no-answer = ⏳ Noted: no answer yet. I will remind you tomorrow.
followups-recap-already = The answer to the recap of request #{ $number } is already recorded.
followups-recap-status-sent = recap sent
followups-recap-status-no-answer = no answer yet
followups-recap-status-corrections = the client asked for corrections
followups-recap-chase = 🔔 The recap of the meeting on request #{ $number } is not confirmed yet ({ $status }). What did the client answer?
followups-recap-escalated = 🚨 The client has not confirmed the recap of the meeting on request #{ $number } for { $days } days. Owner: { $owner }. { $corrections }
