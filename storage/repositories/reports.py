"""What reports read: one period's requests, events, steps and meetings, as plain facts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select

from domain.metrics.history import (
    EventFact,
    History,
    MeetingFact,
    RequestFact,
    StepFact,
)
from storage.models import Event, Meeting, NextStep, Request, Stage, StepStatus
from storage.repositories.report_filters import (
    EVENT_COLUMNS,
    FilteredQueries,
    Filters,
    chunks,
    event_fact,
)

_IN_WORK = [
    Stage.TAKEN.value,
    Stage.MEETING_PLANNED.value,
    Stage.MEETING_HELD.value,
    Stage.RECAP_CONFIRMED.value,
    Stage.PROPOSAL_SENT.value,
]


class ReportQueries(FilteredQueries):
    """Reads for reports; nothing here writes."""

    async def history(
        self, *, start: datetime, end: datetime, filters: Filters, now: datetime | None = None
    ) -> History:
        """Everything the metrics of ``[start, end)`` need, filtered by form and source."""
        moment = self._now(now)
        cohort = await self._requests(start, end, filters)
        ids = [request.id for request in cohort]
        period_events = await self.events_between(start, end, filters)
        # The cohort's events are mostly the period's own: read only the rest, not twice.
        outside = await self._events_of(ids, outside=(start, end))
        in_cohort = set(ids)
        events = [
            *(event for event in outside if event.at < start),
            *(event for event in period_events if event.request_id in in_cohort),
            *(event for event in outside if event.at >= end),
        ]
        named = sorted({e.request_id for e in period_events if e.request_id is not None})
        return History(
            start=start,
            end=end,
            now=moment,
            requests=cohort,
            events=events,
            period_events=period_events,
            steps=await self._steps(
                NextStep.due_at >= start, NextStep.due_at < end, filters=filters
            ),
            meetings=await self._meetings(start, end, filters),
            open_load=await self._open_load(filters),
            in_nurture=await self._count_in(Stage.NURTURE.value, filters),
            overdue_steps=await self._steps(
                NextStep.status == StepStatus.OPEN.value, NextStep.due_at < moment, filters=filters
            ),
            stages=await self._stages(named),
        )

    async def events_between(
        self, start: datetime, end: datetime, filters: Filters
    ) -> list[EventFact]:
        """Events in ``[start, end)`` on matching requests (all events without a filter)."""
        statement = (
            select(*EVENT_COLUMNS, Request.scenario_id)
            .outerjoin(Request, Request.id == Event.request_id)
            .where(Event.at >= start, Event.at < end)
            .order_by(Event.at, Event.id)
        )
        return await self._kept_events(statement, filters)

    async def _requests(
        self, start: datetime, end: datetime, filters: Filters
    ) -> list[RequestFact]:
        statement = select(
            Request.id,
            Request.scenario_id,
            Request.author_id,
            Request.owner_id,
            Request.stage,
            Request.priority,
            Request.created_at,
            Request.lost_reason,
        ).where(Request.created_at >= start, Request.created_at < end)
        if filters.form is not None:
            statement = statement.where(Request.scenario_id == filters.form)
        requests = (await (await self._core()).execute(statement.order_by(Request.id))).all()
        sources = await self._sources({r.id: r.scenario_id for r in requests}, filters)
        facts = [
            RequestFact(
                id=request.id,
                form=request.scenario_id,
                author_id=request.author_id,
                owner_id=request.owner_id,
                stage=request.stage,
                priority=request.priority,
                created_at=request.created_at,
                source=sources.get(request.id),
                lost_reason=request.lost_reason,
            )
            for request in requests
        ]
        if filters.source is None:
            return facts
        return [fact for fact in facts if fact.source == filters.source]

    async def _events_of(
        self, ids: Sequence[int], *, outside: tuple[datetime, datetime]
    ) -> list[EventFact]:
        """The requests' events before ``outside[0]`` or from ``outside[1]`` on."""
        facts: list[EventFact] = []
        before, after = outside
        for chunk in chunks(ids):
            rows = await (await self._core()).execute(
                select(*EVENT_COLUMNS)
                .where(Event.request_id.in_(chunk), or_(Event.at < before, Event.at >= after))
                .order_by(Event.at, Event.id)
            )
            facts += [event_fact(row) for row in rows]
        return facts

    async def _steps(self, *conditions: Any, filters: Filters) -> list[StepFact]:
        steps = list((await self.session.scalars(select(NextStep).where(*conditions))).all())
        kept = await self._matching({step.request_id for step in steps}, filters)
        return [
            StepFact(
                request_id=step.request_id,
                assignee_id=step.assignee_id,
                due_at=step.due_at,
                status=step.status,
                done_at=step.done_at,
            )
            for step in steps
            if step.request_id in kept
        ]

    async def _meetings(
        self, start: datetime, end: datetime, filters: Filters
    ) -> list[MeetingFact]:
        meetings = list(
            (
                await self.session.scalars(
                    select(Meeting).where(Meeting.starts_at >= start, Meeting.starts_at < end)
                )
            ).all()
        )
        kept = await self._matching({meeting.request_id for meeting in meetings}, filters)
        return [
            MeetingFact(
                request_id=meeting.request_id,
                moderator_id=meeting.moderator_id,
                starts_at=meeting.starts_at,
                ends_at=meeting.starts_at + timedelta(minutes=meeting.duration_minutes),
                status=meeting.status,
                recap_status=meeting.recap_status,
                confirmed_at=meeting.confirmed_at,
                corrections=meeting.corrections is not None,
            )
            for meeting in meetings
            if meeting.request_id in kept
        ]

    async def _open_load(self, filters: Filters) -> dict[int, int]:
        """Requests in work per owner now."""
        statement = select(Request.id, Request.owner_id).where(
            Request.stage.in_(_IN_WORK), Request.owner_id.is_not(None)
        )
        rows = (await (await self._core()).execute(statement)).all()
        kept = await self._matching({row.id for row in rows}, filters)
        load: dict[int, int] = {}
        for request_id, owner_id in rows:
            if request_id in kept and owner_id is not None:
                load[owner_id] = load.get(owner_id, 0) + 1
        return load

    async def _count_in(self, stage: str, filters: Filters) -> int:
        ids = list(await self.session.scalars(select(Request.id).where(Request.stage == stage)))
        return len(await self._matching(ids, filters))

    async def _stages(self, ids: Sequence[int]) -> dict[int, str]:
        stages: dict[int, str] = {}
        for chunk in chunks(ids):
            rows = await (await self._core()).execute(
                select(Request.id, Request.stage).where(Request.id.in_(chunk))
            )
            stages.update({row.id: row.stage for row in rows})
        return stages

    async def submitted_count(self, start: datetime, end: datetime) -> int:
        """How many requests were submitted in ``[start, end)``: an empty week has no report."""
        return int(
            await self.session.scalar(
                select(func.count())
                .select_from(Request)
                .where(Request.created_at >= start, Request.created_at < end)
            )
            or 0
        )
