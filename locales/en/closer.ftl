## The closer: called into a deal to decide a discount, a term or a non-standard condition.

closer-button = 🤝 Call the closer
closer-nobody = There are no closers yet: ask an admin to grant the role in /team.
closer-pick = Which closer should join request #{ $number }?
closer-ask-note = What should { $closer } decide on request #{ $number }? A discount, a term, a non-standard condition: write it in one message.
closer-ask-note-again = Write it as text, in one message.
closer-called = { $closer } has request #{ $number } with your note. I will tell you the answer.
closer-brief =
    🤝 You are called into request #{ $number } ({ $client }).
    Called by: { $caller }

    To decide: { $note }
closer-join = ✅ I'll take part
closer-decline = 🙅 Handle it without me
closer-thanks = Thank you, your answer is recorded.
closer-already = You have already answered on request #{ $number }.
closer-ask-time = When can you join request #{ $number }? Write, for example, "tomorrow after 3 pm", or press "{ closer-no-time }".
closer-no-time = No time
closer-no-time-saved = Fine, no time: the owner knows you take part.
closer-time-saved = Noted: the owner of request #{ $number } knows when you will join.
closer-told-joined = ✅ { $closer } takes part in request #{ $number }.
closer-told-declined = { $closer } asks you to handle request #{ $number } without them.
closer-told-time = 🕒 { $closer } will join request #{ $number }: { $when }
closer-line = 🤝 Closer { $closer }: { $status }{ $time } — { $note }
closer-status-called = waiting for an answer
closer-status-joined = takes part
closer-status-declined = not taking part
