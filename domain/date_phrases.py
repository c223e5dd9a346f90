"""The words of a typed date: "завтра в 16", "next monday 10am", "через 2 дня", "25.12".

:mod:`domain.dates` decides what a reading means for a date or a date-time field; this module
only reads the phrase, relative to the user's local ``now``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

DateProblemCode = Literal["bad-date", "bad-time", "needs-time"]


@dataclass(frozen=True, slots=True)
class DateProblem:
    """Why a typed date could not be read; ``code`` maps to a ``field-error-*`` message."""

    code: DateProblemCode


@dataclass(frozen=True, slots=True)
class Reading:
    """What a phrase named: a day, a time of day, or an exact moment."""

    day: date | None = None
    clock: time | None = None
    exact: datetime | None = None


def monday_of_next_week(today: date) -> date:
    """The Monday after ``today``'s week, which "next week" means."""
    return today + timedelta(days=7 - today.weekday())


# --- words -------------------------------------------------------------------------------

_MONTHS = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7,
    "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "пн": 0, "пон": 0, "вт": 1, "вто": 1, "ср": 2, "сре": 2, "чт": 3, "чет": 3,
    "пт": 4, "пят": 4, "сб": 5, "суб": 5, "вс": 6, "вос": 6,
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
_WEEKDAY_WORD = re.compile(
    r"^(понедельник|вторник|сред[ау]|четверг|пятниц[ау]|суббот[ау]|воскресенье|"
    r"пн|вт|ср|чт|пт|сб|вс|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)$"
)
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "один": 1, "одну": 1, "одна": 1, "два": 2, "две": 2, "пару": 2, "три": 3,
    "четыре": 4, "пять": 5,
}  # fmt: skip
_DAY_WORDS = {
    "сегодня": 0, "today": 0, "завтра": 1, "tomorrow": 1, "tmr": 1,
    "послезавтра": 2, "day after tomorrow": 2, "after tomorrow": 2,
    "вчера": -1, "yesterday": -1,
}  # fmt: skip
_NEXT_WEEK = {"next week", "следующей неделе", "следующая неделя", "следующую неделю"}
_FILLER = {"в", "во", "на", "к", "ко", "до", "on", "by", "at", "the", "this", "эту", "этот"}
_UNIT = re.compile(
    r"^(?P<unit>мин\w*|min\w*|час\w*|hours?|hrs?|дн\w*|день|сутки|суток|days?|"
    r"недел\w*|weeks?|месяц\w*|months?)$"
)

# --- reading ----------------------------------------------------------------------------

_TIME_COLON = re.compile(
    r"(?:\b(?:в|во|at)\s+)?\b(?P<h>\d{1,2}):(?P<m>\d{2})(?!\d)\s*(?P<part>am|pm|утра|вечера|дня|ночи)?"
)
_TIME_AMPM = re.compile(r"(?:\bat\s+)?\b(?P<h>\d{1,2})\s*(?P<part>am|pm)\b")
_TIME_HOUR = re.compile(
    r"\b(?:в|во|at)\s+(?P<h>\d{1,2})(?!\d|[.:/-]\d)"
    r"(?:\s*(?:часов|часа|час|ч)\b)?(?:\s+(?P<part>утра|вечера|дня|ночи)\b)?"
)
_HOUR_TAIL = re.compile(
    r"(?P<h>\d{1,2})(?:\s*(?:часов|часа|час|ч|h))?(?:\s+(?P<part>утра|вечера|дня|ночи))?"
)
_TIME_WORDS = {"полдень": time(12), "noon": time(12), "полночь": time(0), "midnight": time(0)}


def read_phrase(text: str, local_now: datetime) -> Reading | DateProblem:
    """What a typed date says: a day, a time of day, both, or an exact moment ("in 2 hours")."""
    cleaned = _normalize(text)
    if not cleaned:
        return DateProblem("bad-date")
    clock, rest = _take_time(cleaned)
    if isinstance(clock, DateProblem):
        return clock
    words = [word for word in rest.replace(",", " ").split() if word not in _FILLER]
    phrase = " ".join(words)
    if not phrase:
        return Reading(clock=clock) if clock else DateProblem("bad-date")
    if clock is None:
        named = _hour_after_named_day(words, local_now.date())
        if named is not None:
            phrase, clock = named
            if isinstance(clock, DateProblem):
                return clock
    relative = _read_relative(phrase, local_now)
    if relative is not None:
        if isinstance(relative, datetime):
            return DateProblem("bad-date") if clock else Reading(exact=relative)
        return Reading(day=relative, clock=clock)
    day = _read_day(phrase, local_now.date())
    if isinstance(day, DateProblem):
        return day
    return Reading(day=day, clock=clock)


def _hour_after_named_day(words: list[str], today: date) -> tuple[str, time | DateProblem] | None:
    """'завтра 15', 'в пятницу 9 утра': a bare number after a named day is its hour.

    After "tomorrow" or a weekday a number cannot be a day of the month, so people who
    drop the "в" or the ":00" mean the hour; after a date ("25.12 15") it stays unread.
    """
    for cut in range(len(words) - 1, 0, -1):
        hour = _HOUR_TAIL.fullmatch(" ".join(words[cut:]))
        day = " ".join(words[:cut])
        named = day in _DAY_WORDS or _read_weekday(day, today) is not None
        if hour is not None and named:
            return day, _make_time(int(hour["h"]), 0, hour["part"])
    return None


def _normalize(text: str) -> str:
    lowered = text.lower().replace("ё", "е").replace("\u00a0", " ")
    lowered = re.sub(r"[–—]", "-", lowered)
    lowered = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", lowered)
    return " ".join(lowered.split()).strip(" .!?,;")


def _take_time(text: str) -> tuple[time | DateProblem | None, str]:
    """Find a time of day in the text; returns it and the text without it."""
    for word, value in _TIME_WORDS.items():
        if re.search(rf"\b{word}\b", text):
            rest = re.sub(rf"\b(?:в|at)?\s*{word}\b", " ", text)
            return value, rest
    for pattern in (_TIME_COLON, _TIME_AMPM, _TIME_HOUR):
        for match in pattern.finditer(text):
            if pattern is _TIME_HOUR and _followed_by_month(text[match.end() :]):
                continue
            minute = int(match.groupdict().get("m") or 0)
            clock = _make_time(int(match["h"]), minute, match["part"])
            rest = text[: match.start()] + " " + text[match.end() :]
            return clock, rest
    return None, text


def _followed_by_month(tail: str) -> bool:
    """'в 25 декабря' is a date, not 25 o'clock."""
    word = tail.strip().split(" ", 1)[0]
    return word[:3] in _MONTHS


def _make_time(hour: int, minute: int, part: str | None) -> time | DateProblem:
    if part in {"am", "pm"}:
        if not 1 <= hour <= 12:
            return DateProblem("bad-time")
        hour = hour % 12 + (12 if part == "pm" else 0)
    elif part in {"вечера", "дня"} and hour < 12:
        hour += 12
    elif part == "ночи" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return DateProblem("bad-time")
    return time(hour, minute)


def _read_relative(phrase: str, local_now: datetime) -> date | datetime | None:
    """'через 2 дня', 'in 3 days', 'через неделю', 'in 2 hours'; None if not relative."""
    match = re.fullmatch(r"(?:через|in)\s+(?:(?P<n>\d{1,3}|[a-zа-я]+)\s+)?(?P<unit>\S+)", phrase)
    if match is None or _UNIT.match(match["unit"]) is None:
        return None
    raw = match["n"]
    count = 1 if raw is None else int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
    if count is None:
        return None
    unit = match["unit"]
    if unit.startswith(("мин", "min")):
        return local_now + timedelta(minutes=count)
    if unit.startswith(("час", "hour", "hr")):
        return local_now + timedelta(hours=count)
    today = local_now.date()
    if unit.startswith(("недел", "week")):
        return today + timedelta(weeks=count)
    if unit.startswith(("месяц", "month")):
        return _add_months(today, count)
    return today + timedelta(days=count)


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _read_day(phrase: str, today: date) -> date | DateProblem:
    if phrase in _DAY_WORDS:
        return today + timedelta(days=_DAY_WORDS[phrase])
    if phrase in _NEXT_WEEK:
        return monday_of_next_week(today)
    weekday = _read_weekday(phrase, today)
    if weekday is not None:
        return weekday
    for reader in (_read_numeric, _read_month_name):
        found = reader(phrase, today)
        if found is not None:
            return found
    return DateProblem("bad-date")


def _read_weekday(phrase: str, today: date) -> date | None:
    words = phrase.split()
    is_next = len(words) == 2 and (words[0] == "next" or words[0].startswith("следующ"))
    if len(words) > 2 or (len(words) == 2 and not is_next):
        return None
    match = _WEEKDAY_WORD.match(words[-1])
    if match is None:
        return None
    target = _WEEKDAYS[match[1][:3]] if match[1][:3] in _WEEKDAYS else _WEEKDAYS[match[1]]
    if is_next:
        return monday_of_next_week(today) + timedelta(days=target)
    return today + timedelta(days=(target - today.weekday() - 1) % 7 + 1)


def _read_numeric(phrase: str, today: date) -> date | DateProblem | None:
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", phrase)
    if iso:
        return _exact_date(int(iso[1]), int(iso[2]), int(iso[3]))
    match = re.fullmatch(r"(\d{1,2})([./-])(\d{1,2})(?:\2(\d{4}|\d{2}))?", phrase)
    if match is None:
        return None
    first, second = int(match[1]), int(match[3])
    day, month = first, second
    if match[2] == "/" and second > 12 >= first:
        day, month = second, first  # 12/25: written month first, as in the US
    if match[4] is None:
        return _next_yearless(day, month, today)
    year = int(match[4])
    return _exact_date(year + 2000 if year < 100 else year, month, day)


def _read_month_name(phrase: str, today: date) -> date | DateProblem | None:
    day_first = re.fullmatch(
        r"(\d{1,2})\s+([a-zа-я]+)\.?(?:\s+(\d{4}))?(?:\s*(?:г|года?))?", phrase
    )
    month_first = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2})(?:\s+(\d{4}))?", phrase)
    if day_first:
        day, word, year = int(day_first[1]), day_first[2], day_first[3]
    elif month_first:
        word, day, year = month_first[1], int(month_first[2]), month_first[3]
    else:
        return None
    month = _MONTHS.get(word[:3])
    if month is None:
        return None
    if year is None:
        return _next_yearless(day, month, today)
    return _exact_date(int(year), month, day)


def _exact_date(year: int, month: int, day: int) -> date | DateProblem:
    try:
        return date(year, month, day)
    except ValueError:
        return DateProblem("bad-date")


def _next_yearless(day: int, month: int, today: date) -> date | DateProblem:
    """The next such date that is not in the past; 29.02 waits for a leap year."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return DateProblem("bad-date")
    for year in range(today.year, today.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return DateProblem("bad-date")
