## Reminders, the time zone, and notices from the sender.

reminders-note = ⏰ <b>Reminder</b>
    { $text }
reminders-note-late = ⏰ <b>Reminder</b> (late: the bot was unavailable)
    { $text }

tz-current =
    Your time zone: <b>{ $zone }</b>.
    Reminders arrive in your working hours in this zone. Pick another one with a button or send an IANA zone name, e.g. <code>/tz Europe/Berlin</code>.
tz-changed = Done: your time zone is <b>{ $zone }</b>, it is { $time } for you now.
tz-unknown = I don't know the time zone “{ $name }”. Send an IANA zone name, e.g. <code>/tz Asia/Almaty</code>, or pick one with a button: /tz.

tz-zone-kaliningrad = Kaliningrad
tz-zone-moscow = Moscow
tz-zone-samara = Samara
tz-zone-yekaterinburg = Yekaterinburg
tz-zone-omsk = Omsk
tz-zone-novosibirsk = Novosibirsk
tz-zone-krasnoyarsk = Krasnoyarsk
tz-zone-irkutsk = Irkutsk
tz-zone-yakutsk = Yakutsk
tz-zone-vladivostok = Vladivostok
tz-zone-magadan = Magadan
tz-zone-kamchatka = Kamchatka

sender-user-blocked = ⚠️ { $name } blocked the bot: messages to them are no longer delivered. Contact them directly if their requests are waiting for an answer.
sender-undelivered = ⚠️ A message to { $recipient } could not be delivered: { $reason }. Its text:
    { $text }
sender-user-not-started = ⚠️ { $name } has not opened the chat with the bot yet, so messages do not reach them. Ask them to open the bot and press Start.
