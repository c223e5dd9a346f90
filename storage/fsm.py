"""aiogram FSM storage in the bot's own database (or Redis), read and written once per update.

Either way a dialog survives a restart of the bot.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, cast

from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)
from aiogram.fsm.storage.redis import RedisStorage
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import Clock, SystemClock
from storage.models import FsmState
from storage.upsert import upsert


@dataclass
class _Row:
    """One key's state and data as the update sees them, and whether it changed them."""

    state: str | None
    data: dict[str, Any]
    changed: set[str] = field(default_factory=set)
    updated_at: datetime | None = None

    def change(self, now: datetime | None = None, **values: Any) -> None:
        for name, value in values.items():
            setattr(self, name, value)
            self.changed.add(name)
        self.updated_at = now


class _Buffered(Protocol):
    """A storage that serves an update's reads from its unit and writes once at the end."""

    async def write_back(self, session: AsyncSession, rows: dict[StorageKey, _Row]) -> None: ...


@dataclass
class _Unit:
    """The session of the update being handled and the FSM rows it has touched."""

    session: AsyncSession
    rows: dict[tuple[_Buffered, StorageKey], _Row] = field(default_factory=dict)


_lent: ContextVar[_Unit | None] = ContextVar("fsm_lent_session", default=None)


@asynccontextmanager
async def use_session(session: AsyncSession) -> AsyncIterator[None]:
    """Let the FSM storages work inside one update's unit: ``session`` and a buffer.

    Wrap the handling of one update in this. Within it each key is read once, at its
    first use, and written once, when the block ends without an error: an update asks
    for its dialog's state and data several times (the FSM middleware, the handler, the
    draft), and each of those was a round trip of its own. A handler that fails writes
    no dialog change. :class:`SqlStorage` reads and writes inside ``session``, so FSM
    changes commit (or roll back) together with the handler's other writes; on SQLite
    that is also what keeps a handler that has already written from waiting on itself
    (SQLite has one writer, so an FSM write on a second connection would block until the
    busy timeout). :class:`BufferedRedisStorage` reads a key's state and data in one
    command and writes the changes in one transaction, before the session commits.
    """
    unit = _Unit(session)
    token = _lent.set(unit)
    try:
        yield
        await _write_back(unit)
    finally:
        _lent.reset(token)


async def _write_back(unit: _Unit) -> None:
    changed: dict[_Buffered, dict[StorageKey, _Row]] = {}
    for (storage, key), row in unit.rows.items():
        if row.changed:
            changed.setdefault(storage, {})[key] = row
    for storage, rows in changed.items():
        await storage.write_back(unit.session, rows)
        for row in rows.values():
            row.changed.clear()


async def _upsert(
    session: AsyncSession, key: str, values: Mapping[str, Any], now: datetime | None
) -> None:
    """Insert the row or change only the given columns of it, in one statement."""
    row: dict[str, Any] = {"key": key, "state": None, "data": {}}
    row.update(values, updated_at=now)
    statement = upsert(
        session.get_bind().dialect.name,
        FsmState.__table__,
        key=("key",),
        replace=(*sorted(values), "updated_at"),
    )
    await (await session.connection()).execute(statement, row)


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
        row = await self._lent_row(key)
        if row is not None:
            row.change(self._clock.now(), state=value)
            return
        async with self._own_session() as session:
            await _upsert(session, self._key(key), {"state": value}, self._clock.now())

    async def get_state(self, key: StorageKey) -> str | None:
        row = await self._lent_row(key)
        if row is not None:
            return row.state
        async with self._own_session() as session:
            return await session.scalar(
                select(FsmState.state).where(FsmState.key == self._key(key))
            )

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        row = await self._lent_row(key)
        if row is not None:
            row.change(self._clock.now(), data=dict(data))
            return
        async with self._own_session() as session:
            await _upsert(session, self._key(key), {"data": dict(data)}, self._clock.now())

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self._lent_row(key)
        if row is not None:
            return dict(row.data)
        async with self._own_session() as session:
            return await self._read_data(session, key)

    async def update_data(self, key: StorageKey, data: Mapping[str, Any]) -> dict[str, Any]:
        """Merge ``data`` into the stored data, reading and writing in one transaction."""
        row = await self._lent_row(key)
        if row is not None:
            row.change(self._clock.now(), data={**row.data, **data})
            return dict(row.data)
        async with self._own_session() as session:
            merged = await self._read_data(session, key, for_update=True)
            merged.update(data)
            await _upsert(session, self._key(key), {"data": merged}, self._clock.now())
            return dict(merged)

    async def close(self) -> None:
        """Nothing to release: the engine belongs to the application."""

    def _key(self, key: StorageKey) -> str:
        return self._key_builder.build(key)

    async def write_back(self, session: AsyncSession, rows: dict[StorageKey, _Row]) -> None:
        for key, row in rows.items():
            values = {"state": row.state, "data": row.data}
            changed = {name: values[name] for name in row.changed}
            await _upsert(session, self._key(key), changed, row.updated_at)

    async def _lent_row(self, key: StorageKey) -> _Row | None:
        """The key's row within the lent session, read on first use; None without one.

        On PostgreSQL the row is locked until the update's transaction ends, so a
        concurrent update touching the same dialog waits instead of losing a change.
        """
        unit = _lent.get()
        if unit is None or unit.session.bind is not self._session_factory.kw.get("bind"):
            return None
        built = self._key(key)
        row = unit.rows.get((self, key))
        if row is None:
            connection = await unit.session.connection()  # Core path: see Repository._core
            found = (
                await connection.execute(
                    select(FsmState.state, FsmState.data)
                    .where(FsmState.key == built)
                    .with_for_update()
                )
            ).first()
            row = _Row(None, {}) if found is None else _Row(found.state, dict(found.data or {}))
            unit.rows[self, key] = row
        return row

    @asynccontextmanager
    async def _own_session(self) -> AsyncIterator[AsyncSession]:
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


class BufferedRedisStorage(RedisStorage):
    """aiogram's Redis storage, read once and written once per update.

    An update asks for its dialog's state and data several times, and aiogram's storage
    makes each a round trip of its own: about eight a form answer. Within
    :func:`use_session` the first use of a key reads its state and data in one ``MGET``,
    the handler's changes wait in memory, and the end of the update writes them in one
    ``MULTI``/``EXEC``; a handler that fails writes nothing, as its database writes are
    rolled back. Keys, values and expiry are aiogram's own, so dialogs stored by
    ``RedisStorage`` read the same. Outside an update (a background job) every call goes
    straight to Redis, as in aiogram.
    """

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        row = await self._lent_row(key)
        if row is None:
            await super().set_state(key, state)
            return
        row.change(state=state.state if isinstance(state, State) else state)

    async def get_state(self, key: StorageKey) -> str | None:
        row = await self._lent_row(key)
        return await super().get_state(key) if row is None else row.state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        row = await self._lent_row(key)
        if row is None:
            await super().set_data(key, data)
            return
        if not isinstance(data, dict):
            raise DataNotDictLikeError(f"Data must be a dict, got {type(data).__name__}")
        row.change(data=dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self._lent_row(key)
        return await super().get_data(key) if row is None else dict(row.data)

    async def update_data(self, key: StorageKey, data: Mapping[str, Any]) -> dict[str, Any]:
        row = await self._lent_row(key)
        if row is None:
            return await super().update_data(key, data)
        row.change(data={**row.data, **data})
        return dict(row.data)

    async def write_back(self, session: AsyncSession, rows: dict[StorageKey, _Row]) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            for key, row in rows.items():
                if "state" in row.changed:
                    state_key = self.key_builder.build(key, "state")
                    if row.state is None:
                        pipe.delete(state_key)
                    else:
                        pipe.set(state_key, row.state, ex=self.state_ttl)
                if "data" in row.changed:
                    data_key = self.key_builder.build(key, "data")
                    if row.data:
                        pipe.set(data_key, self.json_dumps(row.data), ex=self.data_ttl)
                    else:
                        pipe.delete(data_key)
            await pipe.execute()

    async def _lent_row(self, key: StorageKey) -> _Row | None:
        """The key's state and data within the update's unit, read on first use."""
        unit = _lent.get()
        if unit is None:
            return None
        row = unit.rows.get((self, key))
        if row is None:
            state, data = await self.redis.mget(
                self.key_builder.build(key, "state"), self.key_builder.build(key, "data")
            )
            row = _Row(
                _text(state),
                cast(dict[str, Any], self.json_loads(_text(data))) if data else {},
            )
            unit.rows[self, key] = row
        return row


def _text(value: bytes | str | None) -> str | None:
    return value.decode() if isinstance(value, bytes) else value


REDIS_TIMEOUT = 5.0
"""Seconds a Redis call (or connecting) may take before it fails as an outage. A Redis that
stops answering without closing its connections (a network partition, a frozen host) would
otherwise hold every call, and with it every chat's turn and every message waiting for the
shared limits, until TCP gives up a quarter of an hour later. The bot's calls are short
scripts and reads, none of them blocking."""


def create_fsm_storage(
    redis_url: str | None,
    session_factory: async_sessionmaker[AsyncSession],
    *,
    prefix: str = "fsm",
) -> BaseStorage:
    """Redis when a URL is configured (several bot processes), else the bot's database.

    In Redis every key starts with ``prefix``, so several bots (or test runs) can share
    one Redis database without touching each other's dialogs.
    """
    if redis_url:
        return BufferedRedisStorage.from_url(
            redis_url,
            connection_kwargs={
                "socket_timeout": REDIS_TIMEOUT,
                "socket_connect_timeout": REDIS_TIMEOUT,
            },
            key_builder=DefaultKeyBuilder(prefix=prefix),
        )
    return SqlStorage(session_factory)
