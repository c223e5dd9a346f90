"""aiogram's HTTP session: without a hidden cost per call, with patience for a flood wait.

aiogram parametrizes `Response[T]` for every call it checks. pydantic keeps parametrized
models in a weak cache, so once nothing else holds one it is collected and built again,
which costs milliseconds of schema work per call. Holding each one here keeps the cache
warm; a bot uses a few dozen return types, so the set stays small.

A person who answers quickly can outrun Telegram's limit for one chat (about one message
a second after a short burst). A handler's answer refused with 429 is sent again after
the wait Telegram names, instead of failing the update after the person's input was
taken; the outbox sender has its own pacing and handles a 429 itself.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

from bot.logs import current_update_id

logger = logging.getLogger(__name__)

MAX_HANDLER_WAIT = 5
"""Seconds an answer may wait for Telegram; a longer flood wait fails the update."""


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


class RetryAfterInUpdates(BaseRequestMiddleware):
    """Calls made while an update is handled wait out a short 429 and go again.

    Only inside an update: the poller and the outbox sender pace themselves and must see
    the 429 to do so. One retry per call; a refused call changed nothing, so sending it
    again cannot duplicate a message.
    """

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        try:
            return await make_request(bot, method)
        except TelegramRetryAfter as error:
            if current_update_id.get() is None or error.retry_after > MAX_HANDLER_WAIT:
                raise
            logger.warning(
                "event=api.flood_wait method=%s seconds=%s",
                type(method).__name__,
                error.retry_after,
            )
            await asyncio.sleep(error.retry_after)
            return await make_request(bot, method)
