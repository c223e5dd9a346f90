"""The weekly trend of reports: submitted, first taken and won, per week."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, select

from domain.metrics.history import TAKE_KINDS, WON, EventFact
from domain.metrics.trend import TrendWeek, weekly_trend
from storage.models import Event, Request
from storage.repositories.report_filters import EVENT_COLUMNS, FilteredQueries, Filters


class TrendQueries(FilteredQueries):
    """Counts per week, by the database where it can."""

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
            select(*EVENT_COLUMNS, Request.scenario_id)
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
