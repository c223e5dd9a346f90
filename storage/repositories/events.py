"""The audit log, and the one place where other systems hear of what happened."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import Event
from storage.repositories.base import Repository

STAGE_CHANGED = "request.stage_changed"

EventSink = Callable[[AsyncSession, Event], Awaitable[None]]
"""Called with every event logged, in the session (and so the transaction) that logged it."""

_SINKS = "event_sinks"


def add_event_sink(factory: async_sessionmaker[AsyncSession], sink: EventSink) -> None:
    """Hand every event logged in a session of ``factory`` to ``sink`` as well.

    The outgoing webhooks and CRM pushes plan their deliveries this way, in the same
    transaction as the change, without a call at every place that logs an event. The
    sinks ride in the sessions' ``info``, so nothing is registered globally.
    """
    info = dict(factory.kw.get("info") or {})
    info[_SINKS] = (*info.get(_SINKS, ()), sink)
    factory.configure(info=info)


class EventLog(Repository):
    """Appends to and reads ``events``; lines are never changed once written."""

    async def add(
        self,
        *,
        kind: str,
        actor_id: int | None,
        request_id: int | None = None,
        data: dict[str, Any] | None = None,
        at: datetime | None = None,
    ) -> Event:
        """Write one line, e.g. ``kind="request.submitted"``, in the caller's transaction."""
        event = Event(
            kind=kind,
            actor_id=actor_id,
            request_id=request_id,
            data=dict(data or {}),
            at=self._now(at),
        )
        self.session.add(event)
        await self.session.flush()
        for sink in self.session.info.get(_SINKS, ()):
            await sink(self.session, event)
        return event

    async def for_request(self, request_id: int) -> list[Event]:
        """Everything that happened to one request, oldest first."""
        result = await self.session.scalars(
            select(Event).where(Event.request_id == request_id).order_by(Event.id)
        )
        return list(result.all())

    async def stage_before(self, request_id: int, stage: str) -> str | None:
        """The stage a request left when it last entered ``stage``, from its moves.

        A reopened or postponed request goes back there.
        """
        result = await self.session.scalars(
            select(Event)
            .where(Event.request_id == request_id, Event.kind == STAGE_CHANGED)
            .order_by(Event.id.desc())
            .limit(50)
        )
        for event in result:
            came = event.data.get("from")
            if event.data.get("to") == stage and isinstance(came, str) and came != stage:
                return came
        return None

    async def recent(self, *, kind: str | None = None, limit: int = 50) -> list[Event]:
        """The latest lines, newest first, optionally of one kind."""
        statement = select(Event).order_by(Event.id.desc()).limit(limit)
        if kind is not None:
            statement = statement.where(Event.kind == kind)
        result = await self.session.scalars(statement)
        return list(result.all())
