"""Rules of a scenario that relate fields to each other, each reported with its field.

Unique ids, ``show_if`` pointing at an earlier field, priority rules and CRM mappings naming
real fields: the models check one value at a time, these the form as a whole, so that the
checker can name every problem while loading still refuses a scenario that has one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scenarios.request_rules import PriorityRule
from scenarios.schema import (
    CHOICE_TYPES,
    DATE_TYPES,
    NUMBER_TYPES,
    REPORT_BUTTON_IDS,
    FieldRole,
    FieldType,
    FormField,
    Scenario,
    ShowIf,
)


def cross_field_problems(scenario: Scenario) -> list[tuple[str, str]]:
    """Problems that involve more than one field, as ``(field id, message)`` pairs."""
    return list(_cross_field_problems(scenario))


def _cross_field_problems(scenario: Scenario) -> Iterator[tuple[str, str]]:
    seen: dict[str, FormField] = {}
    roles: dict[FieldRole, str] = {}
    for field in scenario.fields:
        if field.id in seen:
            yield field.id, "duplicate field id"
        if field.show_if is not None:
            yield from _show_if_problems(field, field.show_if, seen, scenario)
        if field.role is not None:
            if field.role in roles:
                yield field.id, f"role {field.role} is already on field '{roles[field.role]}'"
            roles[field.role] = field.id
        seen.setdefault(field.id, field)
        if field.role is FieldRole.SOURCE:
            yield from _source_button_problems(scenario, field)
    for rule in scenario.hot_if:
        yield from _rule_problems(rule, seen)
    for crm, mapping in (
        ("amocrm", scenario.crm and scenario.crm.amocrm),
        ("bitrix24", scenario.crm and scenario.crm.bitrix24),
    ):
        for field_id in mapping.fields if mapping else ():
            if field_id not in seen:
                yield field_id, f"crm.{crm}.fields maps an unknown field"


def _show_if_problems(
    field: FormField, show_if: ShowIf, earlier: dict[str, FormField], scenario: Scenario
) -> Iterator[tuple[str, str]]:
    target = earlier.get(show_if.field)
    if target is None:
        where = "a later field" if scenario.field(show_if.field) else "an unknown field"
        yield field.id, f"show_if refers to {where} '{show_if.field}'"
        return
    yield from (
        (field.id, f"show_if: {message}")
        for message in _value_problems(target, [show_if.equals, *(show_if.in_ or [])])
    )


def _source_button_problems(scenario: Scenario, field: FormField) -> Iterator[tuple[str, str]]:
    """A report's source button carries the form id and the option id together; past
    Telegram's 64 bytes a button is refused, and that form's report could never be chosen."""
    for option in field.options:
        if len(scenario.id) + len(option.id) > REPORT_BUTTON_IDS:
            yield (
                field.id,
                (
                    f"option '{option.id}' and the form id '{scenario.id}' are "
                    f"{len(scenario.id) + len(option.id)} characters together; "
                    f"the report's buttons carry both, {REPORT_BUTTON_IDS} at most"
                ),
            )


def _rule_problems(rule: PriorityRule, fields: dict[str, FormField]) -> Iterator[tuple[str, str]]:
    target = fields.get(rule.field)
    if target is None:
        yield rule.field, "priority rule refers to an unknown field"
        return
    if rule.within_days is not None and target.type not in DATE_TYPES:
        yield rule.field, "priority rule within_days needs a date or datetime field"
    if rule.at_least is not None and target.type not in NUMBER_TYPES:
        yield rule.field, "priority rule at_least needs an integer or money field"
    yield from (
        (rule.field, f"priority rule: {message}")
        for message in _value_problems(target, [rule.equals, *(rule.in_ or [])])
    )


def _value_problems(target: FormField, values: list[Any]) -> Iterator[str]:
    """Values compared with a choice answer must be option ids of that field."""
    if target.type is FieldType.YES_NO:
        for value in values:
            if value is not None and not isinstance(value, bool):
                yield f"'{target.id}' is a yes/no field: compare with true or false"
        return
    if target.type not in CHOICE_TYPES:
        return
    known = {option.id for option in target.options}
    for value in values:
        if value is not None and value not in known:
            yield f"'{target.id}' has no option '{value}'"
