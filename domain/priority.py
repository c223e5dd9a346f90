"""Hot or normal: decided by the scenario's ``hot_if`` rules over the answers.

A hot request gets the short claim limit, so the rules are deliberately simple to read in
the YAML: a close deadline, a large budget, or a particular choice.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from pydantic import JsonValue

from domain.dates import zone
from domain.flow import Answers, answer_in, answer_matches, is_filled, visible_fields
from scenarios.request_rules import Priority, PriorityRule
from scenarios.schema import Scenario


def evaluate_priority(
    scenario: Scenario, answers: Answers, now: datetime, tz: str | tzinfo
) -> Priority:
    """``Priority.HOT`` if any rule matches a visible answered field, else ``NORMAL``."""
    today = now.astimezone(zone(tz)).date()
    shown = {field.id for field in visible_fields(scenario, answers)}
    for rule in scenario.hot_if:
        value = answers.get(rule.field)
        if rule.field in shown and is_filled(value) and _rule_matches(rule, value, today, tz):
            return Priority.HOT
    return Priority.NORMAL


def _rule_matches(rule: PriorityRule, value: JsonValue, today: date, tz: str | tzinfo) -> bool:
    if rule.within_days is not None:
        day = _as_date(value, tz)
        # A deadline already behind us is more urgent, not less.
        return day is not None and (day - today).days <= rule.within_days
    if rule.at_least is not None:
        number = _as_number(value)
        return number is not None and number >= rule.at_least
    if rule.in_ is not None:
        return answer_in(value, rule.in_)
    return rule.equals is not None and answer_matches(value, rule.equals)


def _as_date(value: JsonValue, tz: str | tzinfo) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        if "T" in value:
            return datetime.fromisoformat(value).astimezone(zone(tz)).date()
        return date.fromisoformat(value)
    except ValueError:
        return None


def _as_number(value: JsonValue) -> int | float | None:
    if isinstance(value, dict):
        value = value.get("amount")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value
