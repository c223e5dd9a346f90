"""Working hours: windows, limits counted in working time, DST, holidays, quiet nights."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.working_hours import (
    WorkingSchedule,
    add_working_time,
    defer_to_working_window,
    is_working_time,
    next_working_start,
    working_time_between,
)
from tests.domain.working_schedules import MOSCOW, OFFICE, WEEKDAYS

BERLIN = ZoneInfo("Europe/Berlin")
BERLIN_OFFICE = WorkingSchedule(start=time(9), end=time(18), days=WEEKDAYS, tz=BERLIN)


def msk(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    """A wall-clock moment in Moscow in 2026; 2 March 2026 is a Monday."""
    return datetime(2026, month, day, hour, minute, tzinfo=MOSCOW)


def ber(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


# -- windows -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "working"),
    [
        (msk(2, 9), True),  # a window's start is inside it
        (msk(2, 12, 30), True),
        (msk(2, 17, 59), True),
        (msk(2, 18), False),  # a window's end is already outside it
        (msk(2, 8, 59), False),
        (msk(2, 3), False),
        (msk(7, 12), False),  # Saturday
        (msk(8, 12), False),  # Sunday
    ],
)
def test_working_time_is_the_window_on_working_days(moment: datetime, working: bool) -> None:
    assert is_working_time(OFFICE, moment) is working


def test_the_window_is_read_in_the_schedules_zone() -> None:
    # 07:00 UTC is 10:00 in Moscow: working there, although it is early in London.
    assert is_working_time(OFFICE, datetime(2026, 3, 2, 7, tzinfo=UTC))
    assert not is_working_time(OFFICE, datetime(2026, 3, 2, 15, 30, tzinfo=UTC))


def test_holidays_have_no_window() -> None:
    schedule = WorkingSchedule(
        start=time(9),
        end=time(18),
        days=WEEKDAYS,
        tz=MOSCOW,
        holidays=frozenset({date(2026, 3, 9)}),
    )
    assert not is_working_time(schedule, msk(9, 12))
    assert next_working_start(schedule, msk(6, 18)) == msk(10, 9)


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        is_working_time(OFFICE, datetime(2026, 3, 2, 12))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (msk(2, 12), msk(2, 12)),  # inside a window: the moment itself
        (msk(2, 9), msk(2, 9)),
        (msk(2, 7), msk(2, 9)),  # early morning: today's start
        (msk(2, 18), msk(3, 9)),  # exactly at the end: tomorrow's start
        (msk(6, 19), msk(9, 9)),  # Friday evening: Monday
        (msk(7, 12), msk(9, 9)),  # Saturday: Monday
    ],
)
def test_next_working_start(moment: datetime, expected: datetime) -> None:
    result = next_working_start(OFFICE, moment)
    assert result == expected
    assert result.tzinfo is UTC


# -- working time --------------------------------------------------------------------------


def test_two_working_hours_from_friday_evening_end_on_monday_morning() -> None:
    due = add_working_time(OFFICE, msk(6, 17, 30), timedelta(hours=2))
    assert due == msk(9, 10, 30)
    assert due.tzinfo is UTC


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        (msk(2, 10), timedelta(hours=2), msk(2, 12)),
        (msk(2, 16), timedelta(hours=2), msk(2, 18)),  # runs out exactly at the end
        (msk(2, 18), timedelta(hours=1), msk(3, 10)),  # starts exactly at the end
        (msk(2, 3), timedelta(minutes=30), msk(2, 9, 30)),  # a night request waits
        (msk(7, 11), timedelta(hours=1), msk(9, 10)),  # a Saturday request waits
        (msk(2, 9), timedelta(hours=45), msk(6, 18)),  # a whole working week
        (msk(2, 9), timedelta(hours=46), msk(9, 10)),  # and an hour into the next one
        (msk(7, 11), timedelta(0), msk(7, 11)),  # nothing to wait for
    ],
)
def test_adding_working_time(start: datetime, duration: timedelta, expected: datetime) -> None:
    assert add_working_time(OFFICE, start, duration) == expected


def test_a_holiday_is_skipped_when_counting() -> None:
    schedule = WorkingSchedule(
        start=time(9),
        end=time(18),
        days=WEEKDAYS,
        tz=MOSCOW,
        holidays=frozenset({date(2026, 3, 9)}),
    )
    assert add_working_time(schedule, msk(6, 17, 30), timedelta(hours=2)) == msk(10, 10, 30)


def test_negative_working_time_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_time(OFFICE, msk(2, 10), timedelta(minutes=-1))


def test_working_hours_keep_their_wall_clock_across_spring_dst_in_berlin() -> None:
    # Clocks go forward on Sunday 29 March 2026: Friday is UTC+1, Monday is UTC+2.
    due = add_working_time(BERLIN_OFFICE, ber(3, 27, 17), timedelta(hours=2))
    assert due == ber(3, 30, 10)
    assert due == datetime(2026, 3, 30, 8, tzinfo=UTC)


def test_working_hours_keep_their_wall_clock_across_autumn_dst_in_berlin() -> None:
    # Clocks go back on Sunday 25 October 2026: Friday is UTC+2, Monday is UTC+1.
    due = add_working_time(BERLIN_OFFICE, ber(10, 23, 17), timedelta(hours=2))
    assert due == ber(10, 26, 10)
    assert due == datetime(2026, 10, 26, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "real_hours"),
    [(29, 5), (28, 6)],  # the night of the jump forward loses an hour of work
)
def test_a_window_containing_the_dst_jump_counts_real_time(day: int, real_hours: int) -> None:
    night_shift = WorkingSchedule(
        start=time(0), end=time(6), days=frozenset(range(1, 8)), tz=BERLIN
    )
    assert working_time_between(night_shift, ber(3, day, 0), ber(3, day, 6)) == timedelta(
        hours=real_hours
    )
    assert add_working_time(night_shift, ber(3, day, 0), timedelta(hours=real_hours)) == ber(
        3, day, 6
    )


def test_the_autumn_night_of_the_jump_back_has_an_extra_hour() -> None:
    night_shift = WorkingSchedule(
        start=time(0), end=time(6), days=frozenset(range(1, 8)), tz=BERLIN
    )
    assert working_time_between(night_shift, ber(10, 25, 0), ber(10, 25, 6)) == timedelta(hours=7)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (msk(2, 10), msk(2, 12), timedelta(hours=2)),
        (msk(6, 17), msk(9, 10), timedelta(hours=2)),  # over a weekend
        (msk(7, 10), msk(8, 20), timedelta(0)),  # all weekend
        (msk(2, 3), msk(2, 23), timedelta(hours=9)),  # a whole day, night included
        (msk(2, 12), msk(2, 12), timedelta(0)),
        (msk(2, 12), msk(2, 10), -timedelta(hours=2)),  # backwards is negative
    ],
)
def test_working_time_between(a: datetime, b: datetime, expected: timedelta) -> None:
    assert working_time_between(OFFICE, a, b) == expected


@pytest.mark.parametrize("schedule", [OFFICE, BERLIN_OFFICE])
@pytest.mark.parametrize(
    "start",
    [
        datetime(2026, 3, 27, 16, 45, tzinfo=UTC),
        datetime(2026, 3, 28, 2, tzinfo=UTC),
        datetime(2026, 10, 23, 15, 59, tzinfo=UTC),
        datetime(2026, 12, 31, 23, tzinfo=UTC),
    ],
)
@pytest.mark.parametrize("minutes", [1, 59, 120, 540, 541, 3000, 60 * 24 * 30])
def test_counting_back_what_was_added_gives_the_same_duration(
    schedule: WorkingSchedule, start: datetime, minutes: int
) -> None:
    duration = timedelta(minutes=minutes)
    due = add_working_time(schedule, start, duration)
    assert working_time_between(schedule, start, due) == duration
    assert is_working_time(schedule, due - timedelta(microseconds=1))


def test_a_long_limit_is_counted_without_walking_minute_by_minute() -> None:
    # A year of working time: about 260 windows, stepped day by day.
    due = add_working_time(OFFICE, msk(2, 9), timedelta(hours=9 * 260))
    assert working_time_between(OFFICE, msk(2, 9), due) == timedelta(hours=9 * 260)


# -- quiet nights --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "urgent", "expected"),
    [
        (msk(3, 3), True, msk(3, 3)),  # urgent: goes out at 3 a.m.
        (msk(3, 3), False, msk(3, 9)),  # not urgent: waits for the morning
        (msk(3, 12), False, msk(3, 12)),  # inside the window: no wait
        (msk(3, 18), False, msk(4, 9)),  # at the window's end: tomorrow
        (msk(7, 12), False, msk(9, 9)),  # Saturday: Monday morning
        (msk(7, 12), True, msk(7, 12)),
    ],
)
def test_only_urgent_messages_go_out_outside_working_hours(
    moment: datetime, urgent: bool, expected: datetime
) -> None:
    result = defer_to_working_window(OFFICE, moment, urgent=urgent)
    assert result == expected
    assert result.tzinfo is UTC
