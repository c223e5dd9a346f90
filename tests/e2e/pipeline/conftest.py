"""The pipeline stories run on the team group's fixtures: a bot, a group, a manual clock."""

from __future__ import annotations

from emulator import EmMessage, TelegramEmulator
from tests.e2e.team.conftest import clock, make_team, team, tg

__all__ = ["clock", "hears", "make_team", "team", "tg"]


async def hears(tg: TelegramEmulator, chat_id: int, words: str, timeout: float = 5.0) -> EmMessage:
    """The bot's next message in the chat that contains ``words``, skipping others."""
    while True:
        message = await tg.next_bot_message(chat_id, timeout=timeout)
        if words in message.text:
            return message
