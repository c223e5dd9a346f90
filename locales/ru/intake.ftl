## Заявка: выбор формы, вопросы, сводка, отправка, черновики.

intake-started =
    <b>{ $scenario }</b>
    { $description }

    Я задам вопросы по одному. Назад — кнопка «Назад», отменить — /cancel.
intake-choose = Какую заявку оформляем? Выберите форму:
intake-choose-with-buttons = Выберите форму кнопкой ниже или отмените — /cancel.

intake-step = <b>Шаг { $step } из { $total }</b> · { $scenario }
intake-question = <b>{ $label }</b>
intake-hint = <i>{ $hint }</i>
intake-optional = Необязательный вопрос — можно нажать «Пропустить».
intake-current = Сейчас: { $answer }
    Напишите новый ответ или нажмите «Оставить как есть».
intake-type-other = Напишите свой вариант одним сообщением.
intake-need-time = Во сколько? Напишите время, например: 16:00.
intake-files-received = Уже получено файлов: { $count }.

intake-how-short-text = Напишите ответ одним сообщением.
intake-how-long-text = Напишите ответ одним сообщением, можно подробно.
intake-how-integer = Напишите число.
intake-how-money = Напишите сумму, например: 1,5 млн.
intake-how-phone = Напишите номер или нажмите «Поделиться контактом» внизу.
intake-how-email = Напишите адрес почты.
intake-how-url = Напишите адрес сайта.
intake-how-single-choice = Выберите вариант кнопкой.
intake-how-multi-choice = Отметьте один или несколько вариантов и нажмите «Готово».
intake-how-yes-no = Нажмите «Да» или «Нет».
intake-how-date = Нажмите кнопку или напишите дату: «25.12», «завтра», «через 2 дня».
intake-how-datetime = Нажмите кнопку или напишите дату и время: «завтра 16:00», «25.12 10:30».
intake-how-year-range = Напишите год или диапазон, например: 2019–2022.
intake-how-attachments = Отправьте документы или фото (можно несколько), затем нажмите «Готово».

intake-error = ⚠️ { $problem }
intake-wrong-kind-text = ⚠️ Здесь нужен ответ текстом. Напишите его одним сообщением.
intake-wrong-kind-button = ⚠️ Здесь нужно выбрать вариант кнопкой под вопросом.
intake-wrong-kind-file = ⚠️ Здесь нужен документ или фото. Прикрепите файл скрепкой 📎 и нажмите «Готово».
intake-file-received =
    Получено файлов: { $count }. Отправьте ещё или нажмите «Готово».
intake-stale-button = Эта кнопка относится к другому вопросу. Ответьте на последний вопрос в чате.
intake-no-previous = Это первый вопрос.
intake-edit-too-late = ✏️ Правка не меняет ответ: он уже принят. Чтобы изменить ответ, нажмите «⬅️ Назад» под вопросом или кнопку с номером ответа в сводке перед отправкой.
intake-edit-outside = ✏️ Правка сообщения ничего не меняет. Новая заявка — /new, ваши заявки — /my.
intake-lost = Черновик заявки не найден. Начните заново — /new.
intake-form-changed = Форма заявки изменилась, пока вы её заполняли. Ваши ответы сохранены — продолжим с вопроса, на который ещё нет ответа.
intake-command-in-dialog =
    Сейчас заполняется заявка. Ответьте на вопрос выше или отмените заявку — /cancel.
    Работают также /help и /lang.
intake-moving-on = Принято.
intake-all-answered = Все вопросы пройдены.
intake-share-contact-hint = Или нажмите кнопку внизу, чтобы отправить номер из контакта.

intake-summary-head = <b>Проверьте заявку</b> · { $scenario }
intake-summary-item = <b>{ $number }. { $label }</b>
    { $answer }
intake-summary-footer = Всё верно — нажмите «Отправить». Чтобы исправить ответ, нажмите кнопку с его номером.
intake-use-summary-buttons = Заявка ждёт проверки: нажмите «Отправить» или кнопку ответа, который нужно исправить. Отменить — /cancel.

intake-draft-open =
    У вас есть незаконченная заявка «{ $scenario }» (ответов: { $answered }).
    Продолжить её или удалить?
intake-discarded = Черновик удалён.
intake-cancel-confirm =
    Отменить заявку? Данные ответы ({ $answered }) будут потеряны.
intake-cancelled = Заявка отменена. Новая — /new.
intake-reminder =
    Вы начали заявку «{ $scenario }» и не закончили (ответов: { $answered }).
    Продолжим?

intake-duplicate =
    ⚠️ Похоже, этот клиент уже есть: заявка <b>#{ $number }</b> от { $date } — { $client }.
    Автор: { $author }. Ответственный: { $owner }.
intake-duplicate-outside = ⚠️ Этот клиент уже в работе у нашей команды.
intake-duplicate-more = И ещё похожих заявок: { $count }.
intake-duplicate-question = Всё равно отправить?
intake-no-owner = пока никто
intake-use-duplicate-buttons = Выберите кнопкой: отправить всё равно, вернуться к заявке или удалить её.
intake-dropped = Заявка удалена, ничего не отправлено.

intake-receipt = ✅ Заявка <b>#{ $number }</b> принята: { $scenario }.
intake-receipt-hot = 🔥 Заявка срочная — эксперты увидят её первой.
intake-receipt-next = Статус заявки — в /my. Новая заявка — /new.

intake-button-new = 📝 Новая заявка
intake-button-back = ⬅️ Назад
intake-button-skip = Пропустить ➡️
intake-button-keep = Оставить как есть
intake-button-other = ✏️ Другое — напишу сам
intake-button-done = Готово ✔️
intake-button-files-done = Готово ✔️
intake-button-yes = Да
intake-button-no = Нет
intake-button-ticked = ✅ { $label }
intake-button-share-contact = 📱 Поделиться контактом
intake-button-edit = ✏️ { $number }. { $label }
intake-button-submit = 🚀 Отправить
intake-button-continue = ▶️ Продолжить
intake-button-discard = 🗑 Удалить черновик
intake-button-cancel-confirm = Да, отменить заявку
intake-button-cancel-resume = Нет, продолжить
intake-button-submit-anyway = Всё равно отправить
intake-button-review = Вернуться к заявке
intake-button-drop = Удалить заявку

# Under a question answered with a button: the answer chosen.
intake-answered = ✅ { $answer }
