## Правила этапов: что нужно для перехода, действия менеджера, уведомления автору.

stages-refused-manager-only = Этот переход по заявке #{ $number } делает только менеджер.
stages-refused-needs-record = Этот этап заявки #{ $number } ставится только по записи: встречи, её итогов или ответа клиента.
stages-refused-needs-reason = Для этого перехода по заявке #{ $number } нужна причина.
stages-refused-needs-date = Для переноса заявки #{ $number } нужна дата.

stages-needs-meeting = По заявке #{ $number } нет запланированной встречи. Сначала запланируйте её — этап «встреча проведена» ставится ответом «встреча состоялась».
stages-was-it-held = Встреча по заявке #{ $number } состоялась?
stages-needs-recap = По заявке #{ $number } нет итогов, ждущих ответа клиента. Итоги согласует клиент: сначала отметьте встречу проведённой и запишите итоги.

stages-card-closed = Этап: <b>{ $stage }</b>

stages-steer-stale = Заявка #{ $number } уже на этапе «{ $stage }» — это действие больше не подходит.
stages-steer-reopen = ♻️ Переоткрыть
stages-steer-junk = 🗑 Закрыть как мусор
stages-steer-move = 🔀 Сменить этап за владельца

stages-junk-ask = Почему заявка #{ $number } — мусор?
stages-junk-spam = Спам
stages-junk-duplicate = Дубль другой заявки
stages-junk-not-profile = Не наш профиль
stages-junk-withdrew = Клиент отказался
stages-junk-other = Другое — напишу
stages-junk-duplicate-of = Дубль заявки { $reason }

stages-move-ask = Заявка #{ $number } сейчас на этапе «{ $stage }». На какой этап её перевести?

stages-ask-reopen = Почему переоткрываете заявку #{ $number }? Напишите причину одним сообщением.
stages-ask-duplicate = Дублем какой заявки является #{ $number }? Напишите номер, например «#12».
stages-ask-junk = Почему заявка #{ $number } — мусор? Напишите причину одним сообщением.
stages-ask-move = Заявка #{ $number } перейдёт на этап «{ $stage }». Напишите причину одним сообщением — её увидят владелец и автор.
stages-ask-override = ⚠️ Переход на этап «{ $stage }» по заявке #{ $number } обходит правила (нет записи встречи или итогов). Он будет записан как исключение и посчитан в отчётах отдельно. Напишите причину одним сообщением.
stages-reason-empty = Напишите причину текстом, одним сообщением.
stages-reopened = Заявка #{ $number } переоткрыта, этап: { $stage }.

stages-owner-moved = Менеджер { $manager } перевёл вашу заявку #{ $number }: { $stage }. Причина: { $reason }
stages-author-won = 🏆 Ваша заявка #{ $number } выиграна! Спасибо за клиента.
stages-author-lost = Ваша заявка #{ $number } проиграна. Причина: { $reason }
stages-author-junk = Ваша заявка #{ $number } закрыта без работы. Причина: { $reason }
stages-author-reopened = Ваша заявка #{ $number } снова в работе: { $stage }. Причина: { $reason }
stages-author-moved = Менеджер перевёл вашу заявку #{ $number }: { $stage }. Причина: { $reason }
stages-refused-meeting-ahead = По заявке #{ $number } запланирована встреча. Чтобы вернуть заявку в работу, отмените встречу: «🗓 Изменить встречу» → «✖️ Отменить встречу».
