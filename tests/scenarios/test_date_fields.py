"""Typed dates, times and year ranges: read on the user's clock and zone, refused with a reason."""

from __future__ import annotations

import pytest

from scenarios.answers import ErrorCode
from tests.scenarios.helpers import error, make_field, ok

# --- dates --------------------------------------------------------------------------------


def test_date_value_is_iso_and_display_is_localized() -> None:
    field = make_field("date")
    parsed = ok(field, "25.12")
    assert parsed.value == "2026-12-25"
    assert parsed.display == "25 декабря 2026\u202fг."
    assert ok(field, "25.12", "en").display == "December 25, 2026"


def test_datetime_value_keeps_the_users_offset() -> None:
    parsed = ok(make_field("datetime"), "завтра 16:00")
    assert parsed.value == "2026-03-05T16:00:00+03:00"
    assert parsed.display == "5 марта 2026\u202fг., 16:00"


@pytest.mark.parametrize(
    ("type_", "text", "code"),
    [
        ("date", "когда-нибудь", ErrorCode.BAD_DATE),
        ("datetime", "завтра", ErrorCode.NEEDS_TIME),
        ("datetime", "завтра 26:00", ErrorCode.BAD_TIME),
    ],
)
def test_date_errors(type_: str, text: str, code: ErrorCode) -> None:
    assert error(make_field(type_), text).code is code


def test_future_fields_refuse_the_past() -> None:
    assert error(make_field("date", future=True), "вчера").code is ErrorCode.DATE_IN_PAST
    assert error(make_field("datetime", future=True), "сегодня в 9:00").code is (
        ErrorCode.DATE_IN_PAST
    )
    assert ok(make_field("date", future=True), "сегодня").value == "2026-03-04"
    assert ok(make_field("date"), "вчера").value == "2026-03-03"


# --- years --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "display"),
    [
        ("2021", {"from": 2021, "to": 2021}, "2021"),
        ("2019-2022", {"from": 2019, "to": 2022}, "2019–2022"),
        ("2019 — 2022", {"from": 2019, "to": 2022}, "2019–2022"),
        ("с 2019 по 2022 гг.", {"from": 2019, "to": 2022}, "2019–2022"),
        ("from 2019 to 2022", {"from": 2019, "to": 2022}, "2019–2022"),
        ("2022-2019", {"from": 2019, "to": 2022}, "2019–2022"),
        ("2019+", {"from": 2019, "to": 2027}, "2019–2027"),
        ("от 2020", {"from": 2020, "to": 2027}, "2020–2027"),
        ("2018 года", {"from": 2018, "to": 2018}, "2018"),
    ],
)
def test_year_range(text: str, expected: dict[str, int], display: str) -> None:
    parsed = ok(make_field("year_range"), text)
    assert parsed.value == expected
    assert parsed.display == display


@pytest.mark.parametrize("text", ["новая", "19-22", "2019-", "20190"])
def test_bad_year_range(text: str) -> None:
    assert error(make_field("year_range"), text).code is ErrorCode.BAD_YEAR_RANGE


def test_years_outside_the_bounds() -> None:
    result = error(make_field("year_range", min_value=2000), "1995-2001")
    assert result.code is ErrorCode.YEAR_OUT_OF_RANGE
    assert result.args == {"min": "2000", "max": "2027"}
    assert error(make_field("year_range"), "2030").code is ErrorCode.YEAR_OUT_OF_RANGE
