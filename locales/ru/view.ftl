## Карточка заявки для каждого: /r, ссылка, кнопки списков, живая панель действий.

view-usage = Откройте заявку по номеру: <code>/r 123</code>. Свои заявки — /my.
view-not-found = Заявки #{ $number } нет.
view-refused = Заявка #{ $number } вам недоступна: её видят автор, эксперт, участники встреч и команда.
view-meeting = 🗓 Встреча: { $when } · { $place }
view-step = ➡️ Следующий шаг: { $text } — { $who }, до { $when }
view-no-step = ➡️ Следующий шаг не назначен.
view-stale-move = Заявка #{ $number } уже на этапе «{ $stage }» — этот шаг отсюда недоступен. Ниже актуальные кнопки.
view-open = #{ $number } · { $client }
view-button-open = 📄 Открыть заявку #{ $number }

## Файлы и заметки заявки.

files-button-add = 📎 Файл или заметка
files-button-add-for-author = ✉️ Автору
files-button-all = 📤 Все файлы и заметки
files-head = <b>Файлы и заметки</b> ({ $count }):
files-line = • { $when } · { $who } · { $what }
files-with-form = с анкетой
files-photo = фото
files-ask = Пришлите документ или фото, или напишите заметку — я добавлю их к заявке #{ $number }.
files-ask-for-author = Пришлите документ или фото, или напишите заметку для автора заявки #{ $number } — я передам.
files-added = ✅ Добавлено к заявке #{ $number }.
files-added-for-author = ✅ Добавлено к заявке #{ $number } и отправлено автору.
files-unsupported = Я могу добавить к заявке документ, фото или текст. Пришлите одно из них или откройте другую команду.
files-not-allowed = К заявке #{ $number } добавлять могут автор, эксперт, руководители и участники встреч.
files-which-request = Не понял, к какой заявке это добавить. Откройте её (<code>/r 123</code>) и нажмите «📎 Файл или заметка».
files-edit-unchanged = ✏️ Правка не меняет то, что уже добавлено к заявке #{ $number }. Чтобы дополнить, ответьте на сообщение о ней ещё раз.
files-none = У заявки #{ $number } пока нет файлов и заметок.
files-told-note = 📝 { $who } добавил(а) заметку к заявке #{ $number }:
    { $note }
files-told-file = 📎 { $who } добавил(а) файл к заявке #{ $number }: { $name }
files-note-by = <b>{ $who }</b> · { $when }

## /work и /find.

work-empty = Сейчас в работе нет ни одной заявки.
work-head = <b>В работе</b> — { $count }
work-owner = 👤 <b>{ $owner }</b>
work-stage = <i>{ $stage }</i>
work-line = { $overdue ->
        [yes] 🔴
       *[other] •
    } #{ $number } · { $client } · { $age } на этапе{ $steps ->
        [0] {""}
       *[other] {" "}· просрочено шагов: { $steps }
    }
work-age = { $days ->
        [0] { $hours } ч { $minutes } мин
       *[other] { $days } дн { $hours } ч
    }
work-more = …и ещё { $count }. Откройте нужную по номеру: <code>/r 123</code> или <code>/find</code>.
work-postponed-head = ⏸ <b>Отложены</b> — { $count }
work-postponed-line = { $late ->
        [yes] ⏰ #{ $number } · { $client } · { $owner } · вернулась { $day }, ответа нет
       *[other] • #{ $number } · { $client } · { $owner } · вернётся { $day }
    }
work-postponed-more = …и ещё { $count } отложенных.
find-usage = Что искать? Номер, компанию, телефон, e-mail или слово из анкеты: <code>/find Ромашка</code>.
find-nothing = По запросу «{ $query }» ничего не нашлось.
find-head = <b>Найдено по «{ $query }»</b>: { $count }
find-line = • #{ $number } · { $client } — <i>{ $stage }</i>
