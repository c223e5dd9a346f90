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
webhooks-failed-notice = ❗️ Delivery #{ $id } ({ $event } → { $receiver }) failed: { $error }. The list, with a "Redeliver" button: /webhooks.

## The lead a CRM gets: its title and where it came from (the team's language).
crm-lead-title = Request #{ $number } · { $form }
crm-lead-source = Presale Desk, request #{ $number }
