## Командная группа: карточка заявки, взятие, бриф, этапы, сроки.

claims-card-head = { $priority ->
    [hot] 🔥
   *[other] 📋
} <b>Заявка #{ $number }</b> · { $scenario }
claims-card-meta = Приоритет: { $priority } · автор { $author } · { $time }
claims-card-label = <b>{ $label }</b>
claims-card-open = ⏳ Ждёт эксперта.
claims-card-taken = 👤 Взял(а) { $owner } · { $time } · этап: <b>{ $stage }</b>
claims-card-shortened = ✂️ Длинные ответы сокращены — весь текст по кнопке «Полный текст».

claims-priority-hot = срочная
claims-priority-normal = обычная

claims-stage-new = новая
claims-stage-taken = взята
claims-stage-meeting-planned = встреча назначена
claims-stage-meeting-held = встреча проведена
claims-stage-recap-confirmed = итоги согласованы
claims-stage-proposal-sent = КП отправлено
claims-stage-won = выиграна
claims-stage-lost = проиграна
claims-stage-postponed = отложена
claims-stage-nurture = на прогреве
claims-stage-junk = закрыта как мусор
claims-stage-with-reason = { $stage } ({ $reason })
claims-stage-with-date = { $stage } до { $day }

claims-button-take = ✋ Беру
claims-button-reassign = 🔁 Переназначить
claims-button-full = 📄 Полный текст
claims-button-release = ↩️ Вернуть в очередь
claims-button-to-taken = ▶️ Вернуться к работе
claims-button-to-meeting-planned = 📅 Встреча назначена
claims-button-to-meeting-held = 🤝 Встреча проведена
claims-button-to-recap-confirmed = 📝 Итоги согласованы
claims-button-to-proposal-sent = 📨 КП отправлено
claims-button-to-won = 🏆 Выиграна
claims-button-to-lost = ❌ Проиграна
claims-button-to-postponed = ⏸ Отложить

claims-brief-lost-reason = <b>Причина проигрыша:</b> { $reason }
claims-brief-postponed = <b>Отложена до:</b> { $day }

claims-topic-name = { $stage ->
    [won] 🏆
    [lost] ❌
    [postponed] ⏸
    [new] ⏳
   *[other] 🔧
} #{ $number } · { $client } · { $owner }
claims-topic-nobody = без эксперта
claims-topic-opened = Тема заявки #{ $number }. Карточка: { $link }

claims-refused-not-in-group = Брать заявки могут только участники командной группы.
claims-refused-not-expert = Брать заявки могут только эксперты. Роль эксперта выдаёт администратор.
claims-refused-missing-tags = Для этой заявки нужна компетенция: { $tags }.

claims-update-taken = ✋ Заявку #{ $number } взял(а) { $owner }.
claims-update-assigned = 🔁 Заявка #{ $number } назначена на { $owner } (назначил: { $manager }).
claims-the-bot = бот, по очереди
claims-update-released = ↩️ { $owner } вернул(а) заявку #{ $number } в очередь — она снова свободна.
claims-update-stage = Заявка #{ $number }: { $stage } ({ $owner }).

claims-author-taken = Вашу заявку #{ $number } взял(а) { $owner }.
claims-author-released = Эксперт вернул вашу заявку #{ $number } в очередь; её возьмёт другой эксперт.
claims-author-stage = Заявка #{ $number }: { $stage }. Эксперт: { $owner }.
claims-owner-reassigned = Заявка #{ $number } передана: теперь ею занимается { $owner }.

claims-taken-you = Заявка #{ $number } ваша. Бриф — в личных сообщениях.
claims-taken-start-bot = Заявка #{ $number } ваша, но я не могу написать вам в личку. Откройте чат со мной и нажмите «Старт».
claims-already-taken = Заявку #{ $number } уже взял(а) { $owner }.
claims-already-yours = Заявка #{ $number } уже ваша.
claims-closed = Заявка #{ $number } уже закрыта.
claims-full-sent = Полный текст — в личных сообщениях.
claims-start-bot-first = Я не могу написать вам в личку. Откройте чат со мной и нажмите «Старт».
claims-managers-only = Это могут только руководители.
claims-no-experts = Для заявки #{ $number } нет других подходящих экспертов.
claims-choose-expert = Кому передать заявку #{ $number }?
claims-choose-sent = Список экспертов — в личных сообщениях.

claims-overdue-1 = ⏰ Заявку #{ $number } никто не взял за { $minutes } мин{ $working ->
    [true] {" "}рабочего времени
   *[other] {""}
}. { $experts }, посмотрите, пожалуйста.
claims-overdue-2 = 🚨 Заявка #{ $number } ждёт уже { $minutes } мин{ $working ->
    [true] {" "}рабочего времени
   *[other] {""}
}. { $experts }
claims-overdue-nobody = Подходящих экспертов нет — нужен руководитель
claims-manager-overdue-1 = ⏰ Заявку #{ $number } не взяли за { $minutes } мин{ $working ->
    [true] {" "}рабочего времени
   *[other] {""}
}.
claims-manager-overdue-2 = 🚨 Заявка #{ $number } не взята уже { $minutes } мин{ $working ->
    [true] {" "}рабочего времени
   *[other] {""}
}. Назначьте эксперта: /assign { $number } @эксперт
claims-manager-auto-assigned = 🚨 Заявку #{ $number } не взяли за { $minutes } мин{ $working ->
    [true] {" "}рабочего времени
   *[other] {""}
}. Бот назначил её по очереди: { $name }.

claims-lost-ask = Почему заявка #{ $number } проиграна?
claims-lost-type = Напишите причину проигрыша заявки #{ $number } одним сообщением.
claims-lost-budget = Нет бюджета
claims-lost-competitor = Выбрали конкурента
claims-lost-silent = Клиент пропал
claims-lost-timing = Не те сроки
claims-lost-profile = Не наш профиль
claims-lost-other = Другое — напишу

claims-postpone-ask = До какого дня отложить заявку #{ $number }?
claims-postpone-type = Ввести дату
claims-postpone-type-ask = Напишите дату, до которой отложить заявку #{ $number }, например «15.04» или «через 2 недели».
claims-postpone-bad-date = Не понял дату. Напишите день в будущем, например «15.04».
claims-postponed-until = Заявка #{ $number }: отложена до { $day }.

claims-not-yours = Заявка #{ $number } сейчас не ваша — кнопка устарела.
claims-stage-unchanged = Этап заявки #{ $number } уже изменился — кнопка устарела.
claims-stage-done = Заявка #{ $number }: { $stage }.
claims-released = Заявка #{ $number } возвращена в очередь.
claims-no-request = Заявки #{ $number } нет.
claims-unknown-person = Не знаю такого человека: он должен хотя бы раз написать боту.
claims-cannot-assign = Нельзя назначить { $name }: { $why }
claims-assign-unchanged = Заявка #{ $number } уже у этого эксперта или закрыта.
claims-assigned = Заявка #{ $number } назначена: { $name }.
claims-card-refused = ⚠️ Заявку #{ $number } не удаётся опубликовать в группе команды: { $problem } Бот пробует снова каждые 10 минут и опубликует её, как только сможет; пока она видна в /queue с пометкой «не в группе».
claims-card-refused-not-found = группа из настройки TEAM_CHAT_ID не найдена. Проверьте TEAM_CHAT_ID (id группы — отрицательное число) и что бот добавлен в группу.
claims-card-refused-not-member = бота нет в группе. Добавьте его: группа → «Добавить участников».
claims-card-refused-no-rights = боту нельзя писать в группе. Разрешите ему отправлять сообщения или сделайте администратором.
claims-card-refused-other = Telegram отвечает «{ $error }». Проверьте группу и права бота в ней.
claims-card-refused-migrated = группа стала супергруппой, и id у неё теперь другой: { $new_id }. Впишите TEAM_CHAT_ID={ $new_id } в настройки и перезапустите бота.
claims-group-upgraded = ⚠️ Группа команды стала супергруппой, и её id сменился: теперь { $new_id }. По старому id бот писать в неё не может: впишите TEAM_CHAT_ID={ $new_id } в настройки и перезапустите бота. До тех пор новые заявки ждут в /queue.
claims-bot-removed = ⚠️ { $who } удалил(а) бота из группы команды. Новые заявки не попадут в группу и будут ждать в /queue, пока бота не вернут: группа → «Добавить участников».
claims-bot-left = ⚠️ Бота больше нет в группе команды. Новые заявки не попадут в группу и будут ждать в /queue, пока бота не вернут: группа → «Добавить участников».
claims-bot-back = ✅ Бота добавили в группу команды. { $count ->
    [0] Все заявки уже в группе.
   *[other] Заявок ждало публикации: { $count }, они публикуются сейчас.
}

claims-brief-crm = 🔗 { $crm ->
    [amocrm] amoCRM
    [bitrix24] Битрикс24
   *[other] { $crm }
}: { $entity ->
    [deal] сделка
   *[other] лид
} { $id }
claims-assign-blocked = { $name } заблокировал(а) бота: бриф и напоминания до него не дойдут. Назначьте другого эксперта или попросите его снова открыть чат с ботом.
claims-assigned-undelivered = ⚠️ { $name } ещё не открывал(а) чат с ботом, поэтому бриф не дошёл. Попросите открыть бота и нажать «Старт»: заявка будет в /mine.
claims-expert-departed-left = 🚪 { $name } вышел(а) из группы команды, а за ним(ней) ещё { $count } { $count ->
    [one] открытая заявка
    [few] открытые заявки
   *[many] открытых заявок
}: { $numbers }. Передайте их другому эксперту: откройте заявку → «🔁 Переназначить».
claims-expert-departed-role = 🚪 { $name } больше не эксперт, а за ним(ней) ещё { $count } { $count ->
    [one] открытая заявка
    [few] открытые заявки
   *[many] открытых заявок
}: { $numbers }. Передайте их другому эксперту: откройте заявку → «🔁 Переназначить».
claims-bot-demoted = ⚠️ { $who } снял(а) с бота права администратора в группе команды. Без них бот не открывает тему для каждой заявки: карточки и новости пойдут в «General». Верните права: группа → «Администраторы» → бот, с правом «Управление темами».
claims-topics-refused = ⚠️ В группе команды включены темы, но бот не смог открыть тему: Telegram отвечает «{ $error }». Пока так, карточки и новости заявок идут в «General». Проверьте, что бот — администратор группы с правом «Управление темами».
