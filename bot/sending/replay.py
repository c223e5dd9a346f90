"""What an update has already done at Telegram is not done again when it is handled again.

A transient failure that outlasts the retries in place (a flood wait of minutes, Telegram
down for a while, the database gone at the commit) rolls the update back, and the poller
feeds it again later, from the start. Everything its handler had sent before the failure
would go out a second time: the person would see the same question twice, an edit would be
made twice. So while an update is handled, each call it makes to Telegram is noted with its
result, in order; when the update is fed again, a call equal to the one noted at the same
place is answered with the noted result instead of being made. The handler runs against a
database rolled back to where it was, so it makes the same calls up to the one that failed;
from the first call that differs on, everything goes to Telegram again.

Calls differ when what the handler sends is read from rows that others changed while the
update waited (a report counting requests, one submitted meanwhile): such a handler
computes it through :func:`kept`, which gives every try what the first one computed.

Only the calls of the update's own task are noted: a task it started (an export, say) has a
life of its own, and calls made side by side have no order to match. Read-only calls
(``get...``) are always made. The journal lives as long as the update is handled in this
process: an update left pending by a stop or a crash is handled from the start by whoever
takes it, and may repeat what was sent before, as Telegram's own redelivery would.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

logger = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Noted:
    method: TelegramMethod[Any]
    result: Any


class SentJournal:
    """The calls one update made to Telegram, in order, with what Telegram answered."""

    def __init__(self) -> None:
        self._noted: list[_Noted] = []
        self._at = 0
        self.task = asyncio.current_task()
        self.kept: dict[str, Any] = {}
        """What :func:`kept` computed, by its key: kept across the update's tries."""

    def again(self) -> None:
        """The update is fed once more: its calls are matched from the first one."""
        self._at = 0

    def answer(self, method: TelegramMethod[Any]) -> tuple[bool, Any]:
        """``(True, result)`` when this call was made at this place before, else
        ``(False, None)``; then whatever was noted from here on is forgotten."""
        at = self._at
        self._at += 1
        if at < len(self._noted) and self._noted[at].method == method:
            return True, self._noted[at].result
        del self._noted[at:]
        return False, None

    def note(self, method: TelegramMethod[Any], result: Any) -> None:
        """A call made at the place :meth:`answer` was last asked about, and its result."""
        self._noted.append(_Noted(method, result))


_journal: ContextVar[SentJournal | None] = ContextVar("sent_journal", default=None)


@contextmanager
def journaled() -> Iterator[SentJournal]:
    """Note the calls made by the current task until the block ends."""
    journal = SentJournal()
    token = _journal.set(journal)
    try:
        yield journal
    finally:
        _journal.reset(token)


async def kept(key: str, compute: Callable[[], Awaitable[T]]) -> T:
    """What ``compute`` gave when this update was first handled, on every try after it.

    Outside an update being handled (a job, a task of its own) it is computed each time.
    """
    journal = _journal.get()
    if journal is None or journal.task is not asyncio.current_task():
        return await compute()
    if key not in journal.kept:
        journal.kept[key] = await compute()
    return cast(T, journal.kept[key])


class Replay(BaseRequestMiddleware):
    """Answers a call that the update being handled again made before, without making it.

    The outermost middleware: a call answered from the journal spends no send limit and is
    not counted as sent again.
    """

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        journal = _journal.get()
        if (
            journal is None
            or journal.task is not asyncio.current_task()
            or method.__api_method__.startswith("get")
        ):
            return await make_request(bot, method)
        made, result = journal.answer(method)
        if made:
            logger.info("event=api.replayed method=%s", method.__api_method__)
            return cast(Response[TelegramType], result)
        result = await make_request(bot, method)
        journal.note(method, result)
        return result
