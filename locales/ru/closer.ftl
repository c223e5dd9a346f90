## Закрывающий: зовут в сделку решить скидку, срок или нестандартное условие.

closer-button = 🤝 Позвать закрывающего
closer-nobody = Закрывающих пока нет: попросите администратора выдать эту роль в /team.
closer-pick = Кого из закрывающих позвать в заявку #{ $number }?
closer-ask-note = Что { $closer } нужно решить по заявке #{ $number }? Скидка, срок, нестандартное условие — напишите одним сообщением.
closer-ask-note-again = Напишите текстом, одним сообщением.
closer-called = { $closer } получил(а) заявку #{ $number } с вашей запиской. Я скажу, что он(а) ответит.
closer-brief =
    🤝 Вас зовут в заявку #{ $number } ({ $client }).
    Зовёт: { $caller }

    Что решить: { $note }
closer-join = ✅ Участвую
closer-decline = 🙅 Решайте без меня
closer-thanks = Спасибо, ответ записан.
closer-already = По заявке #{ $number } вы уже ответили.
closer-ask-time = Когда вам удобно подключиться к заявке #{ $number }? Напишите, например «завтра после 15:00», или нажмите «{ closer-no-time }».
closer-no-time = Без времени
closer-no-time-saved = Хорошо, без времени: владелец знает, что вы участвуете.
closer-time-saved = Записал: владелец заявки #{ $number } знает, когда вы подключитесь.
closer-told-joined = ✅ { $closer } участвует в заявке #{ $number }.
closer-told-declined = { $closer } просит решить заявку #{ $number } без него(неё).
closer-told-time = 🕒 { $closer } подключится к заявке #{ $number }: { $when }
closer-line = 🤝 Закрывающий { $closer }: { $status }{ $time } — { $note }
closer-status-called = ждём ответа
closer-status-joined = участвует
closer-status-declined = без него(неё)
