"""Typed answers for every field type: accepted in the usual notations, refused with a reason."""

from __future__ import annotations

from typing import Any

import pytest

from scenarios.answers import ErrorCode, FieldError, Parsed
from scenarios.fields import skip_answer
from tests.scenarios.helpers import error, make_field, ok, options, parse

# --- text ---------------------------------------------------------------------------------


def test_short_text_is_trimmed_to_one_line() -> None:
    assert (
        ok(make_field("short_text"), "  Строительство \n жилья  ").value == "Строительство жилья"
    )


def test_long_text_keeps_paragraphs() -> None:
    text = "Первая строка\nвторая\n\n\n\nпосле пропуска"
    assert ok(make_field("long_text"), text).value == "Первая строка\nвторая\n\nпосле пропуска"


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_answers_are_refused(text: str) -> None:
    assert error(make_field("short_text"), text).code is ErrorCode.EMPTY


def test_over_long_text_says_how_long_and_the_limit() -> None:
    result = error(make_field("short_text"), "а" * 501)
    assert result.code is ErrorCode.TOO_LONG
    assert result.args == {"length": 501, "max": 500}
    assert result.message_id == "field-error-too-long"


def test_long_text_allows_three_thousand_characters() -> None:
    assert isinstance(parse(make_field("long_text"), "а" * 3000), Parsed)
    assert error(make_field("long_text"), "а" * 3001).args["max"] == 3000


def test_own_max_length_wins() -> None:
    assert error(make_field("short_text", max_length=10), "а" * 11).args["max"] == 10


@pytest.mark.parametrize("text", ["👍", "🔥🔥🔥", "...", "—", "?!"])
def test_emoji_or_punctuation_only_is_refused(text: str) -> None:
    assert error(make_field("short_text"), text).code is ErrorCode.NO_LETTERS


def test_a_one_letter_name_is_refused() -> None:
    result = error(make_field("short_text", role="contact_name"), "И")
    assert result.code is ErrorCode.TOO_SHORT
    assert result.args == {"length": 1, "min": 2}
    assert ok(make_field("short_text", role="company"), "3M").value == "3M"


def test_a_one_letter_answer_is_fine_where_names_are_not_asked() -> None:
    assert ok(make_field("short_text"), "5").value == "5"


def test_own_min_length_applies() -> None:
    vin = make_field("short_text", min_length=17, max_length=17)
    assert error(vin, "WDC164822").code is ErrorCode.TOO_SHORT
    assert ok(vin, "WDC1648221A123456").value == "WDC1648221A123456"


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"), [("45", 45), ("1 500", 1500), ("15k", 15_000), ("60к", 60_000)]
)
def test_integers(text: str, expected: int) -> None:
    assert ok(make_field("integer"), text).value == expected


def test_integer_display_is_grouped_for_the_locale() -> None:
    assert ok(make_field("integer"), "60000", "en").display == "60,000"
    assert ok(make_field("integer"), "60000", "ru").display == "60\u00a0000"


def test_a_word_is_not_a_number() -> None:
    result = error(make_field("integer"), "много")
    assert result.code is ErrorCode.NOT_A_NUMBER
    assert result.args == {"value": "много"}


def test_a_fraction_is_not_a_headcount() -> None:
    assert error(make_field("integer"), "2.5").code is ErrorCode.NOT_WHOLE


def test_integer_bounds() -> None:
    field = make_field("integer", min_value=1, max_value=1000)
    assert error(field, "0").code is ErrorCode.NUMBER_TOO_SMALL
    assert error(field, "0").args == {"min": 1}
    assert error(field, "1001").args == {"max": 1000}
    assert ok(field, "1000").value == 1000


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1 500 000", 1_500_000),
        ("1.5 млн", 1_500_000),
        ("2m", 2_000_000),
        ("300к", 300_000),
        ("300k", 300_000),
        ("4 млн руб.", 4_000_000),
        ("1 500,50", 1501),
    ],
)
def test_money(text: str, amount: int) -> None:
    assert ok(make_field("money"), text).value == {"amount": amount, "currency": "RUB"}


def test_money_display_shows_the_currency() -> None:
    field = make_field("money", currency="USD")
    assert ok(field, "15k", "en").display == "15,000 $"
    parsed = ok(make_field("money"), "1.5 млн", "ru")
    assert parsed.display == "1\u00a0500\u00a0000 ₽"


def test_money_is_never_negative_and_respects_bounds() -> None:
    assert error(make_field("money"), "-5").code is ErrorCode.NUMBER_TOO_SMALL
    field = make_field("money", min_value=100_000)
    assert error(field, "50к").args == {"min": 100_000}
    assert error(make_field("money"), "дорого").code is ErrorCode.NOT_A_NUMBER


# --- contacts ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["+7 912 345-67-89", "8 (912) 345 67 89", "9123456789"])
def test_phone_is_stored_in_e164(text: str) -> None:
    parsed = ok(make_field("phone"), text)
    assert parsed.value == "+79123456789"
    assert parsed.display == "+7 912 345-67-89"


@pytest.mark.parametrize("text", ["12345", "позвонить Ивану", "+7 912 345"])
def test_bad_phone(text: str) -> None:
    result = error(make_field("phone"), text)
    assert result.code is ErrorCode.BAD_PHONE
    assert result.args == {"value": text}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ivan@Example.RU", "ivan@example.ru"),
        (" ann.lee+crm@mail.co.uk ", "ann.lee+crm@mail.co.uk"),
    ],
)
def test_email(text: str, expected: str) -> None:
    assert ok(make_field("email"), text).value == expected


@pytest.mark.parametrize(
    "text",
    ["ivan", "ivan@", "@example.ru", "ivan@example", "ivan@@example.ru", "a b@c.ru", "x@y.1"],
)
def test_bad_email(text: str) -> None:
    assert error(make_field("email"), text).code is ErrorCode.BAD_EMAIL


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://example.ru/catalog?id=5", "https://example.ru/catalog?id=5"),
        ("example.ru", "https://example.ru"),
        ("HTTP://Example.com", "HTTP://Example.com"),
        ("www.avito.ru/moskva/zapchasti", "https://www.avito.ru/moskva/zapchasti"),
    ],
)
def test_url(text: str, expected: str) -> None:
    assert ok(make_field("url"), text).value == expected


@pytest.mark.parametrize(
    "text", ["https://", "http:///path", "ftp://example.ru", "example", "сайт есть", "https://a"]
)
def test_url_without_a_host_is_refused(text: str) -> None:
    assert error(make_field("url"), text).code is ErrorCode.BAD_URL


# --- choices typed as text ---------------------------------------------------------------


def test_single_choice_accepts_label_id_or_number() -> None:
    field = make_field("single_choice", options=options("korea", "japan"))
    assert ok(field, "Korea").value == "korea"
    assert ok(field, "KOREA").value == "korea"
    assert ok(field, "japan").value == "japan"
    assert ok(field, "2").value == "japan"
    assert ok(field, "2", "en").display == "japan"


def test_single_choice_refuses_an_unknown_option_listing_the_real_ones() -> None:
    field = make_field("single_choice", options=options("korea", "japan"))
    result = error(field, "Китай")
    assert result.code is ErrorCode.UNKNOWN_OPTION
    assert result.args == {"options": "KOREA, JAPAN"}


def test_single_choice_with_other_keeps_the_typed_answer() -> None:
    field = make_field("single_choice", options=options("site"), allow_other=True)
    parsed = ok(field, "Выставка  Иннопром")
    assert parsed.value == {"other": "Выставка Иннопром"}
    assert parsed.display == "Выставка Иннопром"


def test_multi_choice_typed_with_commas() -> None:
    field = make_field("multi_choice", options=options("korea", "japan", "usa"))
    parsed = ok(field, "korea, USA; korea")
    assert parsed.value == ["korea", "usa"]
    assert parsed.display == "KOREA, USA"
    assert error(field, "korea, Марс").code is ErrorCode.UNKNOWN_OPTION


def test_multi_choice_with_other() -> None:
    field = make_field("multi_choice", options=options("korea"), allow_other=True)
    assert ok(field, "korea, Грузия").value == ["korea", {"other": "Грузия"}]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("да", True), ("Да!", True), ("yes", True), ("+", True), ("нет", False), ("No", False)],
)
def test_yes_no(text: str, expected: bool) -> None:
    assert ok(make_field("yes_no"), text).value is expected


def test_yes_no_refuses_maybe() -> None:
    assert error(make_field("yes_no"), "может быть").code is ErrorCode.BAD_YES_NO


# --- attachments and skipping -------------------------------------------------------------


def test_text_in_an_attachments_field_asks_for_a_file() -> None:
    assert error(make_field("attachments"), "фото потом").code is ErrorCode.SEND_FILE


@pytest.mark.parametrize("settings", [{}, {"role": "company"}])
def test_required_fields_cannot_be_skipped(settings: dict[str, Any]) -> None:
    result = skip_answer(make_field("short_text", **settings))
    assert isinstance(result, FieldError)
    assert result.code is ErrorCode.REQUIRED


def test_optional_fields_can_be_skipped() -> None:
    assert skip_answer(make_field("money", required=False)) == Parsed(None, "—")
