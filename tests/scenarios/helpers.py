"""Small builders for scenario tests: a field from a few keys, a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

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
