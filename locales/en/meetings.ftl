## Meetings that can be rescheduled, edited or cancelled; "I can't make it".

meetings-button = 🗓 Change the meeting
meetings-move = 🕒 Reschedule
meetings-place = 📍 Place
meetings-goals = 🎯 Goals
meetings-cancel = ✖️ Cancel the meeting
meetings-cant = 🙅 I can't make it
meetings-manage = 🗓 The meeting on request #{ $number }: { $when }, { $place }. What should change?
meetings-none-planned = This request has no planned meeting.
meetings-not-planned = This meeting is no longer planned: the button is out of date.
meetings-ask-move = When should the meeting on request #{ $number } be? Write, e.g., "tomorrow 3pm".
meetings-ask-place = Where is the meeting on request #{ $number } now? An address or a link.
meetings-ask-goals = What is our goal for the meeting on request #{ $number } now? A concrete result, not "get acquainted".
meetings-ask-cancel = Why is the meeting on request #{ $number } cancelled? The participants will see the reason.
meetings-type-text = Write the answer as text.
meetings-moved = ✅ The meeting on request #{ $number } is moved to { $when }. Reminders re-planned, participants told.
meetings-edited = ✅ The meeting on request #{ $number } is changed; the participants are told.
meetings-cancelled = The meeting on request #{ $number } is cancelled. The participants are told; no recap will be asked.
meetings-cant-sent = Thank you: the owner of the meeting on request #{ $number } is told.
meetings-told-moved = 🕒 The meeting on request #{ $number } is moved: now { $when }, { $place }.
meetings-told-edited =
    ✏️ The meeting on request #{ $number } ({ $when }) has changed.
    Where: { $place }
    Our goal: { $our }
    The client's goal: { $client }
meetings-told-cancelled = ✖️ The meeting on request #{ $number } ({ $when }) is cancelled. Reason: { $reason }
meetings-told-cant = 🙅 { $person } can't make it to the meeting on request #{ $number } ({ $when }).
