"""What every report query shares: the filters a report is read through, and how.

A report covers one form or all and one source or all. The form is a column of the
request; the source is an answer (the form's field with the ``source`` role), so keeping
a source means reading the answers of the requests found, in chunks of ids.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select

from domain.metrics.history import EventFact
from storage.models import Event, Request, RequestAnswer
from storage.repositories.base import Repository

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


def chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    """``ids`` in slices small enough for one ``IN (...)`` list each."""
    for index in range(0, len(ids), _CHUNK):
        yield ids[index : index + _CHUNK]


class FilteredQueries(Repository):
    """Reads through :class:`Filters`; nothing here writes."""

    async def _kept_events(self, statement: Select[Any], filters: Filters) -> list[EventFact]:
        """Run an event query and keep the events the filters keep."""
        if filters.form is not None:
            statement = statement.where(Request.scenario_id == filters.form)
        rows = (await (await self._core()).execute(statement)).all()
        facts = [event_fact(row) for row in rows]
        if filters.source is None:
            return facts
        forms = {row.request_id: row.scenario_id for row in rows if row.request_id is not None}
        sources = await self._sources(forms, filters)
        return [
            fact
            for fact in facts
            if fact.request_id is not None and sources.get(fact.request_id) == filters.source
        ]

    async def _sources(self, forms: Mapping[int, str], filters: Filters) -> dict[int, str]:
        """The answer to each request's source field, where its form has one."""
        fields = filters.source_fields or {}
        wanted = sorted(request for request, form in forms.items() if form in fields)
        found: dict[int, str] = {}
        for chunk in chunks(wanted):
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

    async def _matching(self, ids: Collection[int], filters: Filters) -> set[int]:
        """Which of ``ids`` are requests the filters keep."""
        if filters.form is None and filters.source is None:
            return set(ids)
        kept: set[int] = set()
        for chunk in chunks(sorted(ids)):
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


def source_of(value: Any) -> str:
    """A choice's option id; an answer typed under "other" counts as ``other``."""
    return "other" if isinstance(value, dict) else str(value)


EVENT_COLUMNS = (Event.at, Event.kind, Event.request_id, Event.actor_id, Event.data)


def event_fact(row: Any) -> EventFact:
    """An event from a row of ``EVENT_COLUMNS`` (plain columns: no ORM objects to build)."""
    return EventFact(
        at=row.at,
        kind=row.kind,
        request_id=row.request_id,
        actor_id=row.actor_id,
        data=row.data or {},
    )
