"""One update's unit of dialog storage: each key read once and written once, at the end.

Both storages (:mod:`storage.fsm.in_database`, :mod:`storage.fsm.in_redis`) buffer through it,
so the database middleware lends one session and one buffer for the whole update.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from aiogram.fsm.storage.base import StorageKey
from sqlalchemy.ext.asyncio import AsyncSession


@dataclass
class Row:
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


class Buffered(Protocol):
    """A storage that serves an update's reads from its unit and writes once at the end."""

    async def write_back(self, session: AsyncSession, rows: dict[StorageKey, Row]) -> None: ...


@dataclass
class Unit:
    """The session of the update being handled and the FSM rows it has touched."""

    session: AsyncSession
    rows: dict[tuple[Buffered, StorageKey], Row] = field(default_factory=dict)


_lent: ContextVar[Unit | None] = ContextVar("fsm_lent_session", default=None)


def lent_unit() -> Unit | None:
    """The unit of the update being handled, if this task is inside :func:`use_session`."""
    return _lent.get()


@asynccontextmanager
async def use_session(session: AsyncSession) -> AsyncIterator[None]:
    """Let the FSM storages work inside one update's unit: ``session`` and a buffer.

    Wrap the handling of one update in this. Within it each key is read once, at its
    first use, and written once, when the block ends without an error: an update asks
    for its dialog's state and data several times (the FSM middleware, the handler, the
    draft), and each of those was a round trip of its own. A handler that fails writes
    no dialog change. The database storage reads and writes inside ``session``, so FSM
    changes commit (or roll back) together with the handler's other writes; on SQLite
    that is also what keeps a handler that has already written from waiting on itself
    (SQLite has one writer, so an FSM write on a second connection would block until the
    busy timeout). The Redis storage reads a key's state and data in one command and
    writes the changes in one transaction, before the session commits.
    """
    unit = Unit(session)
    token = _lent.set(unit)
    try:
        yield
        await _write_back(unit)
    finally:
        _lent.reset(token)


async def _write_back(unit: Unit) -> None:
    changed: dict[Buffered, dict[StorageKey, Row]] = {}
    for (storage, key), row in unit.rows.items():
        if row.changed:
            changed.setdefault(storage, {})[key] = row
    for storage, rows in changed.items():
        await storage.write_back(unit.session, rows)
        for row in rows.values():
            row.changed.clear()
