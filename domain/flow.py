"""Which questions a form asks, in what order, given the answers so far.

``show_if`` may only look at earlier fields, so one pass in field order decides visibility:
a field hidden because of an earlier answer also hides everything that depends on it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import JsonValue

from scenarios.schema import OTHER_OPTION_ID, FormField, Scenario

Answers = Mapping[str, JsonValue]


def is_filled(value: JsonValue) -> bool:
    """Whether an answer holds something: skipped, empty text and empty lists do not."""
    return value is not None and value != "" and value != [] and value != {}


def answer_matches(value: JsonValue, expected: str | int | bool) -> bool:
    """Whether an answer equals ``expected``; a multi choice matches if it contains it.

    An own answer typed through "other" matches the id ``other``. Types must agree, so the
    yes/no answer ``true`` never matches the number 1.
    """
    if isinstance(value, list):
        return any(answer_matches(item, expected) for item in value)
    if isinstance(value, dict):
        return expected == OTHER_OPTION_ID and OTHER_OPTION_ID in value
    return type(value) is type(expected) and value == expected


def answer_in(value: JsonValue, expected: Sequence[str | int | bool]) -> bool:
    """Whether an answer matches any of ``expected``."""
    return any(answer_matches(value, item) for item in expected)


def visible_fields(scenario: Scenario, answers: Answers) -> list[FormField]:
    """The fields the form asks given these answers, in order."""
    return _fields(scenario, answers, undecided=False)


def possible_fields(scenario: Scenario, answers: Answers) -> list[FormField]:
    """The fields the form may still ask: visible ones, and those hanging on an answer not
    given yet. Their count only shrinks as answers come, so "step 8 of 14" never jumps up."""
    return _fields(scenario, answers, undecided=True)


def _fields(scenario: Scenario, answers: Answers, *, undecided: bool) -> list[FormField]:
    shown: list[FormField] = []
    shown_ids: set[str] = set()
    for field in scenario.fields:
        condition = field.show_if
        pending = condition is not None and condition.field not in answers
        if condition is not None and not (undecided and pending and condition.field in shown_ids):
            value = answers.get(condition.field) if condition.field in shown_ids else None
            if condition.filled is not None:
                visible = is_filled(value) == condition.filled
            elif condition.in_ is not None:
                visible = is_filled(value) and answer_in(value, condition.in_)
            else:
                visible = condition.equals is not None and answer_matches(value, condition.equals)
            if not visible:
                continue
        shown.append(field)
        shown_ids.add(field.id)
    return shown


def next_field(
    scenario: Scenario, answers: Answers, after_field_id: str | None = None
) -> FormField | None:
    """The question to ask next, or None when the form is complete.

    Without ``after_field_id`` this is the first visible field not yet answered, which is
    where a resumed draft continues. With it, the first visible field after that one, which
    is how the dialog walks forward (also when an answer is being changed).
    """
    visible = visible_fields(scenario, answers)
    if after_field_id is None:
        return next((field for field in visible if field.id not in answers), None)
    order = {field.id: index for index, field in enumerate(scenario.fields)}
    position = order.get(after_field_id, -1)
    return next((field for field in visible if order[field.id] > position), None)


def progress(scenario: Scenario, answers: Answers, current_field_id: str) -> tuple[int, int]:
    """``(step, total)`` for "question 3 of 11".

    The total counts the questions the form may still ask (:func:`possible_fields`): an
    answer can take questions off the path but never add one, so the total never grows.
    """
    visible = visible_fields(scenario, answers)
    order = {field.id: index for index, field in enumerate(scenario.fields)}
    position = order.get(current_field_id, len(order))
    step = 1 + sum(1 for field in visible if order[field.id] < position)
    total = len(possible_fields(scenario, answers))
    return min(step, max(total, 1)), max(total, 1)


def hidden_answers(scenario: Scenario, answers: Answers) -> list[str]:
    """Ids of answers to drop because a changed earlier answer hid their fields."""
    shown = {field.id for field in visible_fields(scenario, answers)}
    return [field_id for field_id in answers if field_id not in shown]
