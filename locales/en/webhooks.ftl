## Outgoing webhooks and CRM pushes (/webhooks), for administrators only.

webhooks-head = <b>Deliveries to other systems</b>
    Waiting: { $waiting } · delivered: { $delivered } · failed: { $failed }
webhooks-none-failed = Nothing failed.
webhooks-failed-line = ❗️ <b>#{ $id }</b> · { $event } → { $receiver }{ $number ->
    [0] {""}
   *[other] {" "}· request #{ $number }
}
    { $when } · attempts: { $attempts } · { $error }
webhooks-button-redeliver = 🔁 Redeliver #{ $id }
webhooks-redelivering = Delivery #{ $id } is queued again.
webhooks-not-failed = Delivery #{ $id } is no longer failed: it was queued again or it landed.
webhooks-button-redeliver-all = 🔁 Redeliver all { $count } failed → { $receiver }
webhooks-all-redelivering = { $count ->
    [one] { $count } delivery to { $receiver } is queued again.
   *[other] { $count } deliveries to { $receiver } are queued again.
}
webhooks-all-not-failed = Nothing failed there any more: it was queued again or it landed.
webhooks-down-notice = ⚠️ <b>{ $receiver } has taken nothing since { $since }</b>: { $error }. Waiting: { $waiting }. The bot keeps trying each delivery for 24 hours after its event; /webhooks shows what gave up.
webhooks-gave-up-notice = ❗️ <b>{ $receiver }: { $count ->
    [one] { $count } delivery
   *[other] { $count } deliveries
} gave up</b> after 24 hours of tries, #{ $first } to #{ $last }: { $error }. They are kept: /webhooks sends them all again with one button.
webhooks-back-notice = ✅ { $receiver } takes deliveries again. { $failed ->
    [0] Nothing is left failed.
    [one] { $failed } delivery gave up meanwhile: /webhooks sends it again.
   *[other] { $failed } deliveries gave up meanwhile: /webhooks sends them all again with one button.
}
webhooks-failed-notice = ❗️ Delivery #{ $id } ({ $event } → { $receiver }) failed: { $error }. The list, with a "Redeliver" button: /webhooks.

## The lead a CRM gets: its title and where it came from (the team's language).
crm-lead-title = Request #{ $number } · { $form }
crm-lead-source = Presale Desk, request #{ $number }
