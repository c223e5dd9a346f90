"""`presale-bot demo`: the real bot against an in-process emulator, with a printed transcript.

A newcomer sees the bot work with no token and no Telegram: people are simulated by the
emulator, the bot runs unchanged over HTTP, and every chat is printed as a person sees it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bot.runner import RunningBot
from bot.settings import Settings
from emulator import EmMessage, TelegramEmulator
from emulator.limits import RateLimits

ANNA, JOHN, OLGA = 501, 502, 503
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
            settings = Settings(
                bot_token=tg.bot_token,
                telegram_api_url=tg.base_url,
                database_url=f"sqlite+aiosqlite:///{Path(directory) / 'demo.db'}",
                _env_file=None,
            )
            async with RunningBot(settings):
                await _script(tg)
            for user_id, name in ((ANNA, "Анна (ru)"), (JOHN, "John (en)"), (OLGA, "Ольга (ru)")):
                print(f"━━━ private chat with {name} ━━━")
                print(tg.render_transcript(user_id))
                print()
    return 0
