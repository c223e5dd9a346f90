"""`presale-bot demo`: the real bot against an in-process emulator, with a printed transcript.

A newcomer sees the bot work with no token and no Telegram: people are simulated by the
emulator, the bot runs unchanged over HTTP, and every chat is printed as a person sees it.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import App
from bot.runner import RunningBot
from bot.settings import Settings
from domain.clock import ManualClock
from emulator import EmMessage, TelegramEmulator
from emulator.limits import RateLimits
from storage.models import Role
from storage.repositories.holder import Repositories

ANNA, JOHN, OLGA, PETR, IRINA, VIKTOR = 501, 502, 503, 504, 505, 506
TEAM_CHAT_ID = -1001000000777
DEMO_START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
"""09:00 in Moscow on a Monday: the demo's clock starts here and is moved by the script."""
DEMO_LIMITS = RateLimits(private_per_second=100.0, private_burst=100.0)

# One request through the IT / ERP form, answer by answer, as a sales manager would type it.
ERP_ANSWERS: tuple[tuple[str, str], ...] = (
    ("type", "ООО «СтройМонтаж»"),
    ("type", "Строительство жилья, своё производство бетона"),
    ("press", "16–100 человек"),
    ("type", "45"),
    ("type", "Хотят видеть себестоимость по каждому объекту и перестать сводить отчёты в Excel"),
    ("type", "Учёт в 1С:Бухгалтерии и таблицах, в январе открывают второй филиал"),
    ("press", "Да"),
    ("type", "Ирина Петрова, финансовый директор"),
    ("type", "через 3 недели"),
    ("type", "1,5 млн"),
    ("press", "Рекомендация клиента"),
    ("type", "+7 912 345-67-89"),
    ("type", "ivan@stroymontazh.ru"),
    ("press", "Пропустить"),
)


async def _say(tg: TelegramEmulator, user_id: int, text: str) -> EmMessage:
    await tg.send_message(user_id, text)
    return await tg.next_bot_message(user_id, timeout=10)


async def _press(tg: TelegramEmulator, user_id: int, message: EmMessage, label: str) -> None:
    await tg.press(user_id, message, message.callback_data_of(label))


async def _question(tg: TelegramEmulator, user_id: int) -> EmMessage:
    """The bot's next question (or summary card), past any short notes."""
    while True:
        message = await tg.next_bot_message(user_id, timeout=10)
        if message.buttons or message.text.startswith("Шаг"):
            return message


async def _request(tg: TelegramEmulator) -> None:
    """Ольга opens the ERP form by its deep link, answers, checks the summary, submits."""
    tg.add_user(OLGA, "Ольга", language_code="ru")
    await tg.send_message(OLGA, "/start it_erp")
    for kind, value in ERP_ANSWERS:
        question = await _question(tg, OLGA)
        if kind == "press":
            await _press(tg, OLGA, question, value)
        else:
            await tg.send_message(OLGA, value)
    summary = await _question(tg, OLGA)
    await _press(tg, OLGA, summary, "Отправить")
    await tg.next_bot_message(OLGA, timeout=10)
    await _say(tg, OLGA, "/my")


async def _expert(app: App, tg: TelegramEmulator) -> None:
    """Пётр, an ERP expert in the team group; Ирина, who estimates ERP projects; Виктор,
    the director who is called in to decide."""
    tg.add_user(PETR, "Пётр", language_code="ru")
    await tg.join(TEAM_CHAT_ID, PETR)
    people = ((PETR, "Пётр", Role.EXPERT), (IRINA, "Ирина", Role.ESTIMATOR))
    async with app.session_factory() as session:
        repo = Repositories(session, clock=app.clock)
        for user_id, name, role in (*people, (VIKTOR, "Виктор", Role.CLOSER)):
            tg.add_user(user_id, name, language_code="ru")
            await repo.users.upsert_from_telegram(
                user_id=user_id, first_name=name, last_name=None, username=None, language_code="ru"
            )
            await repo.users.grant_role(user_id, role)
        for user_id, _, _ in people:
            await repo.users.set_tags(user_id, ["erp"])
        await session.commit()


async def _next(tg: TelegramEmulator, containing: str, user_id: int = PETR) -> EmMessage:
    """The next message to ``user_id`` (Пётр) that contains ``containing``; others pass."""
    while True:
        message = await tg.next_bot_message(user_id, timeout=10)
        if containing in message.text:
            return message


async def _reply(tg: TelegramEmulator, text: str, containing: str) -> EmMessage:
    await tg.send_message(PETR, text)
    return await _next(tg, containing)


async def _at(app: App, clock: ManualClock, moment: datetime) -> None:
    """Move the demo's clock and let every reminder due by then go out."""
    clock.set(moment)
    await app.reminders.settled()


async def _follow_up(app: App, clock: ManualClock, tg: TelegramEmulator) -> None:
    """Пётр takes the request, plans a call in three taps and a meeting; the meeting's
    reminders come, it is held, the recap goes to the client and is confirmed."""
    # The card is posted by its own job a moment after the receipt.
    cards = await tg.wait_for(
        lambda: [m for m in tg.transcript(TEAM_CHAT_ID) if m.buttons],
        timeout=10,
        what="the card in the team group",
    )
    card = cards[0]
    await _press(tg, PETR, card, "Беру")
    brief = await _next(tg, "Заявка")
    await _press(tg, PETR, brief, "Следующий шаг")
    await _press(tg, PETR, await _next(tg, "следующий шаг"), "Позвонить клиенту")
    await _press(tg, PETR, await _next(tg, "когда"), "Завтра 16:00")
    await _press(tg, PETR, brief, "Запланировать встречу")
    await _press(tg, PETR, await _next(tg, "Когда"), "Завтра 10:00")
    await _press(tg, PETR, await _next(tg, "Сколько"), "60 мин")
    await _next(tg, "Где")
    people = await _reply(tg, "Офис клиента, Москва, Тверская 1", "Кто идёт")
    await _press(tg, PETR, people, "Готово")
    await _next(tg, "наша цель")
    await _reply(tg, "Договориться о пилоте на двух объектах", "цель клиента")
    lead = await _reply(tg, "Понять сроки внедрения и стоимость", "ведёт")
    await _press(tg, PETR, lead, "Пётр")
    await _press(tg, PETR, await _next(tg, "Участники"), "Сохранить")
    starts = DEMO_START + timedelta(days=1, hours=1)  # tomorrow 10:00 in Moscow
    await _at(app, clock, starts - timedelta(days=1))
    await _next(tg, "Завтра встреча")
    await _at(app, clock, starts - timedelta(hours=1))
    await _next(tg, "Через час встреча")
    await _at(app, clock, starts + timedelta(hours=1))
    await _press(tg, PETR, await _next(tg, "состоялась"), "записать итоги")
    await _next(tg, "Что обсудили")
    await _reply(tg, "Пилот на двух объектах, интеграция с 1С", "что нужно сделать")
    who = await _reply(tg, "Отправить КП", "Кто делает")
    await _press(tg, PETR, who, "Пётр")
    await _press(tg, PETR, await _next(tg, "срок"), "Завтра 10:00")
    await _press(tg, PETR, await _next(tg, "Шагов"), "Это всё")
    await _press(tg, PETR, await _next(tg, "Что ответил клиент"), "Подтвердил")


async def _estimate_and_close(tg: TelegramEmulator) -> None:
    """Пётр asks Ирина for an estimate, which she delivers on time with its file; then he
    calls Виктор in to decide the discount, and Виктор takes part."""
    brief = next(m for m in reversed(tg.transcript(PETR)) if "Запросить оценку" in str(m.buttons))
    await _press(tg, PETR, brief, "Запросить оценку")
    await _press(tg, PETR, await _next(tg, "Кто оценит"), "Ирина")
    await _next(tg, "Что должен оценить")
    await _press(tg, PETR, await _reply(tg, "Пилот на двух объектах", "срок"), "По регламенту")
    ask = await _next(tg, "Нужна оценка", IRINA)
    await _press(tg, IRINA, ask, "Принять")
    await _next(tg, "взял(а) оценку")
    await _press(tg, IRINA, ask, "Сдать оценку")
    await _next(tg, "Пришлите файл", IRINA)
    await tg.send_document(IRINA, "Оценка пилота.xlsx", b"PK\x03\x04")
    await _next(tg, "одна строка", IRINA)
    await tg.send_message(IRINA, "2,4 млн ₽, пилот за 3 месяца")
    await _next(tg, "сдана", IRINA)
    await _next(tg, "сдал(а) оценку")
    await _press(tg, PETR, brief, "Позвать закрывающего")
    await _press(tg, PETR, await _next(tg, "Кого"), "Виктор")
    await _next(tg, "нужно решить")
    await _reply(tg, "Клиент просит скидку 10% за оплату пилота сразу", "получил(а)")
    call = await _next(tg, "Вас зовут", VIKTOR)
    await _press(tg, VIKTOR, call, "Участвую")
    await _next(tg, "Когда вам удобно", VIKTOR)
    await tg.send_message(VIKTOR, "завтра после 15:00")
    await _next(tg, "Записал", VIKTOR)
    await _next(tg, "подключится")


async def _workspace(tg: TelegramEmulator) -> None:
    """Ольга opens her request and adds a note by replying; Пётр opens it and reads its history."""
    await tg.send_message(OLGA, "/r 1")
    view = await tg.next_bot_message(OLGA, timeout=10)
    while "📋" not in view.text:  # past the notices about the stages
        view = await tg.next_bot_message(OLGA, timeout=10)
    await tg.send_message(OLGA, "Клиент просит КП до пятницы", reply_to_message_id=view.message_id)
    await tg.next_bot_message(OLGA, timeout=10)
    await _next(tg, "заметку")
    panel = await _reply(tg, "/r", "Заявка")
    await _press(tg, PETR, panel, "История")
    await _next(tg, "История заявки")


async def _script(tg: TelegramEmulator) -> None:
    """The walk-through; each later capability adds its part here."""
    tg.add_user(ANNA, "Анна", language_code="ru")
    tg.add_user(JOHN, "John", language_code="en")
    await _say(tg, ANNA, "/start")
    await _say(tg, ANNA, "/help")
    menu = await _say(tg, ANNA, "/lang")
    await _press(tg, ANNA, menu, "English")
    await _say(tg, ANNA, "/help")
    await _say(tg, JOHN, "/start")
    menu = await _say(tg, JOHN, "/lang")
    await _press(tg, JOHN, menu, "Русский")
    await _say(tg, JOHN, "/help")
    await _request(tg)


async def run_demo() -> int:
    """Run the script and print every chat; returns the exit code."""
    with tempfile.TemporaryDirectory(prefix="presale-demo-") as directory:
        # The scripted people type faster than anyone could; Telegram's one message a
        # second per chat would make the walk-through crawl, so the chat limit is lifted.
        async with TelegramEmulator(rate_limits=DEMO_LIMITS) as tg:
            tg.add_group(TEAM_CHAT_ID, "Presale team", bot_is_admin=True)
            settings = Settings(
                bot_token=tg.bot_token,
                telegram_api_url=tg.base_url,
                database_url=f"sqlite+aiosqlite:///{Path(directory) / 'demo.db'}",
                team_chat_id=TEAM_CHAT_ID,
                _env_file=None,
            )
            # A clock the script moves, so a meeting's reminders come in seconds, not days.
            clock = ManualClock(DEMO_START)
            async with RunningBot(settings, clock=clock) as running:
                await _expert(running.app, tg)
                await _script(tg)
                await _follow_up(running.app, clock, tg)
                await _estimate_and_close(tg)
                await _workspace(tg)
            people = ((ANNA, "Анна (ru)"), (JOHN, "John (en)"), (OLGA, "Ольга (ru)"))
            team = (
                (PETR, "Пётр, expert (ru)"),
                (IRINA, "Ирина, estimator (ru)"),
                (VIKTOR, "Виктор, closer (ru)"),
            )
            for user_id, name in (*people, *team):
                print(f"━━━ private chat with {name} ━━━")
                print(tg.render_transcript(user_id))
                print()
            print("━━━ team group ━━━")
            print(tg.render_transcript(TEAM_CHAT_ID))
    return 0
