## Meetings that can be rescheduled, edited (place, goals, participants, moderator) or cancelled; "I can't make it".

meetings-button = 🗓 Change the meeting
meetings-move = 🕒 Reschedule
meetings-place = 📍 Place
meetings-goals = 🎯 Goals
meetings-people = 👥 Participants
meetings-lead = 🎙 Who leads
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
meetings-told-closed = ✖️ The meeting on request #{ $number } ({ $when }) is cancelled: the request is closed.
meetings-told-cant = 🙅 { $person } can't make it to the meeting on request #{ $number } ({ $when }).
meetings-gone = The meeting on request #{ $number } is no longer planned: { $status ->
        [held] it has taken place
       *[other] it was cancelled
    }. The button is out of date; here is the request now.
meetings-ask-people = 👥 Who comes to the meeting on request #{ $number }? Tick the people and press "Done". Those added get an invitation; those taken off are told they need not come.
meetings-lead-stays = { $person } leads the meeting. To take them off the list, choose another moderator first.
meetings-people-done = The list of participants is saved.
meetings-people-saved = { $changed ->
        [yes] ✅ The participants of the meeting on request #{ $number } have changed; those added and taken off are told.
       *[other] The participants of the meeting on request #{ $number } are unchanged.
    }
    Participants: { $people }
meetings-ask-lead = 🎙 Who leads the meeting on request #{ $number }? { $moderator } does now. Only a participant can lead it.
meetings-lead-not-participant = This person is no longer a participant of the meeting on request #{ $number }. Add them to the participants first.
meetings-lead-saved = ✅ { $moderator } leads the meeting on request #{ $number }.
meetings-told-invited = 🗓 <b>You are invited to a meeting</b> on request #{ $number } ({ $client }): { $when }, { $minutes } min. I will remind you a day and an hour before.
meetings-told-uninvited = 👋 You are no longer a participant of the meeting on request #{ $number } ({ $when }): no need to come, and no more reminders.
meetings-told-lead = 🎙 { $person } leads the meeting on request #{ $number } ({ $when }) now.
