## Исходящие вебхуки и выгрузки в CRM (/webhooks), только для администраторов.

webhooks-head = <b>Отправки в другие системы</b>
    Ждут отправки: { $waiting } · доставлено: { $delivered } · не доставлено: { $failed }
webhooks-none-failed = Недоставленных нет.
webhooks-failed-line = ❗️ <b>#{ $id }</b> · { $event } → { $receiver }{ $number ->
    [0] {""}
   *[other] {" "}· заявка #{ $number }
}
    { $when } · попыток: { $attempts } · { $error }
webhooks-button-redeliver = 🔁 Отправить #{ $id } снова
webhooks-redelivering = Отправка #{ $id } снова в очереди.
webhooks-not-failed = Отправка #{ $id } уже не в списке недоставленных: её отправили снова или она дошла.
webhooks-failed-notice = ❗️ Отправка #{ $id } ({ $event } → { $receiver }) не доставлена: { $error }. Список и кнопка «Отправить снова» — /webhooks.

## Лид в CRM: его название и откуда он пришёл (на языке команды).
crm-lead-title = Заявка #{ $number } · { $form }
crm-lead-source = Presale Desk, заявка #{ $number }
