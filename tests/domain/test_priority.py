"""Hot or normal, from the scenario's hot_if rules."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from domain.priority import evaluate_priority
from scenarios.request_rules import Priority
from scenarios.schema import Scenario

NOW = datetime(2026, 3, 4, 22, 0, tzinfo=UTC)  # already 5 March in Moscow
TEXT = {"ru": "т", "en": "т"}


@pytest.fixture
def scenario() -> Scenario:
    options = [{"id": key, "label": TEXT} for key in ("today", "week", "later")]
    return Scenario.model_validate(
        {
            "id": "demo",
            "version": 1,
            "title": TEXT,
            "description": TEXT,
            "topic": {"key": "demo"},
            "fields": [
                {"id": "deadline", "type": "date", "label": TEXT, "required": False},
                {"id": "meeting", "type": "datetime", "label": TEXT, "required": False},
                {"id": "budget", "type": "money", "label": TEXT, "required": False},
                {"id": "urgency", "type": "single_choice", "options": options, "label": TEXT},
                {"id": "vip", "type": "yes_no", "label": TEXT},
                {
                    "id": "seats",
                    "type": "integer",
                    "label": TEXT,
                    "show_if": {"field": "vip", "equals": True},
                },
            ],
            "hot_if": [
                {"field": "deadline", "within_days": 7},
                {"field": "meeting", "within_days": 1},
                {"field": "budget", "at_least": 3_000_000},
                {"field": "urgency", "in": ["today"]},
                {"field": "seats", "at_least": 100},
            ],
        }
    )


def priority(scenario: Scenario, tz: str = "Europe/Moscow", **answers: Any) -> Priority:
    return evaluate_priority(scenario, answers, NOW, tz)


def test_nothing_special_is_normal(scenario: Scenario) -> None:
    assert priority(scenario, urgency="later", vip=False) == "normal"


def test_a_deadline_within_the_window_is_hot(scenario: Scenario) -> None:
    assert priority(scenario, deadline="2026-03-12") is Priority.HOT
    assert priority(scenario, deadline="2026-03-13") is Priority.NORMAL


def test_the_window_is_counted_from_the_users_today(scenario: Scenario) -> None:
    assert priority(scenario, "UTC", deadline="2026-03-12") is Priority.NORMAL
    assert priority(scenario, "Europe/Moscow", deadline="2026-03-12") is Priority.HOT


def test_a_missed_deadline_is_hot(scenario: Scenario) -> None:
    assert priority(scenario, deadline="2026-02-01") is Priority.HOT


def test_a_meeting_tomorrow_is_hot(scenario: Scenario) -> None:
    assert priority(scenario, meeting="2026-03-06T10:00:00+03:00") is Priority.HOT
    assert priority(scenario, meeting="2026-03-09T10:00:00+03:00") is Priority.NORMAL


def test_a_large_budget_is_hot(scenario: Scenario) -> None:
    assert priority(scenario, budget={"amount": 3_000_000, "currency": "RUB"}) == "hot"
    assert priority(scenario, budget={"amount": 2_999_999, "currency": "RUB"}) == "normal"


def test_a_chosen_option_is_hot(scenario: Scenario) -> None:
    assert priority(scenario, urgency="today") is Priority.HOT
    assert priority(scenario, urgency="week") is Priority.NORMAL


def test_answers_of_hidden_fields_do_not_count(scenario: Scenario) -> None:
    assert priority(scenario, vip=True, seats=150) is Priority.HOT
    assert priority(scenario, vip=False, seats=150) is Priority.NORMAL


def test_skipped_answers_do_not_count(scenario: Scenario) -> None:
    assert priority(scenario, deadline=None, budget=None) is Priority.NORMAL
