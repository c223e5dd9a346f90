"""aiogram's HTTP session: without a hidden cost per call, with patience for a flood wait.

aiogram parametrizes `Response[T]` for every call it checks. pydantic keeps parametrized
models in a weak cache, so once nothing else holds one it is collected and built again,
which costs milliseconds of schema work per call. Holding each one here keeps the cache
warm; a bot uses a few dozen return types, so the set stays small.

Every call goes through :class:`TelegramRetry`, which applies the bot's one rule for a
failed call (see :mod:`bot.failures`): "message is not modified" and an answer to a
button press too old to answer are success; inside an update, a transient failure is
retried in place for a few seconds, after which the update itself is retried later by
the poller (rolled back, still pending, its chat's later updates waiting behind it).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any, cast

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramAPIError
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

from bot.failures import is_already_done, is_transient, retry_delay
from bot.logs import current_update_id

logger = logging.getLogger(__name__)

IN_PLACE_BUDGET = 5.0
"""Seconds a call inside an update may spend waiting to be retried in place.

Longer waits give the update back to the poller, which retries it whole after the wait
without holding the database (on SQLite, other chats' updates wait for nobody then).
"""


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


class TelegramRetry(BaseRequestMiddleware):
    """One rule for every call: done-already is success, transient is retried.

    Only inside an update are transient failures retried here: the poller and the
    outbox sender pace themselves and must see them to do so. A retried call that had
    already taken effect (its answer lost) is harmless for edits, which then report
    "not modified" (success); a message sent that way may arrive twice, which is the
    price of never losing one.
    """

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        attempt = 0
        waited = 0.0
        while True:
            attempt += 1
            try:
                return await make_request(bot, method)
            except TelegramAPIError as error:
                if is_already_done(error):
                    logger.info(
                        "event=api.already_done method=%s error=%s",
                        type(method).__name__,
                        error.message,
                    )
                    return cast(Response[TelegramType], True)
                if not is_transient(error) or current_update_id.get() is None:
                    raise
                delay = retry_delay(error, attempt)
                if waited + delay > IN_PLACE_BUDGET:
                    raise
                reason = type(error).__name__
            logger.warning(
                "event=api.retry method=%s attempt=%s wait=%.1f error=%s",
                type(method).__name__,
                attempt,
                delay,
                reason,
            )
            waited += delay
            await asyncio.sleep(delay)
