## Следующие шаги, встречи и согласование итогов.

followups-button-step = ➕ Следующий шаг
followups-button-meeting = 🗓 Запланировать встречу

followups-preset-call = 📞 Позвонить клиенту
followups-preset-materials = ✉️ Отправить материалы
followups-preset-proposal = 📝 Подготовить КП
followups-preset-demo = 🖥 Провести демо

followups-slot-hour = Через час
followups-slot-today16 = Сегодня 16:00
followups-slot-tomorrow10 = Завтра 10:00
followups-slot-tomorrow16 = Завтра 16:00
followups-slot-typed = 📅 Другое время

followups-step-ask-what = Какой следующий шаг по заявке #{ $number }? Выберите или напишите сами.
followups-step-what-again = Напишите, что нужно сделать, или выберите готовый вариант.
followups-step-ask-when = «{ $text }» — когда?
followups-step-type-when = Напишите дату и время, например «завтра 16:00» или «25.12 10:30».
followups-when-bad-date = Не понял дату. Пример: «завтра 16:00» или «25.12 10:30».
followups-when-bad-time = Не понял время. Пример: «завтра 16:00».
followups-when-needs-time = Укажите и время, например «завтра 16:00».
followups-when-past = Это время уже прошло — укажите время в будущем.
followups-too-long = Слишком длинно: { $length } символов, а можно не больше { $limit }. Сократите и пришлите ещё раз — ничего не сохранено.
followups-step-saved = ✅ Шаг по заявке #{ $number } сохранён: { $text } — { $when }. Напомню вовремя.
followups-step-moved = 🔁 Шаг по заявке #{ $number } «{ $text }» перенесён на { $when }.
followups-step-done = ✔️ Шаг по заявке #{ $number } выполнен: { $text }.
followups-step-not-open = Этот шаг уже закрыт.
followups-step-ask-who = Кому передать шаг «{ $text }»?
followups-step-assigned = 👤 Шаг «{ $text }» передан: { $name }.
followups-step-given = 👤 { $by } передал(а) вам шаг по заявке #{ $number }: { $text } — { $when }.

followups-step-button-done = ✅ Сделано
followups-step-button-snooze = ⏰ Через час
followups-step-button-tomorrow = 🌅 Завтра
followups-step-button-move = 📅 Перенести
followups-step-button-assign = 👤 Передать другому

followups-step-due = ⏰ Пора: { $text } (заявка #{ $number }, срок { $when }).
followups-step-overdue = ⚠️ Просрочен шаг по заявке #{ $number }: { $text } (срок { $when }, исполнитель { $assignee }).
followups-step-escalated = 🚨 Шаг по заявке #{ $number } давно просрочен: { $text } (срок { $when }, исполнитель { $assignee }).

followups-meeting-ask-when = 🗓 Встреча по заявке #{ $number }. Когда? Выберите или напишите, например «завтра 15:00».
followups-meeting-ask-duration = Сколько она продлится?
followups-meeting-minutes = { $minutes } мин
followups-meeting-bad-duration = Выберите длительность кнопкой или напишите число минут от 15 до 480.
followups-meeting-ask-place = Где? Напишите адрес или ссылку на звонок.
followups-meeting-ask-participants = Кто идёт со стороны команды? Отметьте и нажмите «Готово».
followups-meeting-people-done = ✔️ Готово
followups-meeting-use-buttons = Ответьте кнопками под сообщением выше.
followups-meeting-ask-our-goal = Какая <b>наша цель</b> на встрече? Например: «договориться о пилоте на 2 объекта».
followups-meeting-ask-client-goal = Какая <b>цель клиента</b>? Например: «понять сроки внедрения и стоимость».
followups-meeting-goal-required = { $goal ->
    [our-goal] Без нашей цели встреча — пустой формат. Напишите, чего мы хотим добиться (хотя бы пару слов).
    [client-goal] Без цели клиента встреча — пустой формат. Напишите, чего хочет клиент (хотя бы пару слов).
   *[other] Встреча не сохранена: нужны и наша цель, и цель клиента.
}
followups-meeting-ask-moderator = Кто ведёт встречу?
followups-meeting-summary = <b>Встреча по заявке #{ $number }</b>
    Когда: { $when }, { $minutes } мин
    Где: { $place }
    Наша цель: { $our }
    Цель клиента: { $client }
    Ведёт: { $moderator }
    Участники: { $people }
followups-meeting-save = ✅ Сохранить
followups-meeting-drop = ✖️ Отменить
followups-meeting-dropped = Встреча не запланирована.
followups-meeting-start-passed = Время начала встречи уже прошло, пока она не была сохранена. Укажите новое время — остальное сохранится.
followups-meeting-parked = Заявка #{ $number } на этапе «{ $stage }». Чтобы запланировать встречу, сначала нажмите «Вернуться к работе».
followups-meeting-saved = ✅ Встреча по заявке #{ $number } запланирована. Участникам напомню за день и за час.
followups-meeting-day = 🗓 <b>Завтра встреча</b> по заявке #{ $number } ({ $client }): { $when }, { $minutes } мин.
followups-meeting-hour = ⏰ <b>Через час встреча</b> по заявке #{ $number } ({ $client }): { $when }, { $minutes } мин.
followups-meeting-details = Где: { $place }
    Наша цель: { $our }
    Цель клиента: { $client }
    Ведёт: { $moderator }
    Участники: { $people }
followups-meeting-missing = ⚠️ <b>В заявке не хватает обязательных данных</b> — уточните у клиента на встрече:
    { $fields }
followups-meeting-checklist = <b>Подготовка:</b>
    ☐ перечитать бриф ниже
    ☐ подготовить вопросы под цель клиента
    ☐ проверить место или ссылку
    ☐ договориться с ведущим, кто что говорит
followups-meeting-brief = <b>Бриф:</b>
followups-meeting-brief-more = … остальное — в полном брифе по заявке.
followups-meeting-ended = 🏁 Встреча по заявке #{ $number } должна была закончиться. Она состоялась?
followups-held-yes = ✅ Да, записать итоги
followups-held-no = ✖️ Не состоялась
followups-meeting-not-held = Встреча по заявке #{ $number } отменена, заявка снова в работе.
followups-meeting-answered = Про встречу по заявке #{ $number } уже ответили.
followups-meeting-not-yet = Встреча по заявке #{ $number } ещё не началась: она назначена на { $when }. Отметить, состоялась ли она, можно после её начала.

followups-recap-ask-discussed = 📝 Итоги встречи по заявке #{ $number }. Что обсудили? Коротко, своими словами.
followups-recap-ask-discussed-again = Напишите текстом, что обсудили на встрече.
followups-recap-ask-step = Следующий шаг: что нужно сделать?
followups-recap-ask-who = Кто делает?
followups-recap-ask-when = До какого срока?
followups-recap-step-added = Шагов в итогах: { $count }. Добавить ещё?
followups-recap-more = ➕ Ещё шаг
followups-recap-finish = ✅ Это всё
followups-recap-step-passed = Срок шага { $index } «{ $text }» уже прошёл, пока итоги не были готовы. До какого срока его сделать?
followups-recap-closed = Заявка #{ $number } закрыта, пока писались итоги: они не сохранены, а их шаги не запланированы.
followups-recap-ready = Итоги по заявке #{ $number } готовы. Следующее сообщение можно переслать клиенту:
followups-recap-client = Добрый день!

    Спасибо за встречу { $day } — коротко фиксируем, о чём договорились.

    Обсудили:
    { $discussed }

    Следующие шаги:
    { $steps }

    Пожалуйста, подтвердите, что всё верно, или напишите, что поправить.
followups-recap-client-step = { $index }. { $text } — { $who }, до { $when }
followups-recap-ask-answer = Что ответил клиент на итоги по заявке #{ $number }? Буду напоминать, пока не отметите.
followups-recap-button-confirmed = ✅ Подтвердил
followups-recap-button-corrections = ✏️ Попросил поправить
followups-recap-button-no-answer = ⏳ Пока не ответил
followups-recap-ask-corrections = Что клиент попросил поправить?
followups-recap-corrections-saved = ✏️ Правки записаны: { $text }. Отправьте клиенту исправленные итоги и отметьте его ответ.
followups-recap-recorded-confirmed = ✅ Клиент подтвердил итоги — встреча засчитана как успешная.
followups-recap-recorded-no-answer = ⏳ Записал: ответа пока нет. Напомню завтра.
followups-recap-already = Ответ по итогам заявки #{ $number } уже записан.
followups-recap-status-sent = итоги отправлены
followups-recap-status-no-answer = клиент пока не ответил
followups-recap-status-corrections = клиент просил правки
followups-recap-chase = 🔔 Итоги встречи по заявке #{ $number } ещё не подтверждены ({ $status }). Что ответил клиент?
followups-recap-escalated = 🚨 Итоги встречи по заявке #{ $number } не подтверждены клиентом уже { $days } дн. Ответственный: { $owner }. { $corrections }
