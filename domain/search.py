"""What a request can be found by: one lowercase text of its facts, searched by substring.

Kept as a column beside the request, so ``/find`` reads one row per request instead of
joining every answer; the phone's digits are in it too, so a number typed in any format
(or only its tail) is found.
"""

from __future__ import annotations

from collections.abc import Iterable

PHONE_CHARACTERS = frozenset("0123456789+-() ")
MIN_DIGITS = 5
"""Fewer digits than this are too common to look for inside phone numbers."""


def search_text(parts: Iterable[str | None], *, phone: str | None = None) -> str:
    """The searchable text of a request: its parts lowercased, and the phone's digits."""
    lines = [part.strip().lower() for part in parts if part and part.strip()]
    if phone:
        lines.append(digits_of(phone))
    return "\n".join(lines)


def digits_of(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def phone_fragment(query: str) -> str | None:
    """The digits to look for when ``query`` looks like (a part of) a phone number."""
    digits = digits_of(query)
    if len(digits) >= MIN_DIGITS and set(query) <= PHONE_CHARACTERS:
        return digits
    return None
