"""Dialog state and data in the bot's own database: the storage of a single instance."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import Clock, SystemClock
from storage.fsm.unit import Row, lent_unit
from storage.models import FsmState
from storage.upsert import upsert


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

    async def write_back(self, session: AsyncSession, rows: dict[StorageKey, Row]) -> None:
        for key, row in rows.items():
            values = {"state": row.state, "data": row.data}
            changed = {name: values[name] for name in row.changed}
            await _upsert(session, self._key(key), changed, row.updated_at)

    async def _lent_row(self, key: StorageKey) -> Row | None:
        """The key's row within the lent session, read on first use; None without one.

        On PostgreSQL the row is locked until the update's transaction ends, so a
        concurrent update touching the same dialog waits instead of losing a change.
        """
        unit = lent_unit()
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
            row = Row(None, {}) if found is None else Row(found.state, dict(found.data or {}))
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
