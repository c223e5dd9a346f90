## Stage limits, deal life and nurture.

pipeline-stage-warning = ⏳ Заявка #{ $number } на этапе «{ $stage }» почти вышла за срок: он истекает { $due }. Сдвиньте её дальше или отметьте итог.
pipeline-stage-overdue = 🚨 Заявка #{ $number } ({ $owner }) просрочила этап «{ $stage }»: срок истёк { $due }.
pipeline-owner-nurtured = 💤 Заявка #{ $number } без движения { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    } и переведена в прогрев. Я буду напоминать о ней каждые { $cadence ->
        [one] { $cadence } день
        [few] { $cadence } дня
       *[many] { $cadence } дней
    }. Когда клиент оживёт — нажмите «Вернуть в работу».
pipeline-nurture-reminder = 💤 Напоминание о заявке #{ $number } в прогреве. Пора связаться с клиентом? Если дело сдвинулось — верните её в работу.
pipeline-back-to-work = ↩️ Вернуть в работу
pipeline-postpone-again = ⏸ Отложить ещё
pipeline-postpone-day-passed = Отложить до { $day } уже нельзя: этот день не в будущем. Напишите другую дату.
pipeline-postponed-back = ⏰ Сегодня возвращается отложенная заявка #{ $number } ({ $client }). Вернуть её в работу или отложить ещё?
pipeline-postponed-ignored = 🚨 Отложенная заявка #{ $number } должна была вернуться { $day }, но { $owner } не ответил(а). Проверьте, что с ней.
pipeline-back-done = Заявка #{ $number } снова в работе: { $stage }.
pipeline-group-nurtured = 💤 Заявка #{ $number } ({ $owner }) без движения — переведена в прогрев.
pipeline-author-nurtured = Заявка #{ $number } пока без движения и переведена в прогрев: эксперт будет периодически напоминать о ней клиенту.
pipeline-group-back = ↩️ { $owner } вернул(а) заявку #{ $number } из прогрева: { $stage }.
pipeline-author-back = Заявка #{ $number } снова в работе: { $stage }.
