"""What the pipeline's periodic checks read: requests in work, signs of life, nurture origins."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import func, or_, select

from storage.models import (
    Event,
    Meeting,
    MeetingParticipant,
    MeetingStatus,
    NextStep,
    Request,
    Stage,
    StepStatus,
)
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

    async def meetings_of(self, user_id: int, start: datetime, end: datetime) -> list[Meeting]:
        """Planned meetings from ``start`` to ``end`` that the user leads or takes part in."""
        takes_part = select(MeetingParticipant.meeting_id).where(
            MeetingParticipant.user_id == user_id
        )
        result = await self.session.scalars(
            select(Meeting)
            .where(
                Meeting.status == MeetingStatus.PLANNED.value,
                Meeting.starts_at >= start,
                Meeting.starts_at < end,
                or_(Meeting.moderator_id == user_id, Meeting.id.in_(takes_part)),
            )
            .order_by(Meeting.starts_at, Meeting.id)
        )
        return list(result.all())

    async def open_steps_of(self, user_id: int, *, due_before: datetime) -> list[NextStep]:
        """Open next steps assigned to the user and due before ``due_before``, soonest first."""
        result = await self.session.scalars(
            select(NextStep)
            .where(
                NextStep.assignee_id == user_id,
                NextStep.status == StepStatus.OPEN.value,
                NextStep.due_at < due_before,
            )
            .order_by(NextStep.due_at, NextStep.id)
        )
        return list(result.all())

    async def overdue_steps(self, now: datetime) -> int:
        """Open next steps of anybody whose deadline has passed."""
        count = await self.session.scalar(
            select(func.count())
            .select_from(NextStep)
            .where(NextStep.status == StepStatus.OPEN.value, NextStep.due_at < now)
        )
        return int(count or 0)
