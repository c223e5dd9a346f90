## /my: my requests and their status.

my-empty = You have no requests yet. Start one with /new.
my-head = <b>My requests</b> — { $total } in all, page { $page } of { $pages }
my-item = { $priority ->
        [hot] 🔥
       *[other] 📄
    } <b>#{ $number }</b> of { $date } · { $scenario }
    { $client } — <i>{ $stage }</i>
my-button-prev = ⬅️ Newer
my-button-next = Older ➡️

my-stage-new = waiting for an expert
my-stage-taken = expert assigned
my-stage-meeting-planned = meeting planned
my-stage-meeting-held = meeting held
my-stage-recap-confirmed = recap confirmed
my-stage-proposal-sent = proposal sent
my-stage-won = won
my-stage-lost = lost
my-stage-postponed = postponed
my-stage-nurture = nurturing
my-stage-junk = closed without work
