## The team group: the request card, taking, the brief, stages, limits.

claims-card-head = { $priority ->
    [hot] 🔥
   *[other] 📋
} <b>Request #{ $number }</b> · { $scenario }
claims-card-meta = Priority: { $priority } · by { $author } · { $time }
claims-card-label = <b>{ $label }</b>
claims-card-open = ⏳ Waiting for an expert.
claims-card-taken = 👤 Taken by { $owner } · { $time } · stage: <b>{ $stage }</b>
claims-card-shortened = ✂️ Long answers are shortened — tap “Full text” for everything.

claims-priority-hot = hot
claims-priority-normal = normal

claims-stage-new = new
claims-stage-taken = taken
claims-stage-meeting-planned = meeting planned
claims-stage-meeting-held = meeting held
claims-stage-recap-confirmed = recap confirmed
claims-stage-proposal-sent = proposal sent
claims-stage-won = won
claims-stage-lost = lost
claims-stage-postponed = postponed
claims-stage-nurture = nurturing
claims-stage-junk = closed as junk
claims-stage-with-reason = { $stage } ({ $reason })
claims-stage-with-date = { $stage } until { $day }

claims-button-take = ✋ Take
claims-button-reassign = 🔁 Reassign
claims-button-full = 📄 Full text
claims-button-release = ↩️ Release
claims-button-to-taken = ▶️ Back to work
claims-button-to-meeting-planned = 📅 Meeting planned
claims-button-to-meeting-held = 🤝 Meeting held
claims-button-to-recap-confirmed = 📝 Recap confirmed
claims-button-to-proposal-sent = 📨 Proposal sent
claims-button-to-won = 🏆 Won
claims-button-to-lost = ❌ Lost
claims-button-to-postponed = ⏸ Postpone

claims-brief-lost-reason = <b>Lost because:</b> { $reason }
claims-brief-postponed = <b>Postponed until:</b> { $day }

claims-topic-name = { $stage ->
    [won] 🏆
    [lost] ❌
    [postponed] ⏸
    [new] ⏳
   *[other] 🔧
} #{ $number } · { $client } · { $owner }
claims-topic-nobody = no expert
claims-topic-opened = Topic of request #{ $number }. Card: { $link }

claims-refused-not-in-group = Only members of the team group can take requests.
claims-refused-not-expert = Only experts can take requests. An administrator grants the expert role.
claims-refused-missing-tags = This request needs the competence: { $tags }.

claims-update-taken = ✋ { $owner } took request #{ $number }.
claims-update-assigned = 🔁 Request #{ $number } is assigned to { $owner } (by { $manager }).
claims-the-bot = the bot, round-robin
claims-update-released = ↩️ { $owner } released request #{ $number } — it is open again.
claims-update-stage = Request #{ $number }: { $stage } ({ $owner }).

claims-author-taken = { $owner } took your request #{ $number }.
claims-author-released = The expert released your request #{ $number }; another expert will take it.
claims-author-stage = Request #{ $number }: { $stage }. Expert: { $owner }.
claims-owner-reassigned = Request #{ $number } was handed over: { $owner } has it now.

claims-taken-you = Request #{ $number } is yours. The brief is in your private chat.
claims-taken-start-bot = Request #{ $number } is yours, but I can't write to you. Open a chat with me and press Start.
claims-already-taken = { $owner } has already taken request #{ $number }.
claims-already-yours = Request #{ $number } is already yours.
claims-closed = Request #{ $number } is closed.
claims-full-sent = The full text is in your private chat.
claims-start-bot-first = I can't write to you. Open a chat with me and press Start.
claims-managers-only = Only managers can do this.
claims-no-experts = There are no other suitable experts for request #{ $number }.
claims-choose-expert = Who should get request #{ $number }?
claims-choose-sent = The list of experts is in your private chat.

claims-overdue-1 = ⏰ Nobody has taken request #{ $number } within { $minutes } { $working ->
    [true] working minutes
   *[other] minutes
}. { $experts }, please have a look.
claims-overdue-2 = 🚨 Request #{ $number } has waited { $minutes } { $working ->
    [true] working minutes
   *[other] minutes
}. { $experts }
claims-overdue-nobody = No suitable experts — a manager is needed
claims-manager-overdue-1 = ⏰ Request #{ $number } was not taken within { $minutes } { $working ->
    [true] working minutes
   *[other] minutes
}.
claims-manager-overdue-2 = 🚨 Request #{ $number } is still not taken after { $minutes } { $working ->
    [true] working minutes
   *[other] minutes
}. Assign an expert: /assign { $number } @expert
claims-manager-auto-assigned = 🚨 Request #{ $number } was not taken within { $minutes } { $working ->
    [true] working minutes
   *[other] minutes
}. The bot assigned it round-robin to { $name }.

claims-lost-ask = Why was request #{ $number } lost?
claims-lost-type = Type the reason request #{ $number } was lost, in one message.
claims-lost-budget = No budget
claims-lost-competitor = Chose a competitor
claims-lost-silent = Client went silent
claims-lost-timing = Wrong timing
claims-lost-profile = Not our profile
claims-lost-other = Other — I'll type it

claims-postpone-ask = Postpone request #{ $number } until when?
claims-postpone-type = Type a date
claims-postpone-type-ask = Type the date to postpone request #{ $number } to, e.g. “15.04” or “in 2 weeks”.
claims-postpone-bad-date = I couldn't read that date. Type a day in the future, e.g. “15.04”.
claims-postponed-until = Request #{ $number }: postponed until { $day }.

claims-not-yours = Request #{ $number } is not yours now — this button is out of date.
claims-stage-unchanged = The stage of request #{ $number } has already changed — this button is out of date.
claims-stage-done = Request #{ $number }: { $stage }.
claims-released = Request #{ $number } is back in the queue.
claims-no-request = There is no request #{ $number }.
claims-unknown-person = I don't know this person: they have to write to the bot at least once.
claims-cannot-assign = Can't assign { $name }: { $why }
claims-assign-unchanged = Request #{ $number } is already theirs or closed.
claims-assigned = Request #{ $number } is assigned to { $name }.
claims-card-refused = ⚠️ Request #{ $number } cannot be posted to the team group: { $problem } The bot tries again every 10 minutes and posts it as soon as it can; meanwhile /queue marks it "not in the group".
claims-card-refused-not-found = the group in the TEAM_CHAT_ID setting is not found. Check TEAM_CHAT_ID (a group's id is a negative number) and that the bot was added to the group.
claims-card-refused-not-member = the bot is not in the group. Add it: group → "Add members".
claims-card-refused-no-rights = the bot may not write in the group. Allow it to send messages or make it an administrator.
claims-card-refused-other = Telegram answers "{ $error }". Check the group and the bot's rights in it.
claims-card-refused-migrated = the group was upgraded to a supergroup and has a new id: { $new_id }. Set TEAM_CHAT_ID={ $new_id } and restart the bot.
claims-group-upgraded = ⚠️ The team group was upgraded to a supergroup and its id changed: it is now { $new_id }. The bot cannot write to it by the old id: set TEAM_CHAT_ID={ $new_id } and restart the bot. Until then new requests wait in /queue.
claims-bot-removed = ⚠️ { $who } removed the bot from the team group. New requests will not reach the group and wait in /queue until the bot is back: group → "Add members".
claims-bot-left = ⚠️ The bot is no longer in the team group. New requests will not reach the group and wait in /queue until the bot is back: group → "Add members".
claims-bot-back = ✅ The bot was added to the team group. { $count ->
    [0] Every request is already there.
    [one] The request that waited is being posted now.
   *[other] The { $count } requests that waited are being posted now.
}

claims-brief-crm = 🔗 { $crm ->
    [amocrm] amoCRM
    [bitrix24] Bitrix24
   *[other] { $crm }
}: { $entity ->
    [deal] deal
   *[other] lead
} { $id }
claims-assign-blocked = { $name } has blocked the bot: the brief and the reminders would not reach them. Assign another expert, or ask them to open the chat with the bot again.
claims-assigned-undelivered = ⚠️ { $name } has not opened a chat with the bot yet, so the brief did not reach them. Ask them to open the bot and press Start: the request will be in /mine.
claims-expert-departed-left = 🚪 { $name } left the team group and still owns { $count } open { $count ->
    [one] request
   *[other] requests
}: { $numbers }. Hand them to another expert: open a request → "🔁 Reassign".
claims-expert-departed-role = 🚪 { $name } is no longer an expert and still owns { $count } open { $count ->
    [one] request
   *[other] requests
}: { $numbers }. Hand them to another expert: open a request → "🔁 Reassign".
claims-bot-demoted = ⚠️ { $who } took the bot's admin rights in the team group away. Without them the bot cannot open a topic per request: cards and news will go to “General”. Give them back: group → Administrators → the bot, with “Manage topics”.
claims-topics-refused = ⚠️ The team group has topics, but the bot could not open one: Telegram answers "{ $error }". Until then, cards and request news go to “General”. Check that the bot is an administrator of the group with “Manage topics”.
