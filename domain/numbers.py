"""Amounts as people write them: "1 500 000", "1,5 млн", "300к", "2m", "$15k".

Budgets arrive in every notation a phone keyboard allows; reading them here keeps the
form from bouncing a perfectly clear answer back to a busy manager.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_MULTIPLIERS: tuple[tuple[str, int], ...] = (
    (r"млрд|миллиард\w*|billions?|bn|b", 1_000_000_000),
    (r"млн|миллион\w*|millions?|mln|mio|mm|м|m", 1_000_000),
    (r"тыс\w*|тысяч\w*|thousands?|тр|т\.\s?р|т|к|k", 1_000),
)
_CURRENCY = re.compile(
    r"[₽$€¥]|(?<![a-zа-я])(?:руб\w*|р|rub|rur|usd|долл\w*|eur|евро|cny|юан\w*)(?![a-zа-я])",
)
_NUMBER = re.compile(r"^[+-]?\d[\d\s'’_.,]*$")


def parse_amount(text: str) -> Decimal | None:
    """The number in ``text`` with its multiplier applied, or None if it is not a number.

    A single separator followed by exactly three digits is a thousands separator
    ("1.500", "1,500") unless a multiplier follows ("1.500 млн" is one and a half million).
    """
    cleaned = text.lower().replace("\u00a0", " ").replace("\u202f", " ").strip()
    cleaned = _CURRENCY.sub(" ", cleaned).strip(" .")
    multiplier = 1
    for pattern, factor in _MULTIPLIERS:
        match = re.fullmatch(rf"(.*?\d)\s*(?:{pattern})\.?", cleaned)
        if match:
            cleaned, multiplier = match[1], factor
            break
    cleaned = cleaned.strip()
    if not _NUMBER.match(cleaned):
        return None
    number = _read_number(cleaned, has_multiplier=multiplier != 1)
    return None if number is None else number * multiplier


def _read_number(text: str, *, has_multiplier: bool) -> Decimal | None:
    digits = re.sub(r"[\s'’_]", "", text)
    separators = re.findall(r"[.,]", digits)
    if len(separators) > 1 and len(set(separators)) == 2:
        decimal_mark = digits[max(digits.rfind("."), digits.rfind(","))]
        thousands = "," if decimal_mark == "." else "."
        digits = digits.replace(thousands, "").replace(decimal_mark, ".")
    elif len(separators) > 1:
        if not re.fullmatch(r"[+-]?\d{1,3}(?:[.,]\d{3})+", digits):
            return None
        digits = re.sub(r"[.,]", "", digits)
    elif separators:
        whole, fraction = re.split(r"[.,]", digits)
        looks_like_thousands = len(fraction) == 3 and not has_multiplier and whole
        digits = whole + fraction if looks_like_thousands else f"{whole}.{fraction}"
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None
