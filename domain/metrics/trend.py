"""Submitted, taken and won per week, for the trend chart."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.metrics.history import TAKE_KINDS, WON, EventFact


@dataclass(frozen=True, slots=True)
class TrendWeek:
    """One week from ``start``: requests submitted, first claimed, and won in it."""

    start: datetime
    submitted: int
    taken: int
    won: int


def weekly_trend(events: Sequence[EventFact], weeks: Sequence[datetime]) -> list[TrendWeek]:
    """Counts by the week an event fell in; a request counts as taken once, at its first take.

    ``weeks`` are the weeks' starts in order; events outside them are ignored.
    """
    if not weeks:
        return []
    end = weeks[-1] + timedelta(weeks=1)
    counts = [[0, 0, 0] for _ in weeks]
    taken: set[int | None] = set()
    for event in sorted(events, key=lambda event: event.at):
        column = _column(event, taken)
        if column is None or not weeks[0] <= event.at < end:
            continue
        counts[bisect_right(weeks, event.at) - 1][column] += 1
    return [TrendWeek(start, *row) for start, row in zip(weeks, counts, strict=True)]


def _column(event: EventFact, taken: set[int | None]) -> int | None:
    if event.kind == "request.submitted":
        return 0
    if event.kind in TAKE_KINDS:
        if event.request_id in taken:
            return None
        taken.add(event.request_id)
        return 1
    if event.kind == "request.stage_changed" and event.data.get("to") == WON:
        return 2
    return None
