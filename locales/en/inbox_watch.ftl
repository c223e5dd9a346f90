## Updates the bot recorded but does not handle: for administrators only.

inbox-watch-stalled = ⏳ <b>The bot receives updates but does not handle them.</b> { $waiting } wait, the oldest since { $since }: people get no answers meanwhile. Check Redis and the database (<code>/readyz</code>, where it is served, says which does not answer) and the instances' logs. Nothing is lost: they are handled when it is fixed.
inbox-watch-stalled-over = ✅ The bot handles its updates again. Still waiting: { $waiting }.
