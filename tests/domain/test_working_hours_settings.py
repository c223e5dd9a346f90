"""Working hours read from settings text: hours, days and zone; impossible schedules refused."""

from __future__ import annotations

from datetime import UTC, time, timedelta

import pytest

from domain.working_hours import WorkingSchedule, parse_days, parse_hours
from tests.domain.working_schedules import MOSCOW, OFFICE, WEEKDAYS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00-18:00", (time(9), time(18))),
        ("9:00-18:30", (time(9), time(18, 30))),
        (" 10:15 – 19:45 ", (time(10, 15), time(19, 45))),
        ("00:00-23:59", (time(0), time(23, 59))),
    ],
)
def test_hours_are_read_from_settings_text(text: str, expected: tuple[time, time]) -> None:
    assert parse_hours(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9-18", "must look like 09:00-18:00"),
        ("", "must look like"),
        ("25:00-26:00", "impossible time"),
        ("09:60-18:00", "impossible time"),
        ("18:00-09:00", "across midnight"),
        ("09:00-09:00", "end after they start"),
    ],
)
def test_bad_hours_are_refused_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_hours(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1-5", {1, 2, 3, 4, 5}),
        ("1,2,3,4,5", {1, 2, 3, 4, 5}),
        ("mon-fri", {1, 2, 3, 4, 5}),
        ("Mon - Fri", {1, 2, 3, 4, 5}),
        ("monday,wednesday,friday", {1, 3, 5}),
        ("пн-пт", {1, 2, 3, 4, 5}),
        ("1-3,5", {1, 2, 3, 5}),
        ("sat-sun", {6, 7}),
        ("fri-mon", {5, 6, 7, 1}),
        ("7", {7}),
    ],
)
def test_days_are_read_as_iso_weekdays(text: str, expected: set[int]) -> None:
    assert parse_days(text) == frozenset(expected)


@pytest.mark.parametrize("text", ["", " , ", "0", "8", "1-8", "funday", "mon-", "1..5"])
def test_bad_days_are_refused_with_a_clear_message(text: str) -> None:
    with pytest.raises(ValueError, match="working day"):
        parse_days(text)


def test_a_schedule_is_built_from_settings_text() -> None:
    schedule = WorkingSchedule.from_text(hours="09:00-18:00", days="mon-fri", tz="Europe/Moscow")
    assert schedule == OFFICE
    assert schedule.nominal_day == timedelta(hours=9)


def test_an_unknown_zone_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        WorkingSchedule.from_text(hours="09:00-18:00", days="1-5", tz="Mars/Olympus")


@pytest.mark.parametrize(
    ("start", "end", "days", "message"),
    [
        (time(18), time(9), WEEKDAYS, "end after they start"),
        (time(9), time(9), WEEKDAYS, "end after they start"),
        (time(9), time(18), frozenset(), "at least one working day"),
        (time(9), time(18), frozenset({0, 1}), "ISO weekdays"),
        (time(9), time(18), frozenset({8}), "ISO weekdays"),
        (time(9, tzinfo=UTC), time(18), WEEKDAYS, "wall-clock"),
    ],
)
def test_an_impossible_schedule_is_refused(
    start: time, end: time, days: frozenset[int], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        WorkingSchedule(start=start, end=end, days=days, tz=MOSCOW)
