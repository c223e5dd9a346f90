"""Working hours: when a limit clock runs and when the bot may write to people.

Time limits on requests ("answer within two working hours") only count time inside the
team's working windows, and non-urgent messages wait for the next window instead of
waking someone at 3 a.m. Windows are local wall-clock hours in the schedule's zone, so a
9:00-18:00 day stays 9:00-18:00 across a DST change; working time itself is real elapsed
time, so an hour of work is always sixty minutes.

Every function takes aware datetimes and returns them in UTC. Windows never cross midnight:
a schedule ends after it starts on the same day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})\s*$")
_DAY_NAMES: dict[str, int] = {
    **{name: n for n, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), 1)},
    **{
        name: n
        for n, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), 1
        )
    },
    **{name: n for n, name in enumerate(("пн", "вт", "ср", "чт", "пт", "сб", "вс"), 1)},
}


@dataclass(frozen=True, slots=True)
class WorkingSchedule:
    """The team's working windows: the same hours on the listed ISO weekdays, minus holidays."""

    start: time
    end: time
    days: frozenset[int]
    tz: ZoneInfo
    holidays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("working hours are wall-clock times in the schedule's zone")
        if self.end <= self.start:
            raise ValueError(
                f"working hours must end after they start on the same day, "
                f"got {self.start:%H:%M}-{self.end:%H:%M}"
            )
        if not self.days:
            raise ValueError("a working schedule needs at least one working day")
        if not self.days <= frozenset(range(1, 8)):
            raise ValueError(f"working days are ISO weekdays 1..7, got {sorted(self.days)}")

    @classmethod
    def from_text(
        cls, *, hours: str, days: str, tz: str, holidays: frozenset[date] = frozenset()
    ) -> WorkingSchedule:
        """Build a schedule from settings such as ``"09:00-18:00"``, ``"mon-fri"``."""
        start, end = parse_hours(hours)
        try:
            zone = ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {tz!r}") from exc
        return cls(start=start, end=end, days=parse_days(days), tz=zone, holidays=holidays)

    @property
    def nominal_day(self) -> timedelta:
        """Length of an ordinary working day, ignoring DST: the unit of "one working day"."""
        return datetime.combine(date.min, self.end) - datetime.combine(date.min, self.start)


def parse_hours(text: str) -> tuple[time, time]:
    """``"09:00-18:00"`` -> ``(time(9), time(18))``; the end must come after the start."""
    match = _HOURS.match(text)
    if match is None:
        raise ValueError(f"working hours must look like 09:00-18:00, got {text!r}")
    h1, m1, h2, m2 = (int(part) for part in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise ValueError(f"working hours have an impossible time of day: {text!r}")
    start, end = time(h1, m1), time(h2, m2)
    if end <= start:
        raise ValueError(
            f"working hours must end after they start, windows across midnight "
            f"are not supported: {text!r}"
        )
    return start, end


def parse_days(text: str) -> frozenset[int]:
    """ISO weekdays from ``"1-5"``, ``"1,2,3,4,5"``, ``"mon-fri"``, ``"пн-пт"`` or a mix.

    A range may wrap around the week end: ``"fri-mon"`` is Friday to Monday.
    """
    days: set[int] = set()
    parts = [part.strip() for part in text.split(",")]
    if not any(parts):
        raise ValueError("working days are empty; expected something like 1-5 or mon-fri")
    for part in parts:
        first, sep, last = part.partition("-")
        if not sep:
            days.add(_parse_day(first, text))
            continue
        lo, hi = _parse_day(first, text), _parse_day(last, text)
        span = (hi - lo) % 7
        days.update((lo - 1 + step) % 7 + 1 for step in range(span + 1))
    return frozenset(days)


def _parse_day(token: str, text: str) -> int:
    token = token.strip().lower()
    if token.isdigit() and 1 <= int(token) <= 7:
        return int(token)
    if token in _DAY_NAMES:
        return _DAY_NAMES[token]
    raise ValueError(
        f"unknown working day {token!r} in {text!r}; use ISO numbers 1-7 (1 is Monday) "
        f"or names like mon-fri"
    )


def is_working_time(schedule: WorkingSchedule, moment: datetime) -> bool:
    """Whether ``moment`` falls inside a window; a window's end is already outside it."""
    _require_aware(moment)
    window = _window(schedule, moment.astimezone(schedule.tz).date())
    return window is not None and window[0] <= moment < window[1]


def next_working_start(schedule: WorkingSchedule, moment: datetime) -> datetime:
    """``moment`` itself if it is working time, else the start of the next window."""
    _require_aware(moment)
    start, _ = next(_windows_from(schedule, moment))
    return start


def add_working_time(schedule: WorkingSchedule, start: datetime, duration: timedelta) -> datetime:
    """The earliest moment by which ``duration`` of working time has passed since ``start``.

    A limit that runs out exactly at a window's end is due at that end, not at the next
    morning; a zero duration is due at ``start`` itself.
    """
    _require_aware(start)
    if duration < timedelta(0):
        raise ValueError(f"working time to add must not be negative, got {duration}")
    if duration == timedelta(0):
        return start.astimezone(UTC)
    remaining = duration
    for window_start, window_end in _windows_from(schedule, start):
        available = window_end - window_start
        if remaining <= available:
            return window_start + remaining
        remaining -= available
    raise AssertionError("unreachable: working windows never run out")


def working_time_between(schedule: WorkingSchedule, a: datetime, b: datetime) -> timedelta:
    """Working time from ``a`` to ``b``; negative when ``b`` comes before ``a``."""
    _require_aware(a)
    _require_aware(b)
    if b < a:
        return -working_time_between(schedule, b, a)
    total = timedelta(0)
    for window_start, window_end in _windows_from(schedule, a):
        if window_start >= b:
            break
        total += min(window_end, b) - window_start
    return total


def defer_to_working_window(
    schedule: WorkingSchedule, moment: datetime, *, urgent: bool
) -> datetime:
    """When a message planned for ``moment`` may go out.

    Urgent messages (a hot request, an overdue escalation) go out at once whatever the
    hour; everything else waits for the next working window.
    """
    _require_aware(moment)
    if urgent:
        return moment.astimezone(UTC)
    return next_working_start(schedule, moment)


def _windows_from(
    schedule: WorkingSchedule, moment: datetime
) -> Iterator[tuple[datetime, datetime]]:
    """Working windows in UTC that end after ``moment``, the first one clipped to ``moment``.

    Consecutive days without a window are bounded (at most six non-working weekdays plus
    every holiday), so the search for the next window always ends.
    """
    moment = moment.astimezone(UTC)
    day = moment.astimezone(schedule.tz).date()
    max_gap = 8 + len(schedule.holidays)
    gap = 0
    while True:
        window = _window(schedule, day)
        day += timedelta(days=1)
        if window is None or window[1] <= moment:
            gap += 1
            if gap > max_gap:
                raise AssertionError("unreachable: a schedule with working days has windows")
            continue
        gap = 0
        yield max(window[0], moment), window[1]


def _window(schedule: WorkingSchedule, day: date) -> tuple[datetime, datetime] | None:
    """The window on local ``day`` in UTC, or ``None`` on a day off.

    A wall-clock time skipped by a DST jump resolves with the offset before the jump
    (PEP 495, ``fold=0``), so such a window simply starts or ends an hour later.
    """
    if day.isoweekday() not in schedule.days or day in schedule.holidays:
        return None
    start = datetime.combine(day, schedule.start, tzinfo=schedule.tz).astimezone(UTC)
    end = datetime.combine(day, schedule.end, tzinfo=schedule.tz).astimezone(UTC)
    if end <= start:
        # Only a DST jump inside a very short window can do this; nothing to work there.
        return None
    return start, end


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"working-hours rules need an aware datetime, got {moment!r}")
