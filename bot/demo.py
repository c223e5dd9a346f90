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

ANNA, JOHN = 501, 502


async def _say(tg: TelegramEmulator, user_id: int, text: str) -> EmMessage:
    await tg.send_message(user_id, text)
    return await tg.next_bot_message(user_id, timeout=10)


async def _press(tg: TelegramEmulator, user_id: int, message: EmMessage, label: str) -> None:
    await tg.press(user_id, message, message.callback_data_of(label))


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


async def run_demo() -> int:
    """Run the script and print every chat; returns the exit code."""
    with tempfile.TemporaryDirectory(prefix="presale-demo-") as directory:
        async with TelegramEmulator() as tg:
            settings = Settings(
                bot_token=tg.bot_token,
                telegram_api_url=tg.base_url,
                database_url=f"sqlite+aiosqlite:///{Path(directory) / 'demo.db'}",
                _env_file=None,
            )
            async with RunningBot(settings):
                await _script(tg)
            for user_id, name in ((ANNA, "Анна (ru)"), (JOHN, "John (en)")):
                print(f"━━━ private chat with {name} ━━━")
                print(tg.render_transcript(user_id))
                print()
    return 0
