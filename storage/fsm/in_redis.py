"""Dialog state and data in Redis, where several instances share them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import StateType, StorageKey
from aiogram.fsm.storage.redis import RedisStorage
from sqlalchemy.ext.asyncio import AsyncSession

from storage.fsm.unit import Row, lent_unit


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

    async def write_back(self, session: AsyncSession, rows: dict[StorageKey, Row]) -> None:
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

    async def _lent_row(self, key: StorageKey) -> Row | None:
        """The key's state and data within the update's unit, read on first use."""
        unit = lent_unit()
        if unit is None:
            return None
        row = unit.rows.get((self, key))
        if row is None:
            state, data = await self.redis.mget(
                self.key_builder.build(key, "state"), self.key_builder.build(key, "data")
            )
            row = Row(
                _text(state),
                cast(dict[str, Any], self.json_loads(_text(data))) if data else {},
            )
            unit.rows[self, key] = row
        return row


def _text(value: bytes | str | None) -> str | None:
    return value.decode() if isinstance(value, bytes) else value
