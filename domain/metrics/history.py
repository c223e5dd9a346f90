"""The facts metrics are computed from, and the stage path each request took."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

#: The funnel's stages in order; a request reached a stage when it got this far or further.
FUNNEL: tuple[str, ...] = (
    "new",
    "taken",
    "meeting_planned",
    "meeting_held",
    "recap_confirmed",
    "proposal_sent",
    "won",
)
WON = "won"
LOST = "lost"
JUNK = "junk"
NURTURE = "nurture"

#: Events that make a person the request's owner.
TAKE_KINDS = frozenset({"request.taken", "request.assigned", "request.auto_assigned"})
#: Events that move a request to the stage named in ``data["to"]``.
MOVE_KINDS = frozenset({"request.stage_changed", "request.reopened"})


@dataclass(frozen=True, slots=True)
class RequestFact:
    """One request as the metrics see it; ``source`` is the answer to the form's source field."""

    id: int
    form: str
    author_id: int
    owner_id: int | None
    stage: str
    priority: str
    created_at: datetime
    source: str | None = None
    lost_reason: str | None = None


@dataclass(frozen=True, slots=True)
class EventFact:
    """One line of the event log."""

    at: datetime
    kind: str
    request_id: int | None = None
    actor_id: int | None = None
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StepFact:
    """A next step: whose, due when, done when (``status`` open, done or cancelled)."""

    request_id: int
    assignee_id: int
    due_at: datetime
    status: str
    done_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class MeetingFact:
    """A meeting and its recap as stored."""

    request_id: int
    moderator_id: int
    starts_at: datetime
    ends_at: datetime
    status: str
    recap_status: str = "none"
    confirmed_at: datetime | None = None
    corrections: bool = False


@dataclass(frozen=True)
class History:
    """What one report reads.

    ``requests`` is the cohort: requests submitted in the period that match the filters;
    ``events`` every event of those requests, whenever it happened. ``period_events`` are
    events that happened in the period on any matching request (people's activity and
    the weekly trend count these). ``steps`` are due in the period, ``meetings`` start in
    it. ``open_load`` (owner -> requests in work now), ``in_nurture`` and
    ``overdue_steps`` describe the present moment ``now``; ``stages`` is the stage now of
    every request the period's events name.
    """

    start: datetime
    end: datetime
    now: datetime
    requests: Sequence[RequestFact] = ()
    events: Sequence[EventFact] = ()
    period_events: Sequence[EventFact] = ()
    steps: Sequence[StepFact] = ()
    meetings: Sequence[MeetingFact] = ()
    open_load: Mapping[int, int] = field(default_factory=dict)
    in_nurture: int = 0
    overdue_steps: Sequence[StepFact] = ()
    stages: Mapping[int, str] = field(default_factory=dict)

    def events_by_request(self) -> Mapping[int, Sequence[EventFact]]:
        """Each cohort request's events, oldest first (grouped once, shared by every metric)."""
        return self._by_request

    def rank_of(self, request: RequestFact) -> int:
        """How far along the funnel a cohort request ever got (see :func:`furthest_rank`)."""
        return self._ranks[request.id]

    @functools.cached_property
    def _by_request(self) -> dict[int, list[EventFact]]:
        grouped: dict[int, list[EventFact]] = {request.id: [] for request in self.requests}
        for event in sorted(self.events, key=lambda event: event.at):
            if event.request_id in grouped:
                grouped[event.request_id].append(event)
        return grouped

    @functools.cached_property
    def _ranks(self) -> dict[int, int]:
        return {r.id: furthest_rank(r, self._by_request[r.id]) for r in self.requests}


@dataclass(frozen=True, slots=True)
class Visit:
    """A stretch of time a request spent in one stage; ``left`` is None while it is there."""

    stage: str
    entered: datetime
    left: datetime | None


def stage_after(event: EventFact) -> str | None:
    """The stage an event puts its request in, or ``None`` if it does not move it."""
    if event.kind in TAKE_KINDS:
        return "taken"
    if event.kind == "request.released":
        return "new"
    if event.kind == "request.nurtured":
        return NURTURE
    if event.kind in MOVE_KINDS:
        target = event.data.get("to")
        return str(target) if target else None
    return None


def visits(request: RequestFact, events: Sequence[EventFact]) -> list[Visit]:
    """The stages ``request`` went through, from its submission, in order.

    A reassignment keeps the request in its stage, so a take event moves it to ``taken``
    only from ``new``.
    """
    path = [Visit("new", request.created_at, None)]
    for event in events:
        stage = stage_after(event)
        current = path[-1]
        if stage is None or stage == current.stage:
            continue
        if event.kind in TAKE_KINDS and current.stage != "new":
            continue
        path[-1] = Visit(current.stage, current.entered, event.at)
        path.append(Visit(stage, event.at, None))
    return path


def furthest_rank(request: RequestFact, events: Sequence[EventFact]) -> int:
    """How far along the funnel the request ever got: an index into :data:`FUNNEL`."""
    stages = [visit.stage for visit in visits(request, events)] + [request.stage]
    return max(FUNNEL.index(stage) for stage in stages if stage in FUNNEL)


def first_take(events: Sequence[EventFact]) -> EventFact | None:
    """The event that first gave the request an owner."""
    return next((event for event in events if event.kind in TAKE_KINDS), None)


def last_move_to(events: Sequence[EventFact], stage: str) -> EventFact | None:
    """The latest event that moved the request to ``stage``."""
    moves = [event for event in events if stage_after(event) == stage]
    return moves[-1] if moves else None
