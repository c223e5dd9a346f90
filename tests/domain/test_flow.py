"""Which questions are asked, in which order, and how far along the user is."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import JsonValue

from domain.flow import hidden_answers, next_field, progress, visible_fields
from scenarios.schema import Scenario


def form(*fields: dict[str, Any]) -> Scenario:
    text = {"ru": "т", "en": "t"}
    return Scenario.model_validate(
        {
            "id": "demo",
            "version": 1,
            "title": text,
            "description": text,
            "topic": {"key": "demo"},
            "fields": [{"label": text, **field} for field in fields],
        }
    )


def choice(*ids: str) -> list[dict[str, Any]]:
    return [{"id": option, "label": {"ru": option, "en": option}} for option in ids]


def when(field: str, **test: Any) -> dict[str, Any]:
    return {"field": field, **{key.rstrip("_"): value for key, value in test.items()}}


@pytest.fixture
def scenario() -> Scenario:
    return form(
        {"id": "client_type", "type": "single_choice", "options": choice("company", "person")},
        {"id": "company", "type": "short_text", "show_if": when("client_type", equals="company")},
        {"id": "inn", "type": "short_text", "show_if": when("company", filled=True)},
        {"id": "has_site", "type": "yes_no"},
        {"id": "site", "type": "url", "show_if": when("has_site", equals=True)},
        {"id": "markets", "type": "multi_choice", "options": choice("ru", "kz", "by")},
        {"id": "kz_office", "type": "short_text", "show_if": when("markets", in_=["kz", "by"])},
        {"id": "note", "type": "long_text", "required": False},
    )


def ids(fields: list[Any]) -> list[str]:
    return [field.id for field in fields]


def test_before_any_answer_only_unconditional_fields_show(scenario: Scenario) -> None:
    assert ids(visible_fields(scenario, {})) == ["client_type", "has_site", "markets", "note"]


def test_a_company_client_is_asked_for_the_company(scenario: Scenario) -> None:
    answers: dict[str, JsonValue] = {
        "client_type": "company",
        "company": "Ромашка",
        "has_site": False,
    }
    assert ids(visible_fields(scenario, answers)) == [
        "client_type", "company", "inn", "has_site", "markets", "note",
    ]  # fmt: skip


def test_hiding_a_field_hides_what_depends_on_it(scenario: Scenario) -> None:
    answers: dict[str, JsonValue] = {"client_type": "person", "company": "Ромашка"}
    visible = ids(visible_fields(scenario, answers))
    assert "company" not in visible
    assert "inn" not in visible
    assert hidden_answers(scenario, answers) == ["company"]


def test_yes_no_condition_needs_a_real_true(scenario: Scenario) -> None:
    assert "site" in ids(visible_fields(scenario, {"has_site": True}))
    assert "site" not in ids(visible_fields(scenario, {"has_site": 1}))
    assert "site" not in ids(visible_fields(scenario, {"has_site": False}))


def test_in_condition_matches_any_selected_option(scenario: Scenario) -> None:
    assert "kz_office" in ids(visible_fields(scenario, {"markets": ["ru", "kz"]}))
    assert "kz_office" not in ids(visible_fields(scenario, {"markets": ["ru"]}))
    assert "kz_office" not in ids(visible_fields(scenario, {"markets": []}))


def test_next_field_walks_forward_past_hidden_fields(scenario: Scenario) -> None:
    answers = {"client_type": "person"}
    field = next_field(scenario, answers, after_field_id="client_type")
    assert field is not None
    assert field.id == "has_site"


def test_next_field_without_position_resumes_at_first_unanswered(scenario: Scenario) -> None:
    first = next_field(scenario, {})
    assert first is not None
    assert first.id == "client_type"
    resumed = next_field(scenario, {"client_type": "person", "has_site": False})
    assert resumed is not None
    assert resumed.id == "markets"


def test_next_field_is_none_at_the_end(scenario: Scenario) -> None:
    assert next_field(scenario, {}, after_field_id="note") is None


def test_progress_counts_what_the_form_may_still_ask_so_the_total_never_grows(
    scenario: Scenario,
) -> None:
    assert progress(scenario, {}, "client_type") == (1, 8)
    answers: dict[str, JsonValue] = {"client_type": "company"}
    assert progress(scenario, answers, "company") == (2, 8)
    answers = {"client_type": "company", "company": "Ромашка", "has_site": True}
    assert progress(scenario, answers, "site") == (5, 8)
    answers = {"client_type": "person", "has_site": False}
    assert progress(scenario, answers, "markets") == (3, 5)  # two answers took three off
