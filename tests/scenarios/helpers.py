"""Small builders for scenario tests: a field from a few keys, a fixed clock, answers read."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from scenarios.answers import FieldError, Parsed
from scenarios.fields import parse_answer
from scenarios.schema import FormField

NOW = datetime(2026, 3, 4, 10, 30, tzinfo=UTC)  # Wednesday, 13:30 in Moscow
TZ = "Europe/Moscow"
TEXT = {"ru": "Вопрос", "en": "Question"}


def make_field(type_: str, **settings: Any) -> FormField:
    """A field of ``type_`` with placeholder texts and the given settings."""
    return FormField.model_validate({"id": "answer", "type": type_, "label": TEXT, **settings})


def options(*ids: str) -> list[dict[str, Any]]:
    """Choice options whose Russian label is the id in capitals and English label the id."""
    return [{"id": option, "label": {"ru": option.upper(), "en": option}} for option in ids]


def parse(field: FormField, text: str, locale: str = "ru") -> Parsed | FieldError:
    """``text`` read as an answer to ``field`` on the fixed clock, in Moscow."""
    return parse_answer(field, text, now=NOW, tz=TZ, locale=locale)


def ok(field: FormField, text: str, locale: str = "ru") -> Parsed:
    """``text`` read as an answer to ``field``; it must be accepted."""
    result = parse(field, text, locale)
    assert isinstance(result, Parsed), result
    return result


def error(field: FormField, text: str) -> FieldError:
    """``text`` read as an answer to ``field``; it must be refused."""
    result = parse(field, text)
    assert isinstance(result, FieldError), result
    return result
