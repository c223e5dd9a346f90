## Common texts: greeting, help, language, errors.

fmt-date = { DATETIME($value, dateStyle: "medium") }
fmt-datetime = { DATETIME($value, dateStyle: "medium", timeStyle: "short") }

start-greeting = Hello, { $name }! I am Presale Desk, the single entry point for presale requests.
start-can-everyone =
    <b>What you can do</b>
    • hand a client's request over to the experts: /new, and I will walk you through every field that matters;
    • see your requests and their status: /my;
    • change the language: /lang.
start-can-expert =
    <b>You are an expert</b>
    New requests appear in the team group: press "Take" to take one. Your requests by stage: /mine.
start-can-manager =
    <b>You are a manager</b>
    Requests nobody has taken: /queue; reassign a request: /assign; a report with the funnel and charts: /report; an Excel export: /export. Escalations of overdue requests come to you.
start-can-estimator =
    <b>You are an estimator</b>
    Request owners ask you for estimates: the brief comes here with "Accept" and "Decline". Deliver the estimate as a file with a one-line summary (sum, timeline) by its deadline; I will remind you before it.
start-can-closer =
    <b>You are a closer</b>
    You are called into a deal when a decision is needed: a discount, a term, a non-standard condition. The brief comes with a note; answer "I'll take part" or "Handle it without me".
start-can-admin =
    <b>You are an administrator</b>
    Team roles and competences: /team. Webhooks and CRM pushes that failed: /webhooks.

help-text =
    <b>Commands</b>
    /new — new request
    /my — my requests
    /r 123 — open a request by its number (/r — the last one)
    /stats — your numbers and the leaderboard
    /tz — time zone (for reminders and deadlines)
    /lang — language
    /cancel — cancel what is in progress
    /help — this help

lang-choose = Choose your language:
lang-button-ru = 🇷🇺 Русский
lang-button-en = 🇬🇧 English
lang-changed = Done, I speak English now.

cancel-nothing = There is nothing to cancel right now.

common-stale-button = This button is out of date. Open the latest message or start again.
common-unknown-command = I don't know that command. The list of commands: /help.
common-not-understood = I didn't understand that. To hand over a request, press /new; all commands: /help.
common-error = Something went wrong. The error is logged; please try again in a minute.

menu-start = Get started
menu-new = New request
menu-r = Open a request
menu-stats = My numbers
menu-my = My requests
menu-tz = Time zone
menu-lang = Language
menu-help = Help
menu-mine = Requests I work on
menu-queue = Unclaimed queue
menu-work = What the team has in work
menu-assign = Assign a request
menu-find = Find a request
menu-team = Team and roles
menu-cancel = Cancel
side-question-dropped = All right, I am no longer waiting for an answer. Nothing was changed.
side-question-waiting = ⏳ I am still waiting for the answer to my question above. /cancel drops it.
side-question-expired = My question above went unanswered for too long, so I dropped it. If you still need it, press the button again.
side-question-words = Write the answer in words, in one message. /cancel drops the question.
common-page-counter = { $page } / { $pages }
