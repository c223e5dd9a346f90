## Напоминания, часовой пояс и служебные уведомления отправителя.

reminders-note = ⏰ <b>Напоминание</b>
    { $text }
reminders-note-late = ⏰ <b>Напоминание</b> (с опозданием: бот был недоступен)
    { $text }

tz-current =
    Ваш часовой пояс: <b>{ $zone }</b>.
    Напоминания приходят в ваше рабочее время по этому поясу. Выберите другой кнопкой или отправьте название зоны IANA, например <code>/tz Europe/Berlin</code>.
tz-changed = Готово: ваш часовой пояс — <b>{ $zone }</b>, у вас сейчас { $time }.
tz-unknown = Не знаю часового пояса «{ $name }». Отправьте название зоны IANA, например <code>/tz Asia/Almaty</code>, или выберите пояс кнопкой: /tz.

tz-zone-kaliningrad = Калининград
tz-zone-moscow = Москва
tz-zone-samara = Самара
tz-zone-yekaterinburg = Екатеринбург
tz-zone-omsk = Омск
tz-zone-novosibirsk = Новосибирск
tz-zone-krasnoyarsk = Красноярск
tz-zone-irkutsk = Иркутск
tz-zone-yakutsk = Якутск
tz-zone-vladivostok = Владивосток
tz-zone-magadan = Магадан
tz-zone-kamchatka = Камчатка

sender-user-blocked = ⚠️ { $name } заблокировал(а) бота: сообщения ему больше не доставляются. Свяжитесь с ним напрямую, если по его заявкам ждут ответа.
sender-undelivered = ⚠️ Не удалось доставить сообщение для { $recipient }: { $reason }. Текст сообщения:
    { $text }
sender-user-not-started = ⚠️ { $name } ещё не открывал(а) чат с ботом, и сообщения ему не доходят. Попросите открыть бота и нажать «Старт».
