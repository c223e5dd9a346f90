"""aiogram's HTTP session, minus a hidden cost per Bot API call.

aiogram parametrizes `Response[T]` for every call it checks. pydantic keeps parametrized
models in a weak cache, so once nothing else holds one it is collected and built again,
which costs milliseconds of schema work per call. Holding each one here keeps the cache
warm; a bot uses a few dozen return types, so the set stays small.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType


class BotSession(AiohttpSession):
    """An `AiohttpSession` that keeps the response models it has built."""

    _response_types: dict[Any, Any] = {}

    def check_response(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        status_code: int,
        content: str,
    ) -> Response[TelegramType]:
        returning = method.__returning__
        if returning not in self._response_types:
            self._response_types[returning] = Response[returning]  # type: ignore[valid-type]
        return super().check_response(bot, method, status_code, content)

    @classmethod
    def build_response_types(cls, methods: Iterable[type[TelegramMethod[Any]]]) -> None:
        """Build the response models of ``methods`` now, so that no update waits for one."""
        for method in methods:
            returning = method.__returning__
            if returning not in cls._response_types:
                cls._response_types[returning] = Response[returning]  # type: ignore[valid-type]
