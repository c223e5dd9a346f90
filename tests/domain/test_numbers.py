"""Amounts in the notations people type on a phone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.numbers import parse_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1500000", 1_500_000),
        ("1 500 000", 1_500_000),
        ("1\u00a0500\u00a0000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("1.500.000", 1_500_000),
        ("1.5 млн", 1_500_000),
        ("1,5 млн", 1_500_000),
        ("2m", 2_000_000),
        ("2 миллиона", 2_000_000),
        ("300к", 300_000),
        ("300k", 300_000),
        ("300 тыс.", 300_000),
        ("300 т.р.", 300_000),
        ("2 млрд", 2_000_000_000),
        ("4 млн руб", 4_000_000),
        ("4млн₽", 4_000_000),
        ("$15k", 15_000),
        ("15 000 ₽", 15_000),
        ("1.5", Decimal("1.5")),
        ("1 500,50", Decimal("1500.50")),
        ("-5", -5),
    ],
)
def test_amounts_are_read(text: str, expected: int | Decimal) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "много", "1..5", "1,2,3", "млн", "5 лет"])
def test_words_are_not_amounts(text: str) -> None:
    assert parse_amount(text) is None
