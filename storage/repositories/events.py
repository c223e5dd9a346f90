"""The audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from storage.models import Event
from storage.repositories.base import Repository


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
        return event

    async def for_request(self, request_id: int) -> list[Event]:
        """Everything that happened to one request, oldest first."""
        result = await self.session.scalars(
            select(Event).where(Event.request_id == request_id).order_by(Event.id)
        )
        return list(result.all())

    async def recent(self, *, kind: str | None = None, limit: int = 50) -> list[Event]:
        """The latest lines, newest first, optionally of one kind."""
        statement = select(Event).order_by(Event.id.desc()).limit(limit)
        if kind is not None:
            statement = statement.where(Event.kind == kind)
        result = await self.session.scalars(statement)
        return list(result.all())
