"""Claim limits: hot requests count the clock, normal ones count working hours."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.limits import ClaimDeadlines, ClaimLimits, claim_deadlines, overdue_level
from domain.working_hours import WorkingSchedule

MOSCOW = ZoneInfo("Europe/Moscow")
OFFICE = WorkingSchedule(start=time(9), end=time(18), days=frozenset(range(1, 6)), tz=MOSCOW)


HOT = ClaimLimits(first=timedelta(minutes=10), second=timedelta(minutes=15), working_time=False)
NORMAL = ClaimLimits(first=timedelta(hours=2), second=timedelta(hours=9), working_time=True)


def msk(day: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock moment in Moscow in March 2026; the 2nd is a Monday."""
    return datetime(2026, 3, day, hour, minute, tzinfo=MOSCOW)


def test_a_hot_request_on_friday_night_is_late_within_minutes() -> None:
    first, second = claim_deadlines(OFFICE, msk(6, 22), HOT)
    assert first == msk(6, 22, 10)
    assert second == msk(6, 22, 15)
    assert first.tzinfo is UTC


def test_a_normal_request_on_friday_evening_is_late_on_monday() -> None:
    deadlines = claim_deadlines(OFFICE, msk(6, 17, 30), NORMAL)
    # Two working hours: half an hour on Friday, then until 10:30 on Monday.
    assert deadlines.first == msk(9, 10, 30)
    # One working day (nine hours): until 17:30 on Monday.
    assert deadlines.second == msk(9, 17, 30)


def test_both_limits_count_from_creation() -> None:
    limits = ClaimLimits(first=timedelta(hours=1), second=timedelta(hours=3), working_time=True)
    assert claim_deadlines(OFFICE, msk(2, 10), limits) == (msk(2, 11), msk(2, 13))


def test_a_hot_request_may_be_set_to_count_working_time() -> None:
    limits = ClaimLimits(
        first=timedelta(minutes=10), second=timedelta(minutes=15), working_time=True
    )
    assert claim_deadlines(OFFICE, msk(6, 22), limits) == (msk(9, 9, 10), msk(9, 9, 15))


def test_a_normal_request_may_be_set_to_count_the_clock() -> None:
    limits = ClaimLimits(first=timedelta(hours=2), second=timedelta(hours=9), working_time=False)
    assert claim_deadlines(OFFICE, msk(6, 17, 30), limits) == (msk(6, 19, 30), msk(7, 2, 30))


def test_deadlines_read_as_named_fields_and_as_a_pair() -> None:
    deadlines = claim_deadlines(OFFICE, msk(2, 10), HOT)
    assert isinstance(deadlines, ClaimDeadlines)
    first, second = deadlines
    assert (first, second) == (deadlines.first, deadlines.second)


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        (timedelta(0), timedelta(hours=1), "must be positive"),
        (timedelta(minutes=-5), timedelta(hours=1), "must be positive"),
        (timedelta(hours=2), timedelta(hours=1), "must not come before"),
    ],
)
def test_impossible_limits_are_refused(first: timedelta, second: timedelta, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ClaimLimits(first=first, second=second, working_time=True)


def test_a_naive_creation_time_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        claim_deadlines(OFFICE, datetime(2026, 3, 2, 10), HOT)


DEADLINES = (msk(2, 10), msk(2, 12))


@pytest.mark.parametrize(
    ("now", "level"),
    [
        (msk(2, 9), 0),
        (msk(2, 9, 59), 0),
        (msk(2, 10), 1),  # the deadline moment itself is late
        (msk(2, 11), 1),
        (msk(2, 12), 2),
        (msk(5, 12), 2),
        (datetime(2026, 3, 2, 8, 30, tzinfo=UTC), 1),  # 11:30 in Moscow
    ],
)
def test_overdue_level(now: datetime, level: int) -> None:
    assert overdue_level(now, DEADLINES) == level


def test_equal_deadlines_jump_straight_to_escalation() -> None:
    assert overdue_level(msk(2, 10), (msk(2, 10), msk(2, 10))) == 2
