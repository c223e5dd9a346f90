## Отчёты для руководителей: /report и еженедельный отчёт.

report-managers-only = Отчёты доступны руководителям и администраторам.
report-choose = 📊 <b>Отчёт</b>
    Выберите форму (и источник), затем период — отчёт придёт сразу. Любые даты: <code>/report 01.03.2026 15.03.2026</code>.
report-dates-usage = Укажите две даты: <code>/report 01.03.2026 15.03.2026</code>.
report-unknown-form = Этой формы больше нет. Откройте /report заново.
report-chosen = ✅ { $label }
report-period-tw = Эта неделя
report-period-lw = Прошлая неделя
report-period-tm = Этот месяц
report-period-lm = Прошлый месяц
report-period-q = Квартал
report-all-forms = Все формы
report-all-sources = Все источники
report-period-range = { $start } — { $end }

report-percent = { $value }%
report-minutes = { NUMBER($value, maximumFractionDigits: 0) } мин
report-hours = { NUMBER($value, maximumFractionDigits: 1) } ч
report-days = { NUMBER($value, maximumFractionDigits: 1) } дн.

report-title = 📊 <b>Отчёт: { $title }</b>
report-line-volume = Заявок: { $submitted } · взято: { $taken } · выиграно: { $won } · проиграно: { $lost } · мусор: { $junk }
report-line-conversion = Доля побед: { $win_rate } · заявка → договор: { $conversion } (цель { $target })
report-line-claims = Время до взятия: медиана { $median }, 90% — до { $p90 }; в срок { $in_time } · эскалаций: { $escalations }
report-line-followups = Шаги: в срок { $on_time }, с опозданием { $late }, просрочено сейчас { $overdue } · встреч проведено { $held }, итоги подтверждены: { $confirmed }
report-line-nurture = На прогреве сейчас: { $count }
report-attention = <b>Требует внимания</b>
report-attention-overdue = ⏰ Дольше всех просрочен шаг по заявке #{ $number } ({ $person }), срок был { $due }
report-attention-slowest = 🐢 Самый медленный этап — «{ $stage }»: медиана { $median } при лимите { $limit }
report-attention-overloaded = 🔥 Перегружен(а) { $person }: в работе { $load }

report-table-funnel = Воронка
report-table-stages = Время на этапах
report-table-experts = Эксперты
report-table-authors = Лидогенераторы
report-table-estimators = Оценщики
report-table-closers = Закрывающие
report-table-managers = Руководители
report-col-stage = Этап
report-col-reached = Дошло
report-col-step = Из пред.
report-col-cumulative = От заявок
report-col-target = Цель
report-col-median = Медиана
report-col-p90 = 90%
report-col-limit = Лимит
report-col-breaches = Нарушений
report-col-person = Кто
report-col-taken = Взято
report-col-claim = До взятия
report-col-load = В работе
report-col-meetings = Встречи
report-col-recaps = Итоги подтв.
report-col-won = Выиграно
report-col-overdue = Просрочено
report-col-submitted = Подано
report-col-met = Дошло до встречи
report-col-junk = Мусор
report-col-quality = Качество
report-col-estimates = Оценок
report-col-on-time = В срок
report-col-reworks = Доработок
report-col-called = Позвали
report-col-joined = Подключился
report-col-escalations = Эскалаций
report-col-reaction = Реакция
report-reason-lost = Проиграно — { $reason }: { $count }
report-reason-junk = Мусор — { $reason }: { $count }
report-reasons-more = { $count ->
    [one] …и ещё { $count } причина
    [few] …и ещё { $count } причины
   *[many] …и ещё { $count } причин
}
report-junk-spam = спам
report-junk-duplicate = дубль
report-junk-not_profile = не наш профиль
report-junk-withdrew = клиент отказался
report-junk-other = другое

report-chart-funnel = Воронка: сколько заявок дошло до этапа
report-chart-target = цель
report-chart-trend = По неделям: подано, взято, выиграно
report-week = { DATETIME($date, dateStyle: "short") }
report-chart-claims = Время до взятия
report-chart-minutes = минуты от подачи до взятия
report-chart-limit = лимит
report-chart-experts = Эксперты: в работе, взято, выиграно
report-building = Собираю отчёт…
report-failed = ⚠️ Отчёт не удалось отправить целиком. Ошибка записана; попробуйте ещё раз через минуту.

## Еженедельный отчёт.

weekly-topic = Отчёты
weekly-title = 📅 <b>Итоги недели { $start } — { $end }</b>
weekly-change = { $now } (неделей раньше { $before })
weekly-line-events = За неделю: новых заявок { $submitted } · взято в работу { $taken } · выиграно { $won }
weekly-line-cohort = Из заявок, поданных за неделю, на сегодня: взято { $taken } · выиграно { $won }
weekly-line-conversion = Заявка → договор: { $conversion } (неделей раньше { $before }, цель { $target })
weekly-line-claims = Время до взятия: медиана { $median } (неделей раньше { $before }); в срок { $in_time }
weekly-overdue = <b>Просрочено сейчас: { $count }</b>
weekly-overdue-line = • #{ $number } — { $person }, срок был { $due }
weekly-nothing-overdue = Просроченных шагов нет.
weekly-album-failed = ⚠️ Графики недельного отчёта { $group ->
        [yes] для группы команды
       *[other] для { $recipient }
    } не удалось отправить: Telegram отвечает «{ $error }». Цифры отчёта уходят без графиков.

## /stats: свои показатели и рейтинг.

stats-title = 📈 <b>Ваши показатели</b> (в скобках — медиана команды)
stats-period-tm = <b>Этот месяц</b>, { $period }
stats-period-q = <b>Этот квартал</b>, { $period }
stats-figure = { $value } ({ $team })
stats-figure-text = { $value } ({ $team })
stats-no-requests = Заявок за этот период нет. Новая заявка — /new.
stats-author = Подано: { $submitted } · взято: { $taken } · до встречи: { $met } · выиграно: { $won } · мусор: { $junk }
    Качество лидов: { $quality }
stats-place = Место в рейтинге: { $won }-е по выигранным, { $quality }-е по качеству (всего { $of })
stats-board = Лидеры:
stats-board-line = { $place }. { $person } — выиграно { $won }, качество { $quality }
stats-expert = Как эксперт: взято { $taken } · до взятия { $claim } · в работе { $load } · встреч { $meetings }, итоги подтверждены { $recaps } · выиграно { $won } · просрочено шагов { $overdue }

## /export: выгрузка в XLSX или CSV.

export-managers-only = Выгрузка доступна руководителям и администраторам.
export-choose = 📤 <b>Выгрузка</b>
    Выберите форму и формат, затем период. Любые даты: <code>/export 01.03.2026 15.03.2026</code>.
export-dates-usage = Укажите две даты: <code>/export 01.03.2026 15.03.2026</code>.
export-format-xlsx = Excel (XLSX)
export-format-csv = CSV в zip
export-building = Готовлю файл, прогресс — в чате.
export-already = ⏳ Предыдущая выгрузка ещё готовится: файл придёт в этот чат, следующую можно запустить после него.
export-started = 📤 Готовлю выгрузку…
export-progress = 📤 Выгружено { $done } из { $total } заявок…
export-done = ✅ Выгрузка готова.
export-failed = ⚠️ Выгрузку собрать не удалось. Попробуйте ещё раз или выберите период короче.
export-interrupted = ⚠️ Выгрузка прервана: бот перезапускался. Запустите /export ещё раз.
export-caption = { $name }
# A sheet longer than Excel opens goes on in parts: $sheet is the first part's name, $number this part's (2, 3, …).
export-sheet-part = { $sheet } ({ $number })
export-requests-1 = Номер
export-requests-2 = Форма
export-requests-3 = Подана
export-requests-4 = Этап
export-requests-5 = Этап с
export-requests-6 = Ответственный
export-requests-7 = Автор
export-requests-8 = Источник
export-requests-9 = Приоритет
export-requests-10 = Минут до взятия
export-events-1 = Id
export-events-2 = Когда
export-events-3 = Событие
export-events-4 = Заявка
export-events-5 = Кто
export-events-6 = Данные
export-steps-1 = Заявка
export-steps-2 = Шаг
export-steps-3 = Срок
export-steps-4 = Исполнитель
export-steps-5 = Статус
export-steps-6 = Выполнен
export-meetings-1 = Заявка
export-meetings-2 = Начало
export-meetings-3 = Минут
export-meetings-4 = Место
export-meetings-5 = Статус
export-meetings-6 = Ведущий
export-meetings-7 = Наша цель
export-meetings-8 = Цель клиента
export-meetings-9 = Итоги
export-meetings-10 = Подтверждены
export-meetings-11 = Правки клиента
export-meetings-12 = Текст итогов
