## Команда: роли и компетенции (/team), очередь (/queue), мои заявки (/mine), /assign.

team-role-admin = администратор
team-role-manager = руководитель
team-role-expert = эксперт
team-role-lead-generator = лидогенератор
team-role-estimator = оценщик
team-role-closer = закрывающий
team-no-roles = без ролей
team-head = <b>Команда</b> — все, кто писал боту ({ $count }). Выберите человека или отправьте /team @username.
team-member-line = • { $name }{ $username } — { $roles }{ $tags }
team-previous = ← Назад
team-next = Дальше →
team-back = ← К списку
team-choose-supervisor = 👔 Руководитель
team-supervisor = Руководитель: { $name }
team-no-supervisor = нет
team-pick-supervisor = Кто руководитель этого эксперта? Ему будут приходить эскалации.
team-admins-only = Это доступно только администраторам.
team-managers-only = Команда и роли доступны руководителям и администраторам.
team-granted = Роль выдана.
team-revoked = Роль снята.
team-role-already-granted = Роль уже выдана, ничего не изменилось.
team-role-already-revoked = Этой роли уже нет, ничего не изменилось.
team-tag-already-added = Компетенция уже есть, ничего не изменилось.
team-tag-already-removed = Этой компетенции уже нет, ничего не изменилось.

queue-age = { $hours ->
    [0] {""}
   *[other] { $hours } ч{" "}
}{ $minutes } мин
queue-line = { $priority ->
    [hot] 🔥
   *[other] •
} #{ $number } · { $scenario } · { $client } · ждёт { $age }
queue-not-in-group = {" "}· ⚠️ не в группе
queue-team-only = Эта команда — для экспертов и руководителей.
queue-empty = Очередь пуста: все заявки разобраны.
queue-head = <b>Очередь</b> — невзятые заявки, сначала самые старые ({ $count }):
mine-empty = У вас нет открытых заявок.
mine-head = <b>Мои заявки</b> ({ $count }):
mine-stage = <b>{ $stage }</b> ({ $count })
assign-usage = Напишите так: /assign 123 @username
# Member tags in the team group: at most 16 characters, no emoji.
team-tag-manager = Руководитель
team-tag-expert = Эксперт
team-tag-estimator = Оценщик
team-tag-closer = Закрывающий
team-tag-lead-generator = Лидогенератор
team-tags-no-right = Готово. Но показать роль тегом в группе я не могу: дайте мне в группе право администратора «Управление тегами».
