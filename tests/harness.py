"""Runs the real bot against the emulator, and lets tests speak as people."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.runner import RunningBot
from bot.settings import Settings
from emulator import CallbackAnswer, EmMessage, TelegramEmulator


def make_settings(tg: TelegramEmulator, database_url: str, **overrides: Any) -> Settings:
    """Settings for a bot that talks to this emulator and keeps data at `database_url`."""
    values: dict[str, Any] = {
        "bot_token": tg.bot_token,
        "telegram_api_url": tg.base_url,
        "database_url": database_url,
        "polling_timeout": 5,
        # The weekly report plans reminders of its own whenever a story's clock passes a
        # Monday morning; the stories about it switch it on.
        "weekly_report": False,
        "_env_file": None,
    }
    values.update(overrides)
    return Settings(**values)


__all__ = ["Person", "RunningBot", "make_settings", "sqlite_url", "update_id_of"]


def update_id_of(tg: TelegramEmulator, message: EmMessage) -> int:
    """The id of the update that delivered a person's message to the bot."""
    for update_id, (_, update) in tg.world.updates.items():
        sent = update.data.get("message") if update.kind == "message" else None
        if (
            sent
            and sent["message_id"] == message.message_id
            and sent["chat"]["id"] == (message.chat_id)
        ):
            return update_id
    raise LookupError(f"no update carried message {message.message_id}")


def sqlite_url(directory: Path, name: str = "bot.db") -> str:
    return f"sqlite+aiosqlite:///{directory / name}"


@dataclass
class Person:
    """A user of the emulator, with the verbs a test story needs."""

    tg: TelegramEmulator
    user_id: int

    async def send(self, text: str, **kwargs: Any) -> EmMessage:
        return await self.tg.send_message(self.user_id, text, **kwargs)

    async def reply(self, timeout: float = 5.0) -> EmMessage:
        """The bot's next message in this person's private chat."""
        return await self.tg.next_bot_message(self.user_id, timeout=timeout)

    async def ask(self, text: str) -> EmMessage:
        """Send a text and return the bot's answer to it."""
        await self.send(text)
        return await self.reply()

    async def press(self, message: EmMessage, button_text: str) -> CallbackAnswer | None:
        """Press the button whose label contains `button_text`."""
        data = message.callback_data_of(button_text)
        return await self.tg.press(self.user_id, message, data)
