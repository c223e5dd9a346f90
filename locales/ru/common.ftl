## Общие тексты: приветствие, помощь, язык, ошибки.

fmt-date = { DATETIME($value, dateStyle: "medium") }
fmt-datetime = { DATETIME($value, dateStyle: "medium", timeStyle: "short") }

start-greeting = Здравствуйте, { $name }! Я Presale Desk — единая точка входа для заявок на пресейл.
start-can-everyone =
    <b>Что вы можете сделать</b>
    • передать заявку клиента экспертам — команда /new, я проведу по всем нужным полям;
    • посмотреть свои заявки и их статус — /my;
    • сменить язык — /lang.
start-can-expert =
    <b>Вы эксперт</b>
    Новые заявки приходят в командную группу: нажмите «Беру», чтобы взять заявку. Ваши заявки по этапам — /mine.
start-can-manager =
    <b>Вы руководитель</b>
    Очередь невзятых заявок — /queue, переназначить заявку — /assign. Вам приходят эскалации по просроченным заявкам.
start-can-admin =
    <b>Вы администратор</b>
    Роли и компетенции команды — /team.

help-text =
    <b>Команды</b>
    /new — новая заявка
    /my — мои заявки
    /lang — язык
    /cancel — отменить текущее действие
    /help — эта справка

lang-choose = Выберите язык:
lang-button-ru = 🇷🇺 Русский
lang-button-en = 🇬🇧 English
lang-changed = Готово, теперь я говорю по-русски.

cancel-nothing = Сейчас нечего отменять.

common-stale-button = Эта кнопка устарела. Откройте актуальное сообщение или начните заново.
common-unknown-command = Я не знаю такой команды. Список команд — /help.
common-not-understood = Не понял сообщение. Чтобы передать заявку, нажмите /new; список команд — /help.
common-error = Что-то пошло не так. Мы уже записали ошибку; попробуйте ещё раз через минуту.

menu-start = Начало работы
menu-new = Новая заявка
menu-my = Мои заявки
menu-lang = Язык
menu-help = Справка
menu-cancel = Отменить
