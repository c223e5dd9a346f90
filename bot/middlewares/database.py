"""One database session per update, committed together with marking the update done."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.failures import is_transient
from domain.clock import Clock
from storage.fsm.unit import use_session
from storage.repositories.holder import Repositories
from storage.write_turn import WriteTurn

logger = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
OnFailure = Callable[[Repositories, Update, dict[str, Any]], Awaitable[None]]


class DatabaseMiddleware(BaseMiddleware):
    """Opens the session handlers use and commits it once, after they succeed.

    The update is marked done in the same transaction as the handler's own writes and
    its dialog-state changes, so a crash either keeps all of them or none. The mark comes
    first and holds the update's row until the commit, so an update another instance is
    already handling is waited for and then skipped, not handled twice. When Telegram
    fails mid-update (a transient error, see :mod:`bot.failures`) the writes are rolled
    back and the update stays pending: the poller handles it again after the wait. When
    a handler fails for good, its writes are rolled back and the update is marked failed
    in a fresh transaction, together with what ``on_failure`` queues (the apology), so it
    is not replayed forever and the person is not left in silence.

    On SQLite one handler at a time holds a transaction (see :class:`WriteTurn`): a
    handler keeps SQLite's single write lock from its first write to the commit, across
    the Bot API calls in between, and handlers waiting for it in SQLite's busy loop
    would, under load, fail with "database is locked" after their reply was already
    sent, leaving the dialog a step behind what the person saw. PostgreSQL locks rows,
    so its handlers run side by side.
    """

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        turn: WriteTurn,
        clock: Clock,
        *,
        on_failure: OnFailure | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._turn = turn
        self._clock = clock
        self._on_failure = on_failure

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        async with self._turn.hold():
            return await self._handle(handler, event, data)

    async def _handle(self, handler: Handler, event: Update, data: dict[str, Any]) -> Any:
        async with self._session_factory() as session:
            repo = Repositories(session, clock=self._clock)
            if not await repo.updates.take(event.update_id):
                logger.warning("event=update.taken_elsewhere update_id=%s", event.update_id)
                return None
            data["session"] = session
            data["repo"] = repo
            try:
                async with use_session(session):
                    result = await handler(event, data)
            except Exception as error:
                await session.rollback()
                if is_transient(error):
                    raise
                await repo.updates.mark_failed(event.update_id, type(error).__name__)
                if self._on_failure is not None:
                    await self._on_failure(repo, event, data)
                await session.commit()
                raise
            await session.commit()
            return result
