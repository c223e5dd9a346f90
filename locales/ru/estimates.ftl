## Оценщик: оценка по заявке в срок по регламенту, доработка, просрочка.

estimates-button = 🧮 Запросить оценку
estimates-nobody = Нет оценщиков с нужными для этой заявки компетенциями: попросите администратора выдать роль в /team.
estimates-pick = Кто оценит заявку #{ $number }?
estimates-anyone = 🎲 Кто свободен
estimates-ask-scope = Что должен оценить { $estimator } по заявке #{ $number }? Напишите одним сообщением.
estimates-ask-scope-again = Напишите текстом, что нужно оценить.
estimates-ask-due = К какому сроку нужна оценка? Нажмите кнопку или напишите дату и время, например «пятница 12:00».
estimates-default-due = По регламенту: { $days } раб. дн. — { $due }
estimates-asked = 🧮 Оценка по заявке #{ $number } запрошена у { $estimator }, срок — { $due }. Напомню оценщику заранее.
estimates-brief =
    🧮 Нужна оценка по заявке #{ $number } ({ $client }).
    Просит: { $owner }
    Срок: { $due }

    Что оценить: { $scope }
estimates-accept = ✅ Принять
estimates-decline = 🙅 Отказаться
estimates-accepted = Оценка по заявке #{ $number } за вами. Когда будет готово — «Сдать оценку».
estimates-deliver = 📤 Сдать оценку
estimates-already = Эта оценка по заявке #{ $number } уже не ждёт такого ответа.
estimates-ask-decline = Почему отказываетесь от оценки по заявке #{ $number }? Напишите причину.
estimates-ask-decline-again = Напишите причину отказа текстом.
estimates-declined = Отказ по заявке #{ $number } записан, владелец узнает причину.
estimates-ask-file = Пришлите файл оценки по заявке #{ $number } (документ или фото).
estimates-ask-file-again = Пришлите оценку файлом — документом или фото.
estimates-ask-summary = Теперь одна строка итога: сумма и сроки, например «1,2 млн ₽, 3 месяца».
estimates-ask-summary-again = Итог — одной строкой, не длиннее { $limit } символов.
estimates-delivered = Оценка по заявке #{ $number } сдана — { $verdict }.
estimates-on-time = в срок
estimates-late = с опозданием
estimates-soon = ⏳ Срок оценки по заявке #{ $number } — { $due }. Успеваете?
estimates-soon-passed = ⏳ Срок оценки по заявке #{ $number } прошёл — { $due }. Сдайте её, как только будет готова.
estimates-overdue = 🚨 Оценка по заявке #{ $number } не сдана в срок. Оценщик: { $estimator }.
estimates-told-accepted = { $estimator } взял(а) оценку по заявке #{ $number }.
estimates-told-declined = { $estimator } отказался(-ась) оценивать заявку #{ $number }. Причина: { $reason }
estimates-told-delivered = 🧮 { $estimator } сдал(а) оценку по заявке #{ $number } — { $verdict }.
    Итог: { $summary }
estimates-open-file = 📎 Файл оценки
estimates-rework = 🔁 На доработку
estimates-ask-rework = Что доработать в оценке по заявке #{ $number }? Напишите одним сообщением.
estimates-rework-sent = Оценка по заявке #{ $number } отправлена на доработку.
estimates-rework-brief = 🔁 Оценку по заявке #{ $number } вернули на доработку: { $reason }
    Новый срок: { $due }
estimates-line = 🧮 Оценка ({ $estimator }): { $status }, срок { $due } — { $scope }
estimates-line-summary = ↳ Итог: { $summary }
estimates-status-requested = ждёт ответа оценщика
estimates-status-accepted = в работе
estimates-status-declined = отказ
estimates-status-delivered = сдана
estimates-status-rework = на доработке
estimates-status-cancelled = отменена (заявка закрыта)
estimates-told-closed = ✖️ Оценка по заявке #{ $number } больше не нужна: заявка закрыта.
