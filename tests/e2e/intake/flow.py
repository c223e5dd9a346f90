"""Helpers that walk a person through a scenario the way a user would.

The helpers read the bot's messages, recognise which question is asked by its label, and
answer it with a good value for the field's type (or a value the test gives).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from emulator import EmMessage
from scenarios.loader import load_scenarios
from scenarios.schema import FieldType, FormField, Scenario, localized
from tests.harness import Person

STEP = re.compile(r"^(?:Шаг|Step) (\d+) (?:из|of) (\d+)")
SUMMARY = ("Проверьте заявку", "Check the request")
RECEIPT = re.compile(r"(?:Заявка|Request) [№#](\d+)")

CATALOG = load_scenarios()


def scenario(scenario_id: str) -> Scenario:
    return CATALOG.get(scenario_id)


@dataclass(frozen=True)
class Press:
    """Answer by pressing the button whose label contains ``label``."""

    label: str


@dataclass(frozen=True)
class Contact:
    """Answer by sharing a contact with this number."""

    phone: str


@dataclass(frozen=True)
class Files:
    """Answer an attachments question with this many documents, then "Done"."""

    count: int = 1


Answer = str | Press | Contact | Files
"""A typed text, or one of the actions above."""


def is_question(message: EmMessage) -> bool:
    return STEP.match(message.text) is not None


def is_summary(message: EmMessage) -> bool:
    return message.text.startswith(SUMMARY)


def step_of(message: EmMessage) -> tuple[int, int]:
    match = STEP.match(message.text)
    assert match is not None, message.text
    return int(match[1]), int(match[2])


async def next_screen(person: Person, *, timeout: float = 5.0) -> EmMessage:
    """Skip notes (intro, "got it", the contact hint) up to the next question or summary."""
    while True:
        message = await person.reply(timeout=timeout)
        if is_question(message) or is_summary(message):
            return message


def field_of(form: Scenario, message: EmMessage, locale: str) -> FormField:
    """The field whose question the message asks (the longest question found in it)."""
    found = [f for f in form.fields if localized(f.asked, locale) in message.text]
    assert found, f"no field of {form.id} in {message.text!r}"
    return max(found, key=lambda f: len(localized(f.asked, locale)))


SPECIAL = {"vin": "WDC1648221A123456"}
"""Fields with rules of their own (a VIN is exactly 17 characters)."""


def good_answer(field: FormField, locale: str) -> Answer:
    """A value every field of this type accepts."""
    ru = locale == "ru"
    if field.id in SPECIAL:
        return SPECIAL[field.id]
    match field.type:
        case FieldType.SHORT_TEXT:
            return "ООО «Ромашка»" if ru else "Northwind LLC"
        case FieldType.LONG_TEXT:
            return "Хотят видеть себестоимость по объектам" if ru else "They want cost per site"
        case FieldType.INTEGER:
            return str(max(field.min_value or 0, 45))
        case FieldType.MONEY:
            return str(max(field.min_value or 0, 1_500_000))
        case FieldType.PHONE:
            return "+7 912 345-67-89"
        case FieldType.EMAIL:
            return "ivan@example.com"
        case FieldType.URL:
            return "example.com/item/1"
        case FieldType.SINGLE_CHOICE | FieldType.MULTI_CHOICE:
            return Press(localized(field.options[0].label, locale))
        case FieldType.YES_NO:
            return Press("Да" if ru else "Yes")
        case FieldType.DATE:
            return Press("Завтра" if ru else "Tomorrow")
        case FieldType.DATETIME:
            return "завтра 16:00" if ru else "tomorrow 4pm"
        case FieldType.YEAR_RANGE:
            return "2019-2022"
        case FieldType.ATTACHMENTS:
            return Files(2)


async def give(person: Person, message: EmMessage, field: FormField, answer: Answer) -> None:
    """Answer the question in ``message`` (multi choice and files are finished with Done)."""
    done = "Готово" if "Шаг" in message.text else "Done"
    if isinstance(answer, str):
        await person.send(answer)
    elif isinstance(answer, Contact):
        await person.tg.send_contact(person.user_id, answer.phone)
    elif isinstance(answer, Files):
        for index in range(answer.count):
            await person.tg.send_document(person.user_id, f"spec-{index}.pdf", b"%PDF-1.4")
            receipt = await person.reply()
        await person.press(receipt, done)
    else:
        await person.press(message, answer.label)
        if field.type is FieldType.MULTI_CHOICE:
            await person.press(message, done)


async def fill(
    person: Person,
    form: Scenario,
    locale: str,
    first: EmMessage,
    answers: Mapping[str, Answer] | None = None,
) -> tuple[EmMessage, list[str]]:
    """Answer from ``first`` (a question) to the summary; returns it and the fields asked."""
    given = dict(answers or {})
    asked: list[str] = []
    message = first
    while not is_summary(message):
        field = field_of(form, message, locale)
        asked.append(field.id)
        await give(person, message, field, given.get(field.id, good_answer(field, locale)))
        message = await next_screen(person)
    return message, asked


async def fill_until(
    person: Person, form: Scenario, locale: str, first: EmMessage, stop_at: str
) -> EmMessage:
    """Answer with good values up to the question of ``stop_at``; returns that question."""
    message = first
    while True:
        assert not is_summary(message), f"{stop_at} was never asked"
        field = field_of(form, message, locale)
        if field.id == stop_at:
            return message
        await give(person, message, field, good_answer(field, locale))
        message = await next_screen(person)


async def open_form(person: Person, scenario_id: str, *, timeout: float = 5.0) -> EmMessage:
    """Open a form by its deep link; returns its first question.

    A bot still starting (a fresh process) may need a longer ``timeout``.
    """
    await person.send(f"/start {scenario_id}")
    return await next_screen(person, timeout=timeout)


async def submit(person: Person, summary: EmMessage) -> int:
    """Press "Submit" on the summary card; returns the request number from the receipt."""
    await person.press(summary, "🚀")
    receipt = await person.reply()
    match = RECEIPT.search(receipt.text)
    assert match is not None, receipt.text
    return int(match[1])
