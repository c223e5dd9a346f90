"""How fast requests are claimed and how long they sit in each stage."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from domain.metrics.history import History, first_take, visits
from domain.metrics.numbers import median, minutes, percentile, share

ESCALATION = "request.claim_overdue"
AUTO_ASSIGNED = "request.auto_assigned"
STAGE_OVERDUE = "request.stage_overdue"


@dataclass(frozen=True, slots=True)
class Claiming:
    """Time from submission to the first owner, in minutes, over the cohort's claimed requests.

    ``within_limit`` is the share claimed before the form's first claim limit ran out
    (no ``request.claim_overdue`` before the take); ``escalations`` counts those events
    by level; ``auto_assigned`` the requests the bot handed out by round robin.
    """

    claimed: int
    unclaimed: int
    median_minutes: float | None
    p90_minutes: float | None
    within_limit: float | None
    escalations: dict[int, int]
    auto_assigned: int
    samples: list[float]


def claiming(history: History) -> Claiming:
    """The claim figures of the cohort."""
    by_request = history.events_by_request()
    samples: list[float] = []
    in_time = 0
    escalations: Counter[int] = Counter()
    auto = 0
    for request in history.requests:
        events = by_request[request.id]
        for event in events:
            if event.kind == ESCALATION:
                escalations[int(event.data.get("level", 1))] += 1
        take = first_take(events)
        if take is None:
            continue
        samples.append(minutes(take.at - request.created_at))
        auto += take.kind == AUTO_ASSIGNED
        in_time += not any(e.kind == ESCALATION and e.at <= take.at for e in events)
    return Claiming(
        claimed=len(samples),
        unclaimed=len(history.requests) - len(samples),
        median_minutes=median(samples),
        p90_minutes=percentile(samples, 0.9),
        within_limit=share(in_time, len(samples)),
        escalations=dict(sorted(escalations.items())),
        auto_assigned=auto,
        samples=samples,
    )


@dataclass(frozen=True, slots=True)
class StageTime:
    """Time spent in one stage over the visits that ended, in hours.

    ``breaches`` counts ``request.stage_overdue`` events (a manager was told the stage's
    limit ran out) and ``over_limit`` the finished visits longer than ``limit``.
    """

    stage: str
    visits: int
    median_hours: float | None
    p90_hours: float | None
    breaches: int
    over_limit: int
    limit_hours: float | None


def stage_times(history: History, limits: Mapping[str, timedelta]) -> list[StageTime]:
    """Per stage, how long the cohort's requests stayed in it (finished visits only)."""
    by_request = history.events_by_request()
    durations: dict[str, list[float]] = defaultdict(list)
    breaches: Counter[str] = Counter()
    for request in history.requests:
        events = by_request[request.id]
        for visit in visits(request, events):
            if visit.left is not None:
                durations[visit.stage].append((visit.left - visit.entered).total_seconds() / 3600)
        for event in events:
            if event.kind == STAGE_OVERDUE:
                breaches[str(event.data.get("stage"))] += 1
    rows = []
    for stage in [*limits, *(s for s in durations if s not in limits)]:
        values = durations.get(stage, [])
        limit = limits.get(stage)
        limit_hours = limit.total_seconds() / 3600 if limit is not None else None
        if not values and not breaches[stage]:
            continue
        rows.append(
            StageTime(
                stage=stage,
                visits=len(values),
                median_hours=median(values),
                p90_hours=percentile(values, 0.9),
                breaches=breaches[stage],
                over_limit=sum(v > limit_hours for v in values) if limit_hours else 0,
                limit_hours=limit_hours,
            )
        )
    return rows


def slowest_stage(rows: list[StageTime]) -> StageTime | None:
    """The stage whose median is furthest over its limit; without limits, the longest median."""
    measured = [row for row in rows if row.median_hours is not None]
    limited = [row for row in measured if row.limit_hours]
    if limited:
        return max(limited, key=lambda row: (row.median_hours or 0) / (row.limit_hours or 1))
    return max(measured, key=lambda row: row.median_hours or 0) if measured else None
