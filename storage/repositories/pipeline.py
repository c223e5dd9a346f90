"""What the pipeline's periodic checks read: requests in work, signs of life, nurture origins."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import func, select

from storage.models import Event, Request, Stage
from storage.repositories.base import Repository

#: Written when the deal life sends a request to nurture; ``data["from"]`` is where it was.
NURTURED = "request.nurtured"

_IN_WORK = [
    Stage.TAKEN.value,
    Stage.MEETING_PLANNED.value,
    Stage.MEETING_HELD.value,
    Stage.RECAP_CONFIRMED.value,
    Stage.PROPOSAL_SENT.value,
]


class PipelineQueries(Repository):
    """Reads across requests and events for stage limits, deal life and digests."""

    async def in_work(self, *, limit: int = 1000) -> list[Request]:
        """Owned requests in a stage an expert works in, oldest stage change first."""
        result = await self.session.scalars(
            select(Request)
            .where(Request.owner_id.is_not(None), Request.stage.in_(_IN_WORK))
            .order_by(Request.stage_changed_at, Request.id)
            .limit(limit)
        )
        return list(result.all())

    async def in_stage(self, stage: Stage, *, limit: int = 1000) -> list[Request]:
        """Requests in one stage, oldest stage change first."""
        result = await self.session.scalars(
            select(Request)
            .where(Request.stage == stage.value)
            .order_by(Request.stage_changed_at, Request.id)
            .limit(limit)
        )
        return list(result.all())

    async def last_person_event(self, request_ids: Collection[int]) -> dict[int, datetime]:
        """When a person (not the bot) last did something to each request."""
        if not request_ids:
            return {}
        result = await self.session.execute(
            select(Event.request_id, func.max(Event.at))
            .where(Event.request_id.in_(list(request_ids)), Event.actor_id.is_not(None))
            .group_by(Event.request_id)
        )
        return {int(rid): at for rid, at in result.all() if rid is not None and at is not None}

    async def nurtured_from(self, request_id: int) -> Stage | None:
        """The stage the request had when the deal life last sent it to nurture."""
        event = await self.session.scalar(
            select(Event)
            .where(Event.request_id == request_id, Event.kind == NURTURED)
            .order_by(Event.id.desc())
            .limit(1)
        )
        origin = event.data.get("from") if event is not None else None
        try:
            return Stage(origin) if isinstance(origin, str) else None
        except ValueError:
            return None
