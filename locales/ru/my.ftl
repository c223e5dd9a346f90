## /my: мои заявки и их статус.

my-empty = У вас пока нет заявок. Новая — /new.
my-head = <b>Мои заявки</b> — всего { $total }, страница { $page } из { $pages }
my-item = { $priority ->
        [hot] 🔥
       *[other] 📄
    } <b>#{ $number }</b> от { $date } · { $scenario }
    { $client } — <i>{ $stage }</i>
my-button-prev = ⬅️ Новее
my-button-next = Старше ➡️

my-stage-new = ждёт эксперта
my-stage-taken = эксперт назначен
my-stage-meeting-planned = встреча назначена
my-stage-meeting-held = встреча прошла
my-stage-recap-confirmed = итоги согласованы
my-stage-proposal-sent = предложение отправлено
my-stage-won = выиграна
my-stage-lost = проиграна
my-stage-postponed = отложена
my-stage-nurture = на прогреве
my-stage-junk = закрыта без работы
