## Встречи, которые можно перенести, изменить (место, цели, участники, ведущий) или отменить; «не смогу прийти».

meetings-button = 🗓 Изменить встречу
meetings-move = 🕒 Перенести
meetings-place = 📍 Место
meetings-goals = 🎯 Цели
meetings-people = 👥 Участники
meetings-lead = 🎙 Ведущий
meetings-cancel = ✖️ Отменить встречу
meetings-cant = 🙅 Не смогу прийти
meetings-manage = 🗓 Встреча по заявке #{ $number }: { $when }, { $place }. Что изменить?
meetings-none-planned = По этой заявке нет запланированной встречи.
meetings-not-planned = Эта встреча уже не запланирована — кнопка устарела.
meetings-ask-move = На когда перенести встречу по заявке #{ $number }? Напишите, например «завтра 15:00».
meetings-ask-place = Где теперь встреча по заявке #{ $number }? Адрес или ссылка.
meetings-ask-goals = Какая теперь наша цель на встрече по заявке #{ $number }? Конкретный результат, не «познакомиться».
meetings-ask-cancel = Почему отменяется встреча по заявке #{ $number }? Участники увидят причину.
meetings-type-text = Напишите ответ текстом.
meetings-moved = ✅ Встреча по заявке #{ $number } перенесена на { $when }. Напоминания перепланированы, участники предупреждены.
meetings-edited = ✅ Встреча по заявке #{ $number } изменена, участники предупреждены.
meetings-cancelled = Встреча по заявке #{ $number } отменена. Участники предупреждены, итоги не понадобятся.
meetings-cant-sent = Спасибо, владелец встречи по заявке #{ $number } предупреждён.
meetings-told-moved = 🕒 Встреча по заявке #{ $number } перенесена: теперь { $when }, { $place }.
meetings-told-edited =
    ✏️ Встреча по заявке #{ $number } ({ $when }) изменена.
    Где: { $place }
    Наша цель: { $our }
    Цель клиента: { $client }
meetings-told-cancelled = ✖️ Встреча по заявке #{ $number } ({ $when }) отменена. Причина: { $reason }
meetings-told-closed = ✖️ Встреча по заявке #{ $number } ({ $when }) отменена: заявка закрыта.
meetings-told-cant = 🙅 { $person } не сможет прийти на встречу по заявке #{ $number } ({ $when }).
meetings-gone = Встреча по заявке #{ $number } уже не запланирована: { $status ->
        [held] она уже состоялась
       *[other] её отменили
    }. Кнопка устарела — вот заявка сейчас.
meetings-ask-people = 👥 Кто идёт на встречу по заявке #{ $number }? Отметьте людей и нажмите «Готово». Добавленным придёт приглашение, убранным — что приходить не нужно.
meetings-lead-stays = { $person } ведёт встречу. Чтобы убрать его из участников, сначала выберите другого ведущего.
meetings-people-done = Список участников сохранён.
meetings-people-saved = { $changed ->
        [yes] ✅ Участники встречи по заявке #{ $number } изменены, добавленные и убранные предупреждены.
       *[other] Участники встречи по заявке #{ $number } не изменились.
    }
    Участники: { $people }
meetings-ask-lead = 🎙 Кто ведёт встречу по заявке #{ $number }? Сейчас ведёт { $moderator }. Ведущим может быть только участник встречи.
meetings-lead-not-participant = Этот человек больше не участник встречи по заявке #{ $number }. Сначала добавьте его в участники.
meetings-lead-saved = ✅ Встречу по заявке #{ $number } ведёт { $moderator }.
meetings-told-invited = 🗓 <b>Вас пригласили на встречу</b> по заявке #{ $number } ({ $client }): { $when }, { $minutes } мин. Напомню за день и за час.
meetings-told-uninvited = 👋 Вы больше не участник встречи по заявке #{ $number } ({ $when }) — приходить не нужно, напоминаний не будет.
meetings-told-lead = 🎙 Встречу по заявке #{ $number } ({ $when }) теперь ведёт { $person }.
