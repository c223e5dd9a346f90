## The estimator: an estimate by the regulation's deadline, rework, lateness.

estimates-button = 🧮 Ask for an estimate
estimates-nobody = No estimator has the competences this request needs: ask an admin to grant the role in /team.
estimates-pick = Who should estimate request #{ $number }?
estimates-anyone = 🎲 Whoever is free
estimates-ask-scope = What should { $estimator } estimate on request #{ $number }? Write it in one message.
estimates-ask-scope-again = Write as text what is to be estimated.
estimates-ask-due = By when is the estimate needed? Press the button or type a date and time, e.g. "friday 12:00".
estimates-default-due = By the regulation: { $days } working days, { $due }
estimates-asked = 🧮 An estimate on request #{ $number } is asked of { $estimator }, due { $due }. I will remind the estimator before it.
estimates-brief =
    🧮 An estimate is needed on request #{ $number } ({ $client }).
    Asked by: { $owner }
    Due: { $due }

    To estimate: { $scope }
estimates-accept = ✅ Accept
estimates-decline = 🙅 Decline
estimates-accepted = The estimate on request #{ $number } is yours. When it is ready, press "Deliver the estimate".
estimates-deliver = 📤 Deliver the estimate
estimates-already = This estimate on request #{ $number } no longer waits for that answer.
estimates-ask-decline = Why do you decline the estimate on request #{ $number }? Write the reason.
estimates-ask-decline-again = Write the reason as text.
estimates-declined = Your refusal on request #{ $number } is recorded; the owner will see the reason.
estimates-ask-file = Send the estimate's file for request #{ $number } (a document or a photo).
estimates-ask-file-again = Send the estimate as a file: a document or a photo.
estimates-ask-summary = Now a one-line summary: the sum and the timeline, e.g. "1.2 M RUB, 3 months".
estimates-ask-summary-again = The summary is one line of at most { $limit } characters.
estimates-delivered = The estimate on request #{ $number } is delivered, { $verdict }.
estimates-on-time = on time
estimates-late = late
estimates-soon = ⏳ The estimate on request #{ $number } is due { $due }. Will you make it?
estimates-soon-passed = ⏳ The estimate on request #{ $number } was due { $due }. Deliver it as soon as it is ready.
estimates-overdue = 🚨 The estimate on request #{ $number } was not delivered on time. Estimator: { $estimator }.
estimates-told-accepted = { $estimator } accepted the estimate on request #{ $number }.
estimates-told-declined = { $estimator } declined to estimate request #{ $number }. Reason: { $reason }
estimates-told-delivered = 🧮 { $estimator } delivered the estimate on request #{ $number }, { $verdict }.
    Summary: { $summary }
estimates-open-file = 📎 The estimate's file
estimates-rework = 🔁 Send back for rework
estimates-ask-rework = What should be reworked in the estimate on request #{ $number }? Write it in one message.
estimates-rework-sent = The estimate on request #{ $number } is sent back for rework.
estimates-rework-brief = 🔁 The estimate on request #{ $number } came back for rework: { $reason }
    New deadline: { $due }
estimates-line = 🧮 Estimate ({ $estimator }): { $status }, due { $due } — { $scope }
estimates-line-summary = ↳ Summary: { $summary }
estimates-status-requested = waiting for the estimator
estimates-status-accepted = in progress
estimates-status-declined = declined
estimates-status-delivered = delivered
estimates-status-rework = in rework
estimates-status-cancelled = cancelled (the request closed)
estimates-told-closed = ✖️ The estimate on request #{ $number } is no longer needed: the request is closed.
