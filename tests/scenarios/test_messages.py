"""Every error code and button label a parser can produce has a message in both locales."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fluent.syntax import parse
from fluent.syntax.ast import Junk, Message

from scenarios.answers import ErrorCode

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*ROOT.joinpath("scenarios").glob("*.py"), *ROOT.joinpath("domain").glob("*.py")]
LOCALES = ["ru", "en"]


def message_ids(locale: str) -> set[str]:
    resource = parse(ROOT.joinpath("locales", locale, "fields.ftl").read_text(encoding="utf-8"))
    assert not [entry for entry in resource.body if isinstance(entry, Junk)], "syntax errors"
    return {entry.id.name for entry in resource.body if isinstance(entry, Message)}


def codes_in_sources() -> set[str]:
    """Codes named in the code itself, so a new one cannot slip in without a message."""
    found: set[str] = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        found |= {ErrorCode[name].value for name in re.findall(r"ErrorCode\.([A-Z_]+)", text)}
        found |= set(re.findall(r'DateProblem\("([a-z-]+)"\)', text))
    return found


@pytest.mark.parametrize("locale", LOCALES)
def test_every_error_code_has_a_message(locale: str) -> None:
    ids = message_ids(locale)
    codes = {code.value for code in ErrorCode} | codes_in_sources()
    missing = sorted(f"field-error-{code}" for code in codes if f"field-error-{code}" not in ids)
    assert missing == []


def test_date_problems_are_error_codes() -> None:
    assert codes_in_sources() <= {code.value for code in ErrorCode}


@pytest.mark.parametrize("locale", LOCALES)
def test_quick_date_and_button_labels_exist(locale: str) -> None:
    ids = message_ids(locale)
    for key in ["today", "tomorrow", "next-week"]:
        assert f"field-quick-{key}" in ids
    assert {"field-button-yes", "field-button-no", "field-button-other"} <= ids


def test_both_locales_have_the_same_messages() -> None:
    assert message_ids("ru") == message_ids("en")
