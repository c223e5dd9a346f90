"""What reports read: one period's requests, events, steps and meetings, as plain facts."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select

from domain.metrics.history import (
    TAKE_KINDS,
    WON,
    EventFact,
    History,
    MeetingFact,
    RequestFact,
    StepFact,
)
from domain.metrics.trend import TrendWeek, weekly_trend
from storage.models import Event, Meeting, NextStep, Request, RequestAnswer, Stage, StepStatus
from storage.repositories.base import Repository

_IN_WORK = [
    Stage.TAKEN.value,
    Stage.MEETING_PLANNED.value,
    Stage.MEETING_HELD.value,
    Stage.RECAP_CONFIRMED.value,
    Stage.PROPOSAL_SENT.value,
]
# Ids per IN (...) list: far under SQLite's and asyncpg's parameter limits.
_CHUNK = 900


@dataclass(frozen=True, slots=True)
class Filters:
    """Which requests a report covers: one form or all, one source or all.

    ``source_fields`` maps each form to the id of its field with the ``source`` role,
    whose answer is the request's source.
    """

    form: str | None = None
    source: str | None = None
    source_fields: Mapping[str, str] | None = None


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for index in range(0, len(ids), _CHUNK):
        yield ids[index : index + _CHUNK]


class ReportQueries(Repository):
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
            select(*_EVENT_COLUMNS, Request.scenario_id)
            .outerjoin(Request, Request.id == Event.request_id)
            .where(Event.at >= start, Event.at < end)
            .order_by(Event.at, Event.id)
        )
        return await self._kept_events(statement, filters)

    async def trend(self, weeks: Sequence[datetime], filters: Filters) -> list[TrendWeek]:
        """Submitted, first taken and won per week from each of ``weeks``' starts.

        Counted by the database in one row per measure; only a source filter, which
        lives in the answers, makes it read the events themselves.
        """
        end = weeks[-1] + timedelta(weeks=1)
        if filters.source is not None:
            return weekly_trend(await self._trend_events(weeks[0], end, filters), weeks)
        bounds = [*weeks, end]

        def per_week(column: Any) -> list[Any]:
            return [
                func.coalesce(func.sum(case((and_(column >= low, column < high), 1), else_=0)), 0)
                for low, high in itertools.pairwise(bounds)
            ]

        def of_form(statement: Any) -> Any:
            if filters.form is None:
                return statement
            return statement.join(Request, Request.id == Event.request_id).where(
                Request.scenario_id == filters.form
            )

        submitted = of_form(
            select(*per_week(Event.at)).where(
                Event.kind == "request.submitted", Event.at >= weeks[0], Event.at < end
            )
        )
        won = of_form(
            select(*per_week(Event.at)).where(
                Event.kind == "request.stage_changed",
                Event.data["to"].as_string() == WON,
                Event.at >= weeks[0],
                Event.at < end,
            )
        )
        first = (
            of_form(
                select(Event.request_id, func.min(Event.at).label("first")).where(
                    Event.kind.in_(TAKE_KINDS)
                )
            )
            .group_by(Event.request_id)
            .subquery()
        )
        taken = select(*per_week(first.c.first))
        rows: list[list[int]] = [
            [int(value) for value in (await (await self._core()).execute(statement)).one()]
            for statement in (submitted, taken, won)
        ]
        return [
            TrendWeek(start, rows[0][index], rows[1][index], rows[2][index])
            for index, start in enumerate(weeks)
        ]

    async def _trend_events(
        self, start: datetime, end: datetime, filters: Filters
    ) -> list[EventFact]:
        """The events the weekly trend counts in ``[start, end)``, for a source filter."""
        counted = (
            select(*_EVENT_COLUMNS, Request.scenario_id)
            .join(Request, Request.id == Event.request_id)
            .where(
                Event.at >= start,
                Event.at < end,
                (Event.kind == "request.submitted")
                | (
                    (Event.kind == "request.stage_changed") & (Event.data["to"].as_string() == WON)
                ),
            )
        )
        first = func.min(Event.at).label("at")
        takes = (
            select(Event.request_id, first, Request.scenario_id)
            .join(Request, Request.id == Event.request_id)
            .where(Event.kind.in_(TAKE_KINDS))
            .group_by(Event.request_id, Request.scenario_id)
            .having(first >= start, first < end)
        )
        facts = await self._kept_events(counted, filters)
        rows = (await (await self._core()).execute(takes)).all()
        taken = [
            EventFact(at=row.at, kind="request.taken", request_id=row.request_id)
            for row in rows
            if filters.form is None or row.scenario_id == filters.form
        ]
        sources = await self._sources({r.request_id: r.scenario_id for r in rows}, filters)
        return facts + [f for f in taken if sources.get(f.request_id or 0) == filters.source]

    async def _kept_events(self, statement: Select[Any], filters: Filters) -> list[EventFact]:
        """Run an event query and keep the events the filters keep."""
        if filters.form is not None:
            statement = statement.where(Request.scenario_id == filters.form)
        rows = (await (await self._core()).execute(statement)).all()
        facts = [_event(row) for row in rows]
        if filters.source is None:
            return facts
        forms = {row.request_id: row.scenario_id for row in rows if row.request_id is not None}
        sources = await self._sources(forms, filters)
        return [
            fact
            for fact in facts
            if fact.request_id is not None and sources.get(fact.request_id) == filters.source
        ]

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

    async def _sources(self, forms: Mapping[int, str], filters: Filters) -> dict[int, str]:
        """The answer to each request's source field, where its form has one."""
        fields = filters.source_fields or {}
        wanted = sorted(request for request, form in forms.items() if form in fields)
        found: dict[int, str] = {}
        for chunk in _chunks(wanted):
            rows = await (await self._core()).execute(
                select(
                    RequestAnswer.request_id, RequestAnswer.field_id, RequestAnswer.value
                ).where(
                    RequestAnswer.request_id.in_(chunk),
                    RequestAnswer.field_id.in_(set(fields.values())),
                )
            )
            for row in rows:
                if fields.get(forms[row.request_id]) == row.field_id and row.value is not None:
                    found[row.request_id] = source_of(row.value)
        return found

    async def _events_of(
        self, ids: Sequence[int], *, outside: tuple[datetime, datetime]
    ) -> list[EventFact]:
        """The requests' events before ``outside[0]`` or from ``outside[1]`` on."""
        facts: list[EventFact] = []
        before, after = outside
        for chunk in _chunks(ids):
            rows = await (await self._core()).execute(
                select(*_EVENT_COLUMNS)
                .where(Event.request_id.in_(chunk), or_(Event.at < before, Event.at >= after))
                .order_by(Event.at, Event.id)
            )
            facts += [_event(row) for row in rows]
        return facts

    async def _matching(self, ids: Collection[int], filters: Filters) -> set[int]:
        """Which of ``ids`` are requests the filters keep."""
        if filters.form is None and filters.source is None:
            return set(ids)
        kept: set[int] = set()
        for chunk in _chunks(sorted(ids)):
            statement = select(Request.id, Request.scenario_id).where(Request.id.in_(chunk))
            if filters.form is not None:
                statement = statement.where(Request.scenario_id == filters.form)
            rows = await (await self._core()).execute(statement)
            forms = {row.id: row.scenario_id for row in rows}
            if filters.source is None:
                kept |= set(forms)
                continue
            sources = await self._sources(forms, filters)
            kept |= {request for request, source in sources.items() if source == filters.source}
        return kept

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
        for chunk in _chunks(ids):
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


def source_of(value: Any) -> str:
    """A choice's option id; an answer typed under "other" counts as ``other``."""
    return "other" if isinstance(value, dict) else str(value)


_EVENT_COLUMNS = (Event.at, Event.kind, Event.request_id, Event.actor_id, Event.data)


def _event(row: Any) -> EventFact:
    """An event from a row of ``_EVENT_COLUMNS`` (plain columns: no ORM objects to build)."""
    return EventFact(
        at=row.at,
        kind=row.kind,
        request_id=row.request_id,
        actor_id=row.actor_id,
        data=row.data or {},
    )
