## Every request's view: /r, links, list buttons, the live action panel.

view-usage = Open a request by its number: <code>/r 123</code>. Your own requests: /my.
view-not-found = There is no request #{ $number }.
view-refused = Request #{ $number } is not open to you: its author, its expert, meeting participants and the team can see it.
view-meeting = 🗓 Meeting: { $when } · { $place }
view-step = ➡️ Next step: { $text } — { $who }, by { $when }
view-no-step = ➡️ No next step yet.
view-stale-move = Request #{ $number } is already at “{ $stage }”: this move is not available from there. The current buttons are below.
view-open = #{ $number } · { $client }
view-button-open = 📄 Open request #{ $number }

## A request's files and notes.

files-button-add = 📎 File or note
files-button-add-for-author = ✉️ To the author
files-button-all = 📤 All files and notes
files-head = <b>Files and notes</b> ({ $count }):
files-line = • { $when } · { $who } · { $what }
files-with-form = with the form
files-photo = photo
files-ask = Send a document or a photo, or write a note: I will add it to request #{ $number }.
files-ask-for-author = Send a document or a photo, or write a note for the author of request #{ $number }: I will pass it on.
files-added = ✅ Added to request #{ $number }.
files-added-for-author = ✅ Added to request #{ $number } and sent to its author.
files-unsupported = I can add a document, a photo or a text to a request. Send one of those, or use another command.
files-not-allowed = The author, the expert, managers and meeting participants can add to request #{ $number }.
files-which-request = I could not tell which request this is for. Open it (<code>/r 123</code>) and press “📎 File or note”.
files-edit-unchanged = ✏️ Editing does not change what was already added to request #{ $number }. To add more, reply to a message about it again.
files-none = Request #{ $number } has no files or notes yet.
files-told-note = 📝 { $who } added a note to request #{ $number }:
    { $note }
files-told-file = 📎 { $who } added a file to request #{ $number }: { $name }
files-note-by = <b>{ $who }</b> · { $when }

## /work and /find.

work-empty = No request is in work right now.
work-head = <b>In work</b>: { $count }
work-owner = 👤 <b>{ $owner }</b>
work-stage = <i>{ $stage }</i>
work-line = { $overdue ->
        [yes] 🔴
       *[other] •
    } #{ $number } · { $client } · { $age } in the stage{ $steps ->
        [0] {""}
       *[other] {" "}· overdue steps: { $steps }
    }
work-age = { $days ->
        [0] { $hours } h { $minutes } min
       *[other] { $days } d { $hours } h
    }
work-more = …and { $count } more. Open one by its number (<code>/r 123</code>) or with <code>/find</code>.
work-postponed-head = ⏸ <b>Postponed</b>: { $count }
work-postponed-line = { $late ->
        [yes] ⏰ #{ $number } · { $client } · { $owner } · came back { $day }, no answer
       *[other] • #{ $number } · { $client } · { $owner } · comes back { $day }
    }
work-postponed-more = …and { $count } more postponed.
find-usage = What to look for? A number, a company, a phone, an e-mail or a word from the form: <code>/find Acme</code>.
find-nothing = Nothing found for “{ $query }”.
find-head = <b>Found for “{ $query }”</b>: { $count }
find-line = • #{ $number } · { $client } — <i>{ $stage }</i>
