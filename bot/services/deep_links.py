"""Start links that open the bot's private chat at a request: ``t.me/<bot>?start=r123``.

A person the bot has never talked to cannot be written to first; a button press can
still take them to the bot's chat, where one "Start" opens what the press was about.
"""

from __future__ import annotations

import re

from aiogram import Bot
from aiogram.utils.deep_linking import create_start_link

REQUEST_PAYLOAD = re.compile(r"^r(\d{1,9})$")
"""The ``start`` parameter that opens a request's view."""


async def request_link(bot: Bot, request_id: int) -> str:
    """The link that opens request ``request_id``'s view in the bot's private chat."""
    return await create_start_link(bot, f"r{request_id}")
