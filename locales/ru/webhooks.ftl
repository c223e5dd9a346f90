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
webhooks-button-redeliver-all = 🔁 Отправить снова все { $count } → { $receiver }
webhooks-all-redelivering = { $count ->
    [one] { $count } отправка в { $receiver } снова в очереди.
    [few] { $count } отправки в { $receiver } снова в очереди.
   *[many] { $count } отправок в { $receiver } снова в очереди.
}
webhooks-all-not-failed = Там уже нет недоставленных: их отправили снова или они дошли.
webhooks-down-notice = ⚠️ <b>{ $receiver } ничего не принимает с { $since }</b>: { $error }. Ждут отправки: { $waiting }. Бот пробует каждую отправку 24 часа после её события; что не дошло, покажет /webhooks.
webhooks-gave-up-notice = ❗️ <b>{ $receiver }: { $count ->
    [one] { $count } отправка не доставлена
    [few] { $count } отправки не доставлены
   *[many] { $count } отправок не доставлены
}</b> за 24 часа попыток, с #{ $first } по #{ $last }: { $error }. Они сохранены: /webhooks отправит их все снова одной кнопкой.
webhooks-back-notice = ✅ { $receiver } снова принимает отправки. { $failed ->
    [0] Недоставленных не осталось.
    [one] Пока его не было, { $failed } отправка не дошла: /webhooks отправит её снова.
    [few] Пока его не было, { $failed } отправки не дошли: /webhooks отправит их все снова одной кнопкой.
   *[many] Пока его не было, { $failed } отправок не дошли: /webhooks отправит их все снова одной кнопкой.
}
webhooks-failed-notice = ❗️ Отправка #{ $id } ({ $event } → { $receiver }) не доставлена: { $error }. Список и кнопка «Отправить снова» — /webhooks.

## Лид в CRM: его название и откуда он пришёл (на языке команды).
crm-lead-title = Заявка #{ $number } · { $form }
crm-lead-source = Presale Desk, заявка #{ $number }
