"""Telegram-facing features, one router each, assembled in the order they must match."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType

from handlers import errors, fallback, language, start


def get_routers() -> list[Router]:
    """Private-chat features sit under one parent router filtered to private chats.

    The fallback router comes last so that it only sees what no feature claimed.
    """
    private = Router(name="private")
    private.message.filter(F.chat.type == ChatType.PRIVATE)
    private.include_routers(start.router, language.router)
    return [errors.router, private, fallback.router]
