## Requests: picking a form, questions, summary, submitting, drafts.

intake-started =
    <b>{ $scenario }</b>
    { $description }

    I'll ask one question at a time. Go back with "Back", cancel with /cancel.
intake-choose = Which request is it? Pick a form:
intake-choose-with-buttons = Pick a form with a button below, or cancel with /cancel.

intake-step = <b>Step { $step } of { $total }</b> · { $scenario }
intake-question = <b>{ $label }</b>
intake-hint = <i>{ $hint }</i>
intake-optional = Optional: you can press "Skip".
intake-current = Now: { $answer }
    Type a new answer or press "Keep it".
intake-type-other = Type your own option in one message.
intake-need-time = At what time? Type it, for example: 16:00.
intake-files-received = Files received so far: { $count }.

intake-how-short-text = Type the answer in one message.
intake-how-long-text = Type the answer in one message; details are welcome.
intake-how-integer = Type a number.
intake-how-money = Type an amount, for example: 1.5m.
intake-how-phone = Type the number or press "Share contact" below.
intake-how-email = Type an email address.
intake-how-url = Type a website address.
intake-how-single-choice = Pick an option with a button.
intake-how-multi-choice = Tick one or more options and press "Done".
intake-how-yes-no = Press "Yes" or "No".
intake-how-date = Press a button or type a date: "25.12", "tomorrow", "in 2 days".
intake-how-datetime = Press a button or type a date and time: "tomorrow 4pm", "25.12 10:30".
intake-how-year-range = Type a year or a range, for example: 2019-2022.
intake-how-attachments = Send documents or photos (several are fine), then press "Done".

intake-error = ⚠️ { $problem }
intake-wrong-kind-text = ⚠️ A text answer is needed here. Type it in one message.
intake-wrong-kind-button = ⚠️ Please pick an option with the buttons under the question.
intake-wrong-kind-file = ⚠️ A document or photo is needed here. Attach it with the paperclip 📎 and press "Done".
intake-file-received =
    Files received: { $count }. Send more or press "Done".
intake-stale-button = That button belongs to another question. Please answer the latest question in the chat.
intake-no-previous = This is the first question.
intake-edit-too-late = ✏️ Editing does not change the answer: it was already taken. To change an answer, press "⬅️ Back" under the question, or the answer's number on the summary before submitting.
intake-edit-outside = ✏️ Editing a message changes nothing. A new request: /new; your requests: /my.
intake-lost = The request draft was not found. Start again with /new.
intake-form-changed = The request form changed while you were filling it in. Your answers are kept; let's go on with a question not answered yet.
intake-command-in-dialog =
    A request is being filled in. Answer the question above or cancel the request with /cancel.
    /help and /lang work too.
intake-moving-on = Got it.
intake-all-answered = All questions answered.
intake-share-contact-hint = Or press the button below to send the number from a contact.

intake-summary-head = <b>Check the request</b> · { $scenario }
intake-summary-item = <b>{ $number }. { $label }</b>
    { $answer }
intake-summary-footer = All correct? Press "Submit". To fix an answer, press the button with its number.
intake-use-summary-buttons = The request is waiting for your check: press "Submit" or the button of the answer to fix. Cancel with /cancel.

intake-draft-open =
    You have an unfinished request "{ $scenario }" ({ $answered } answered).
    Continue it or discard it?
intake-discarded = Draft discarded.
intake-cancel-confirm =
    Cancel the request? The { $answered } answers given will be lost.
intake-cancelled = Request cancelled. Start a new one with /new.
intake-reminder =
    You started a request "{ $scenario }" and didn't finish it ({ $answered } answered).
    Shall we go on?

intake-duplicate =
    ⚠️ This client seems to be known already: request <b>#{ $number }</b> of { $date } — { $client }.
    Author: { $author }. Owner: { $owner }.
intake-duplicate-outside = ⚠️ This client is already being handled by our team.
intake-duplicate-more = Similar requests besides that one: { $count }.
intake-duplicate-question = Submit anyway?
intake-no-owner = nobody yet
intake-use-duplicate-buttons = Choose with a button: submit anyway, back to the request, or drop it.
intake-dropped = Request dropped; nothing was submitted.

intake-receipt = ✅ Request <b>#{ $number }</b> received: { $scenario }.
intake-receipt-hot = 🔥 The request is urgent — experts will see it first.
intake-receipt-next = Its status is in /my. A new request: /new.

intake-button-new = 📝 New request
intake-button-back = ⬅️ Back
intake-button-skip = Skip ➡️
intake-button-keep = Keep it
intake-button-other = ✏️ Other — I'll type it
intake-button-done = Done ✔️
intake-button-files-done = Done ✔️
intake-button-yes = Yes
intake-button-no = No
intake-button-ticked = ✅ { $label }
intake-button-share-contact = 📱 Share contact
intake-button-edit = ✏️ { $number }. { $label }
intake-button-submit = 🚀 Submit
intake-button-continue = ▶️ Continue
intake-button-discard = 🗑 Discard the draft
intake-button-cancel-confirm = Yes, cancel the request
intake-button-cancel-resume = No, go on
intake-button-submit-anyway = Submit anyway
intake-button-review = Back to the request
intake-button-drop = Drop the request

# Under a question answered with a button: the answer chosen.
intake-answered = ✅ { $answer }
