"""The periods a report covers, as half-open UTC intervals cut on the reader's calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo


class PeriodKind(StrEnum):
    """The periods offered as buttons; ``custom`` is any two dates."""

    THIS_WEEK = "tw"
    LAST_WEEK = "lw"
    THIS_MONTH = "tm"
    LAST_MONTH = "lm"
    QUARTER = "q"
    CUSTOM = "c"


@dataclass(frozen=True, slots=True)
class Period:
    """``[start, end)`` in UTC; ``first_day``/``last_day`` are the local calendar days shown."""

    kind: PeriodKind
    start: datetime
    end: datetime
    first_day: date
    last_day: date


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def days_period(kind: PeriodKind, first: date, last: date, zone: ZoneInfo) -> Period:
    """The local days ``first`` to ``last`` inclusive."""
    if last < first:
        first, last = last, first
    return Period(
        kind, _midnight(first, zone), _midnight(last + timedelta(days=1), zone), first, last
    )


def period_of(kind: PeriodKind, now: datetime, zone: ZoneInfo) -> Period:
    """A named period around ``now``: weeks start on Monday; "quarter" is the current one."""
    today = now.astimezone(zone).date()
    monday = today - timedelta(days=today.weekday())
    month = today.replace(day=1)
    if kind is PeriodKind.THIS_WEEK:
        return days_period(kind, monday, monday + timedelta(days=6), zone)
    if kind is PeriodKind.LAST_WEEK:
        return days_period(kind, monday - timedelta(days=7), monday - timedelta(days=1), zone)
    if kind is PeriodKind.THIS_MONTH:
        return days_period(kind, month, _next_month(month) - timedelta(days=1), zone)
    if kind is PeriodKind.LAST_MONTH:
        previous = (month - timedelta(days=1)).replace(day=1)
        return days_period(kind, previous, month - timedelta(days=1), zone)
    if kind is PeriodKind.QUARTER:
        first = month.replace(month=3 * ((month.month - 1) // 3) + 1)
        last = _next_month(_next_month(_next_month(first))) - timedelta(days=1)
        return days_period(kind, first, last, zone)
    raise ValueError("a custom period needs its dates: use days_period")


def _next_month(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1)


def previous_week(period: Period, zone: ZoneInfo) -> Period:
    """The week before a week, for the weekly report's comparison."""
    first = period.first_day - timedelta(days=7)
    return days_period(PeriodKind.CUSTOM, first, first + timedelta(days=6), zone)


def week_starts(end: datetime, zone: ZoneInfo, count: int) -> list[datetime]:
    """The Mondays (UTC moments of local midnight) of the ``count`` weeks up to ``end``."""
    last_day = (end - timedelta(microseconds=1)).astimezone(zone).date()
    monday = last_day - timedelta(days=last_day.weekday())
    return [_midnight(monday - timedelta(weeks=back), zone) for back in range(count - 1, -1, -1)]
