"""What every repository shares: the session it works in and the clock it reads."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, Result, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from domain.clock import Clock


class Repository:
    """A set of queries about one aggregate, run in the caller's session.

    Repositories never commit: the caller decides where the transaction ends, so a
    handler's work and the marking of its update as done land together.
    """

    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self.session = session
        self._clock = clock

    def _now(self, now: datetime | None) -> datetime:
        return now if now is not None else self._clock.now()

    async def _core(self) -> AsyncConnection:
        """The session's connection, in its transaction, for a plain Core statement.

        The ORM's execution path costs about a third more per statement than the
        connection's; the statements every update runs (inbox, drafts) take the shorter one.
        """
        return await self.session.connection()

    def _insert(self, table: Any) -> postgresql.Insert | sqlite.Insert:
        """An INSERT that knows ``ON CONFLICT`` in the session's dialect."""
        if self.session.get_bind().dialect.name == "postgresql":
            return postgresql.insert(table)
        return sqlite.insert(table)


def rowcount(result: Result[Any]) -> int:
    """Rows matched by an UPDATE or DELETE (whose result is always a ``CursorResult``)."""
    if not isinstance(result, CursorResult):
        raise TypeError(f"not a DML result: {result!r}")
    return result.rowcount


async def free_claimed(
    session: AsyncSession,
    model: Any,
    *,
    claimed: str,
    free: str,
    owners: Collection[str] | None = None,
) -> int:
    """Free the rows of ``model`` claimed by a worker (status ``claimed``), whatever their
    lease, back to ``free``: all of them, or those claimed by one of ``owners``."""
    conditions = [model.status == claimed]
    if owners is not None:
        conditions.append(model.claimed_by.in_(owners))
    result = await session.execute(
        update(model)
        .where(*conditions)
        .values(status=free, claimed_by=None, claimed_until=None)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result)
