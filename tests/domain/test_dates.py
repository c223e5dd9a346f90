"""Typed dates in Russian and English, read relative to a fixed moment in the user's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from domain.dates import DateProblem, parse_date, parse_datetime, quick_dates, zone

# Wednesday 4 March 2026, 10:30 UTC = 13:30 in Moscow, 20:30 in Vladivostok.
NOW = datetime(2026, 3, 4, 10, 30, tzinfo=UTC)
MSK = "Europe/Moscow"
VVO = "Asia/Vladivostok"


def at(day: date, hour: int, minute: int = 0, tz: str = MSK) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone(tz))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("сегодня", date(2026, 3, 4)),
        ("завтра", date(2026, 3, 5)),
        ("Послезавтра", date(2026, 3, 6)),
        ("вчера", date(2026, 3, 3)),
        ("25.12", date(2026, 12, 25)),
        ("25.12.2026", date(2026, 12, 25)),
        ("25.12.27", date(2027, 12, 25)),
        ("25/12", date(2026, 12, 25)),
        ("1.3", date(2027, 3, 1)),
        ("4.3", date(2026, 3, 4)),
        ("через 2 дня", date(2026, 3, 6)),
        ("через день", date(2026, 3, 5)),
        ("через пару дней", date(2026, 3, 6)),
        ("через неделю", date(2026, 3, 11)),
        ("через 2 недели", date(2026, 3, 18)),
        ("через месяц", date(2026, 4, 4)),
        ("в пятницу", date(2026, 3, 6)),
        ("в среду", date(2026, 3, 11)),
        ("пн", date(2026, 3, 9)),
        ("в следующую пятницу", date(2026, 3, 13)),
        ("в следующий понедельник", date(2026, 3, 9)),
        ("на следующей неделе", date(2026, 3, 9)),
        ("25 декабря", date(2026, 12, 25)),
        ("к 25 декабря", date(2026, 12, 25)),
        ("1 марта", date(2027, 3, 1)),
        ("8 марта 2026 г.", date(2026, 3, 8)),
        ("30 ноября", date(2026, 11, 30)),
        ("завтра в 16:00", date(2026, 3, 5)),
    ],
)
def test_russian_dates(text: str, expected: date) -> None:
    assert parse_date(text, now=NOW, tz=MSK) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 3, 4)),
        ("Tomorrow", date(2026, 3, 5)),
        ("day after tomorrow", date(2026, 3, 6)),
        ("in 3 days", date(2026, 3, 7)),
        ("in a week", date(2026, 3, 11)),
        ("in 2 months", date(2026, 5, 4)),
        ("friday", date(2026, 3, 6)),
        ("on Monday", date(2026, 3, 9)),
        ("next monday", date(2026, 3, 9)),
        ("next wednesday", date(2026, 3, 11)),
        ("next week", date(2026, 3, 9)),
        ("2026-12-25", date(2026, 12, 25)),
        ("12/25", date(2026, 12, 25)),
        ("December 25", date(2026, 12, 25)),
        ("dec 25, 2027", date(2027, 12, 25)),
        ("25th december", date(2026, 12, 25)),
        ("March 1st", date(2027, 3, 1)),
    ],
)
def test_english_dates(text: str, expected: date) -> None:
    assert parse_date(text, now=NOW, tz=MSK) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("завтра 16:00", at(date(2026, 3, 5), 16)),
        ("завтра в 16", at(date(2026, 3, 5), 16)),
        ("сегодня в 18", at(date(2026, 3, 4), 18)),
        ("сегодня в 18 часов", at(date(2026, 3, 4), 18)),
        ("в 7 вечера", at(date(2026, 3, 4), 19)),
        ("завтра в 2 дня", at(date(2026, 3, 5), 14)),
        ("в пятницу в 15:30", at(date(2026, 3, 6), 15, 30)),
        ("25.12 10:00", at(date(2026, 12, 25), 10)),
        ("25.12.2026 в 10:30", at(date(2026, 12, 25), 10, 30)),
        ("завтра в полдень", at(date(2026, 3, 5), 12)),
        ("через 2 часа", at(date(2026, 3, 4), 15, 30)),
        ("tomorrow 4pm", at(date(2026, 3, 5), 16)),
        ("next monday 10am", at(date(2026, 3, 9), 10)),
        ("2026-12-25 14:30", at(date(2026, 12, 25), 14, 30)),
        ("friday at 9:15am", at(date(2026, 3, 6), 9, 15)),
        ("tomorrow 12am", at(date(2026, 3, 5), 0)),
        ("tomorrow at noon", at(date(2026, 3, 5), 12)),
        ("in 30 minutes", at(date(2026, 3, 4), 14, 0)),
    ],
)
def test_date_times(text: str, expected: datetime) -> None:
    assert parse_datetime(text, now=NOW, tz=MSK) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("завтра 15", at(date(2026, 3, 5), 15)),
        ("завтра, 15", at(date(2026, 3, 5), 15)),
        ("завтра 9 утра", at(date(2026, 3, 5), 9)),
        ("послезавтра 7 вечера", at(date(2026, 3, 6), 19)),
        ("в пятницу 15 часов", at(date(2026, 3, 6), 15)),
        ("tomorrow 15", at(date(2026, 3, 5), 15)),
        ("next monday 9", at(date(2026, 3, 9), 9)),
    ],
)
def test_a_bare_number_after_a_named_day_is_its_hour(text: str, expected: datetime) -> None:
    assert parse_datetime(text, now=NOW, tz=MSK) == expected


def test_a_bare_number_after_a_date_stays_unread() -> None:
    assert parse_datetime("25.12 15", now=NOW, tz=MSK) == DateProblem("bad-date")


def test_a_bare_number_past_23_after_a_named_day_is_a_wrong_time() -> None:
    assert parse_datetime("завтра 25", now=NOW, tz=MSK) == DateProblem("bad-time")


def test_a_time_alone_is_today_until_it_has_passed() -> None:
    assert parse_datetime("16:00", now=NOW, tz=MSK) == at(date(2026, 3, 4), 16)
    assert parse_datetime("в 9 утра", now=NOW, tz=MSK) == at(date(2026, 3, 5), 9)


def test_a_date_without_a_year_is_never_in_the_past() -> None:
    assert parse_date("03.03", now=NOW, tz=MSK) == date(2027, 3, 3)
    assert parse_date("04.03", now=NOW, tz=MSK) == date(2026, 3, 4)


def test_the_29th_of_february_waits_for_a_leap_year() -> None:
    assert parse_date("29.02", now=NOW, tz=MSK) == date(2028, 2, 29)


def test_the_users_zone_decides_what_today_is() -> None:
    late_evening_utc = datetime(2026, 3, 4, 22, 0, tzinfo=UTC)
    assert parse_date("сегодня", now=late_evening_utc, tz="UTC") == date(2026, 3, 4)
    assert parse_date("сегодня", now=late_evening_utc, tz=MSK) == date(2026, 3, 5)
    assert parse_date("завтра", now=late_evening_utc, tz=VVO) == date(2026, 3, 6)


def test_a_time_is_read_in_the_users_zone() -> None:
    moment = parse_datetime("завтра 10:00", now=NOW, tz=VVO)
    assert moment == at(date(2026, 3, 5), 10, tz=VVO)
    assert isinstance(moment, datetime)
    assert moment.astimezone(UTC) == datetime(2026, 3, 5, 0, 0, tzinfo=UTC)
    assert parse_datetime("tomorrow 4pm", now=NOW, tz="UTC") == datetime(
        2026, 3, 5, 16, 0, tzinfo=zone("UTC")
    )


def test_vladivostok_evening_moves_a_passed_time_to_tomorrow() -> None:
    # 20:30 in Vladivostok: 18:00 has gone there, although it is only 13:30 in Moscow.
    assert parse_datetime("в 18", now=NOW, tz=VVO) == at(date(2026, 3, 5), 18, tz=VVO)
    assert parse_datetime("в 18", now=NOW, tz=MSK) == at(date(2026, 3, 4), 18)


def test_a_date_field_ignores_the_time() -> None:
    assert parse_date("tomorrow 4pm", now=NOW, tz=MSK) == date(2026, 3, 5)


def test_a_datetime_without_a_time_asks_for_one() -> None:
    assert parse_datetime("завтра", now=NOW, tz=MSK) == DateProblem("needs-time")
    assert parse_datetime("25.12", now=NOW, tz=MSK) == DateProblem("needs-time")
    assert parse_datetime("next friday", now=NOW, tz=MSK) == DateProblem("needs-time")


@pytest.mark.parametrize(
    "text",
    ["", "   ", "когда-нибудь", "soon", "31.02.2026", "2026-13-01", "32.01", "завтра вечером"],
)
def test_nonsense_is_not_a_date(text: str) -> None:
    assert parse_date(text, now=NOW, tz=MSK) == DateProblem("bad-date")


@pytest.mark.parametrize("text", ["завтра 25:00", "завтра 10:75", "tomorrow 13pm"])
def test_impossible_times_are_reported(text: str) -> None:
    assert parse_datetime(text, now=NOW, tz=MSK) == DateProblem("bad-time")


def test_quick_buttons_offer_today_tomorrow_and_monday_of_next_week() -> None:
    options = quick_dates(now=NOW, tz=VVO)
    assert [(option.key, option.value) for option in options] == [
        ("today", date(2026, 3, 4)),
        ("tomorrow", date(2026, 3, 5)),
        ("next_week", date(2026, 3, 9)),
    ]
    assert options[2].message_id == "field-quick-next-week"


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_date("завтра", now=datetime(2026, 3, 4, 10, 0), tz=MSK)
