"""aiogram FSM storage in the bot's own database, so a dialog survives a restart."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseEventIsolation,
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import Clock, SystemClock
from storage.models import FsmState

# The session of the update being handled, if the caller lent it with ``use_session``.
_lent_session: ContextVar[AsyncSession | None] = ContextVar("fsm_lent_session", default=None)


@contextmanager
def use_session(session: AsyncSession) -> Iterator[None]:
    """Let every ``SqlStorage`` on the same engine work inside ``session`` for a while.

    Wrap the handling of one update in this, and FSM changes commit (or roll back)
    together with the handler's other writes. On SQLite it is also what keeps a
    handler that has already written from waiting on itself: SQLite has one writer,
    so an FSM write on a second connection would block until the busy timeout.
    """
    token = _lent_session.set(session)
    try:
        yield
    finally:
        _lent_session.reset(token)


class SqlStorage(BaseStorage):
    """FSM state and data in ``fsm_states``, one row per chat/user/thread key.

    Each call is its own short transaction, unless a session was lent with
    :func:`use_session`. The storage does not own the engine: ``close`` leaves it open.
    """

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        *,
        key_builder: KeyBuilder | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._key_builder = key_builder or DefaultKeyBuilder(
            with_bot_id=True, with_business_connection_id=True, with_destiny=True
        )
        self._clock = clock or SystemClock()

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        async with self._session() as session:
            await self._upsert(session, key, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        async with self._session() as session:
            return await session.scalar(
                select(FsmState.state).where(FsmState.key == self._key(key))
            )

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        async with self._session() as session:
            await self._upsert(session, key, data=dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self._session() as session:
            return await self._read_data(session, key)

    async def update_data(self, key: StorageKey, data: Mapping[str, Any]) -> dict[str, Any]:
        """Merge ``data`` into the stored data, reading and writing in one transaction."""
        async with self._session() as session:
            merged = await self._read_data(session, key, for_update=True)
            merged.update(data)
            await self._upsert(session, key, data=merged)
            return dict(merged)

    async def close(self) -> None:
        """Nothing to release: the engine belongs to the application."""

    def _key(self, key: StorageKey) -> str:
        return self._key_builder.build(key)

    @asynccontextmanager
    async def _session(self) -> AsyncIterator[AsyncSession]:
        lent = _lent_session.get()
        if lent is not None and lent.bind is self._session_factory.kw.get("bind"):
            yield lent
            return
        async with self._session_factory() as session, session.begin():
            yield session

    async def _read_data(
        self, session: AsyncSession, key: StorageKey, *, for_update: bool = False
    ) -> dict[str, Any]:
        statement = select(FsmState.data).where(FsmState.key == self._key(key))
        if for_update:
            statement = statement.with_for_update()
        data = await session.scalar(statement)
        return dict(data) if data else {}

    async def _upsert(self, session: AsyncSession, key: StorageKey, **values: Any) -> None:
        """Insert the row or change only the given columns of it, in one statement."""
        row: dict[str, Any] = {"key": self._key(key), "state": None, "data": {}}
        row.update(values, updated_at=self._clock.now())
        statement: postgresql.Insert | sqlite.Insert
        if session.get_bind().dialect.name == "postgresql":
            statement = postgresql.insert(FsmState).values(row)
        else:
            statement = sqlite.insert(FsmState).values(row)
        changed = {name: statement.excluded[name] for name in (*values, "updated_at")}
        await session.execute(
            statement.on_conflict_do_update(index_elements=[FsmState.key], set_=changed)
        )


def create_fsm_storage(
    redis_url: str | None, session_factory: async_sessionmaker[AsyncSession]
) -> BaseStorage:
    """Redis when a URL is configured (several bot processes), else the bot's database."""
    if redis_url:
        return RedisStorage.from_url(redis_url)
    return SqlStorage(session_factory)


def create_event_isolation(
    redis_url: str | None, *, storage: BaseStorage | None = None
) -> BaseEventIsolation:
    """Per-chat locking that matches the storage.

    In-process locks suffice for one bot process on SQL storage; with Redis the lock
    lives in Redis so several processes serialize each chat's updates between them.
    Pass the ``RedisStorage`` to share its connection pool.
    """
    if not redis_url:
        return SimpleEventIsolation()
    if isinstance(storage, RedisStorage):
        return storage.create_isolation()
    return RedisEventIsolation.from_url(redis_url)
