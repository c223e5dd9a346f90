## Who may submit requests: invites, closed intake, the rate limit.

access-closed = Requests here are accepted only from the company's staff and invited partners. To get access, ask a manager for an invite link or for the lead generator role.
access-too-fast = You have submitted { $count } requests in the last hour, which is the limit. Your draft is kept: submit it a little later.
access-invite-usage = Send /invite for a link for 10 people and 7 days, or /invite 5 3 for 5 people and 3 days (at most { $uses } people and { $days } days).
access-invite-created =
    🔗 An invite link for partners:
    { $link }

    Whoever follows it can submit requests. Valid until { $until }, for { $uses } people.
access-join-joined = ✅ Done: you can hand over requests now. Start with /new.
access-join-already = You already have access: a new request is /new.
access-join-invalid = This invite link no longer works: it has expired or been used up. Ask a manager for a new one.
