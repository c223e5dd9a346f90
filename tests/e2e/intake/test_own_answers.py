"""An own "Other" answer of a multi choice question, on a form of the story's own.

No shipped form lets a multi choice question take an own answer, so the bot runs with a
form that does: modules to tick, "Other" to type one more, then the company's name.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.settings import Settings
from emulator import EmMessage, TelegramEmulator
from scenarios.loader import ScenarioCatalog, load_scenarios
from tests.e2e.intake.flow import is_summary, next_screen, open_form, step_of
from tests.harness import Person, RunningBot

MODULES_FORM = """\
id: erp_modules
version: 1
title: {ru: Модули ERP, en: ERP modules}
description: {ru: Какие модули нужны, en: Which modules are needed}
topic: {key: erp_modules}
fields:
  - id: modules
    type: multi_choice
    allow_other: true
    label: {ru: Модули, en: Modules}
    question: {ru: "Какие модули нужны?", en: "Which modules are needed?"}
    options:
      - {id: stock, label: {ru: Склад, en: Stock}}
      - {id: finance, label: {ru: Финансы, en: Finance}}
  - id: company
    type: short_text
    role: company
    label: {ru: Компания, en: Company}
    question: {ru: "Как называется компания?", en: "What is the company called?"}
"""


@pytest.fixture
def forms(tmp_path: Path) -> ScenarioCatalog:
    directory = tmp_path / "forms"
    directory.mkdir()
    (directory / "erp_modules.yaml").write_text(MODULES_FORM, encoding="utf-8")
    return load_scenarios(directory)


@pytest.fixture
async def bot(
    settings_for: Callable[..., Settings], forms: ScenarioCatalog
) -> AsyncIterator[RunningBot]:
    async with RunningBot(settings_for(), scenarios=forms) as running:
        yield running


def labels(message: EmMessage) -> list[str]:
    return [button.text for row in message.buttons for button in row]


def as_now(tg: TelegramEmulator, message: EmMessage) -> EmMessage:
    """The message as it reads now, after the bot edited its buttons."""
    return next(m for m in tg.bot_messages(message.chat_id) if m.message_id == message.message_id)


async def tick_and_type_own(person: Person) -> EmMessage:
    """Tick "Склад", type "Кадры" after "Other"; returns the company question that follows."""
    modules = await open_form(person, "erp_modules")
    await person.press(modules, "Склад")
    await person.press(modules, "Другое")
    await person.send("Кадры")
    company = await next_screen(person)
    assert step_of(company) == (2, 2)
    return company


async def test_done_on_a_multi_choice_returned_to_keeps_the_own_answer(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(41, "Анна", language_code="ru")
    company = await tick_and_type_own(anna)
    await anna.press(company, "Назад")
    again = await next_screen(anna)
    assert "Сейчас: Склад, Кадры" in again.text
    assert {"✅ Склад", "✅ Кадры"} <= set(labels(again))
    await anna.press(again, "Готово")
    assert step_of(await next_screen(anna)) == (2, 2)
    await anna.send("ООО «Ромашка»")
    summary = await next_screen(anna)
    assert is_summary(summary)
    assert "Склад, Кадры" in summary.text
    await anna.press(summary, "1.")
    edited = await next_screen(anna)
    assert "✅ Кадры" in labels(edited)
    await anna.press(edited, "Готово")
    summary = await next_screen(anna)
    assert is_summary(summary)
    assert "Склад, Кадры" in summary.text


async def test_an_own_answer_unticked_on_return_is_dropped_by_done(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(42, "Анна", language_code="ru")
    company = await tick_and_type_own(anna)
    await anna.press(company, "Назад")
    again = await next_screen(anna)
    await anna.press(again, "Кадры")
    unticked = labels(as_now(tg, again))
    assert "✅ Склад" in unticked
    assert not any("Кадры" in label for label in unticked)
    assert "✏️ Другое — напишу сам" in unticked
    await anna.press(again, "Готово")
    assert step_of(await next_screen(anna)) == (2, 2)
    await anna.send("ООО «Ромашка»")
    summary = await next_screen(anna)
    assert is_summary(summary)
    assert "Какие модули нужны?\nСклад\n" in summary.text
    assert "Кадры" not in summary.text
