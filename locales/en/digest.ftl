## The daily digest at the start of the working day.

digest-head = ☀️ <b>Your day</b>
digest-meetings = 📅 Meetings today ({ $count }):
digest-steps-today = ✅ Steps due today ({ $count }):
digest-steps-overdue = ⚠️ Overdue steps ({ $count }):
digest-past-limit = 🔴 Stage limits passed ({ $count }):
digest-near-limit = ⏳ Stage limits ending today ({ $count }):
digest-returning = ⏰ Coming back from postponed today ({ $count }):
digest-unclaimed = 🙋 Waiting for an expert ({ $count }):
digest-item = • #{ $number }
digest-item-at = • #{ $number } — { $at }
digest-and-more = • …and { $count } more
digest-team-overdue = 🚨 Overdue across the team: { $count }.
digest-open = 📄 #{ $number }
digest-more-work = Buttons for the first { $shown }; { $count } more in /work or by number: <code>/r 123</code>.
digest-more-mine = Buttons for the first { $shown }; { $count } more in /mine or by number: <code>/r 123</code>.
