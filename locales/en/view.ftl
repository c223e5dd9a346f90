## Every request's view: /r, links, list buttons, the live action panel.

view-usage = Open a request by its number: <code>/r 123</code>. Your own requests: /my.
view-not-found = There is no request #{ $number }.
view-refused = Request #{ $number } is not open to you: its author, its expert, meeting participants and the team can see it.
view-meeting = 🗓 Meeting: { $when } · { $place }
view-step = ➡️ Next step: { $text } — { $who }, by { $when }
view-no-step = ➡️ No next step yet.
view-stale-move = Request #{ $number } is already at “{ $stage }”: this move is not available from there. The current buttons are below.
view-open = #{ $number } · { $client }
