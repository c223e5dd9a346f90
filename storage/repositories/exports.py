"""What exports read: a period's requests in chunks by id, with everything hanging off them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, func, select

from domain.metrics.history import TAKE_KINDS
from storage.models import Event, Meeting, NextStep, Request, RequestAnswer, User
from storage.repositories.base import Repository
from storage.repositories.report_filters import source_of


class StoredAnswer(NamedTuple):
    """An answer as stored: its value, to draw it again by, and the text its author saw."""

    value: Any
    display: str


@dataclass
class RequestChunk:
    """Up to one chunk of requests and their answers, first takes, events, steps, meetings.

    Rows carry the tables' columns by name (plain rows, not ORM objects: cheaper to read on
    the event loop). ``answers`` is keyed by request, then by ``form:field``.
    """

    requests: list[Any]
    answers: dict[int, dict[str, StoredAnswer]] = field(default_factory=dict)
    sources: dict[int, str] = field(default_factory=dict)
    first_taken: dict[int, datetime] = field(default_factory=dict)
    events: list[Any] = field(default_factory=list)
    steps: list[Any] = field(default_factory=list)
    meetings: list[Any] = field(default_factory=list)


class ExportQueries(Repository):
    """Reads for exports; nothing here writes."""

    def _period(
        self, start: datetime, end: datetime, form: str | None
    ) -> list[ColumnElement[bool]]:
        conditions = [Request.created_at >= start, Request.created_at < end]
        if form is not None:
            conditions.append(Request.scenario_id == form)
        return conditions

    async def count(self, start: datetime, end: datetime, form: str | None) -> int:
        """How many requests the export will hold, for the progress message."""
        statement = (
            select(func.count()).select_from(Request).where(*self._period(start, end, form))
        )
        return int(await self.session.scalar(statement) or 0)

    async def names(self) -> dict[int, str]:
        """Everyone's display name: users are few next to requests."""
        rows = await self.session.execute(select(User.id, User.first_name, User.last_name))
        return {
            row.id: " ".join(part for part in (row.first_name, row.last_name) if part)
            or str(row.id)
            for row in rows
        }

    async def chunks(
        self,
        start: datetime,
        end: datetime,
        form: str | None,
        source_fields: Mapping[str, str],
        size: int,
    ) -> AsyncIterator[RequestChunk]:
        """The period's requests by id, ``size`` at a time, each with its related rows."""
        after = 0
        while True:
            statement = (
                select(Request.__table__)
                .where(*self._period(start, end, form), Request.id > after)
                .order_by(Request.id)
                .limit(size)
            )
            requests = list((await self.session.execute(statement)).all())
            if not requests:
                return
            after = requests[-1].id
            yield await self._related(requests, source_fields)

    async def _related(
        self, requests: list[Any], source_fields: Mapping[str, str]
    ) -> RequestChunk:
        ids = [request.id for request in requests]
        forms = {request.id: request.scenario_id for request in requests}
        chunk = RequestChunk(requests=requests)
        answers = await self.session.execute(
            select(
                RequestAnswer.request_id,
                RequestAnswer.field_id,
                RequestAnswer.display,
                RequestAnswer.value,
            ).where(RequestAnswer.request_id.in_(ids))
        )
        for row in answers:
            form = forms[row.request_id]
            chunk.answers.setdefault(row.request_id, {})[f"{form}:{row.field_id}"] = StoredAnswer(
                row.value, row.display
            )
            if source_fields.get(form) == row.field_id and row.value is not None:
                chunk.sources[row.request_id] = source_of(row.value)
        taken = await self.session.execute(
            select(Event.request_id, func.min(Event.at))
            .where(Event.request_id.in_(ids), Event.kind.in_(TAKE_KINDS))
            .group_by(Event.request_id)
        )
        chunk.first_taken = {row[0]: row[1] for row in taken if row[0] is not None}
        chunk.events = await self._rows_of(Event, ids)
        chunk.steps = await self._rows_of(NextStep, ids)
        chunk.meetings = await self._rows_of(Meeting, ids)
        return chunk

    async def _rows_of(self, model: type[Event | NextStep | Meeting], ids: list[int]) -> list[Any]:
        """The rows of ``model`` that belong to these requests, in the order they were made."""
        rows = await self.session.execute(
            select(model.__table__).where(model.request_id.in_(ids)).order_by(model.id)
        )
        return list(rows.all())
