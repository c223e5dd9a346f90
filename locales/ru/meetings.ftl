## Встречи, которые можно перенести, изменить или отменить; «не смогу прийти».

meetings-button = 🗓 Изменить встречу
meetings-move = 🕒 Перенести
meetings-place = 📍 Место
meetings-goals = 🎯 Цели
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
meetings-told-cant = 🙅 { $person } не сможет прийти на встречу по заявке #{ $number } ({ $when }).
