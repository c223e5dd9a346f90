"""Dates and times as people type them in chat, in Russian and English.

Sales managers answer "завтра 16:00" or "next monday 10am" rather than pick from a calendar,
so the form reads what they wrote in their own time zone, relative to an injected ``now``.
Rules worth knowing:

* a date without a year is the next such date that is not in the past;
* a weekday alone ("в пятницу", "friday") is the nearest such day after today;
  "next friday" / "в следующую пятницу" is that day in the following Monday-based week;
* a time alone ("в 18", "16:00") is today, or tomorrow once that time has passed;
* a bare number after a named day ("завтра 15", "friday 9") is the hour: after a word for
  a day it cannot be a day of the month;
* a date field ignores a time; a date-time field without a time is an error, so the
  dialog can ask for the hour instead of guessing nine in the morning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo

from domain.date_phrases import DateProblem, monday_of_next_week, read_phrase

__all__ = ["DateProblem", "QuickDate", "parse_date", "parse_datetime", "quick_dates", "zone"]


@dataclass(frozen=True, slots=True)
class QuickDate:
    """A ready-made answer for a date button."""

    key: Literal["today", "tomorrow", "next_week"]
    value: date

    @property
    def message_id(self) -> str:
        """Fluent id of the button label."""
        return f"field-quick-{self.key.replace('_', '-')}"


def quick_dates(*, now: datetime, tz: str | tzinfo) -> list[QuickDate]:
    """Values for the today / tomorrow / next week buttons; next week means its Monday."""
    today = _local(now, tz).date()
    return [
        QuickDate("today", today),
        QuickDate("tomorrow", today + timedelta(days=1)),
        QuickDate("next_week", monday_of_next_week(today)),
    ]


def parse_date(text: str, *, now: datetime, tz: str | tzinfo) -> date | DateProblem:
    """Read a calendar date; any time in the text is ignored."""
    local_now = _local(now, tz)
    reading = read_phrase(text, local_now)
    if isinstance(reading, DateProblem):
        return reading
    if reading.exact is not None:
        return reading.exact.date()
    if reading.day is None and reading.clock is None:
        return DateProblem("bad-date")
    return reading.day or _day_for_time(reading.clock, local_now)


def parse_datetime(text: str, *, now: datetime, tz: str | tzinfo) -> datetime | DateProblem:
    """Read a date and a time; returns an aware datetime in the user's zone."""
    local_now = _local(now, tz)
    reading = read_phrase(text, local_now)
    if isinstance(reading, DateProblem):
        return reading
    if reading.exact is not None:
        return reading.exact
    if reading.clock is None:
        return DateProblem("needs-time" if reading.day else "bad-date")
    day = reading.day or _day_for_time(reading.clock, local_now)
    return datetime.combine(day, reading.clock, tzinfo=local_now.tzinfo)


def zone(tz: str | tzinfo) -> tzinfo:
    """A tzinfo from a zoneinfo name such as ``Europe/Moscow``."""
    return ZoneInfo(tz) if isinstance(tz, str) else tz


def _local(now: datetime, tz: str | tzinfo) -> datetime:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return now.astimezone(zone(tz))


def _day_for_time(clock: time | None, local_now: datetime) -> date:
    today = local_now.date()
    if clock is not None and clock < local_now.time().replace(second=0, microsecond=0):
        return today + timedelta(days=1)
    return today
