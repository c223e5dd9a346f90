"""Client contacts reduced to the form the duplicate search compares."""

from __future__ import annotations

import pytest

from domain.normalize import format_phone, normalize_company, normalize_email, normalize_phone


@pytest.mark.parametrize(
    "name",
    [
        "ООО «Ромашка-Трейд»",
        "Ромашка Трейд ООО",
        '"ромашка трейд"',
        "  ООО  'Ромашка   Трейд' ",
        "Общество с ограниченной ответственностью «Ромашка Трейд»",
    ],
)
def test_one_company_written_many_ways_is_one_name(name: str) -> None:
    assert normalize_company(name) == "ромашка трейд"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("АО «Ёлка»", "елка"),
        ("ПАО Газ-Сервис", "газ сервис"),
        ("ЗАО «СтройМонтаж»", "строймонтаж"),
        ("ИП Иванов И.И.", "иванов и и"),
        ("Northwind Traders, LLC", "northwind traders"),
        ("Acme Inc.", "acme"),
        ("Contoso Ltd", "contoso"),
        ("Аэрофлот", "аэрофлот"),
        ("Сиаобщество", "сиаобщество"),
    ],
)
def test_legal_forms_quotes_and_punctuation_are_dropped(name: str, expected: str) -> None:
    assert normalize_company(name) == expected


def test_a_legal_form_inside_a_word_is_kept() -> None:
    assert normalize_company("Иптека") == "иптека"


def test_emails_are_trimmed_and_lowercased() -> None:
    assert normalize_email("  Ivan.Petrov@Example.RU ") == "ivan.petrov@example.ru"
    assert normalize_email("mailto:ivan@example.ru") == "ivan@example.ru"
    assert normalize_email("<ivan@example.ru>") == "ivan@example.ru"


@pytest.mark.parametrize(
    "raw",
    ["+7 912 345-67-89", "8 (912) 345-67-89", "89123456789", "79123456789", "9123456789"],
)
def test_russian_numbers_in_any_notation_become_e164(raw: str) -> None:
    assert normalize_phone(raw) == "+79123456789"


def test_foreign_numbers_keep_their_country() -> None:
    assert normalize_phone("+44 20 7946 0958") == "+442079460958"
    assert normalize_phone("+1 (202) 555-0143") == "+12025550143"


@pytest.mark.parametrize("raw", ["", "12345", "позвоните мне", "+7 912", "8 800 555 35 35 35"])
def test_invalid_numbers_are_refused(raw: str) -> None:
    assert normalize_phone(raw) is None


def test_stored_numbers_are_shown_grouped() -> None:
    assert format_phone("+79123456789") == "+7 912 345-67-89"
