"""A draft that holds nothing yet is never asked about: /cancel, /start and /new just go on."""

from __future__ import annotations

from collections.abc import Callable

from tests.e2e.intake.flow import next_screen, open_form, step_of
from tests.harness import Person, RunningBot


async def test_cancel_on_a_draft_with_nothing_in_it_cancels_without_asking(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(71, "Анна", language_code="ru")
    await open_form(anna, "it_erp")
    assert "Заявка отменена" in (await anna.ask("/cancel")).text
    assert "нечего отменять" in (await anna.ask("/cancel")).text


async def test_start_on_a_draft_with_nothing_in_it_greets_as_if_there_were_none(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(72, "Анна", language_code="ru")
    await open_form(anna, "it_erp")
    greeting = await anna.ask("/start")
    assert "незаконченная заявка" not in greeting.text
    assert "нечего отменять" in (await anna.ask("/cancel")).text


async def test_new_on_a_draft_with_nothing_in_it_offers_the_forms(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(73, "Анна", language_code="ru")
    await open_form(anna, "it_erp")
    picker = await anna.ask("/new")
    assert "Выберите форму" in picker.text
    await anna.press(picker, "ERP")
    assert step_of(await next_screen(anna)) == (1, 14)


async def test_cancel_start_and_new_still_ask_about_a_draft_with_an_answer(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(74, "Анна", language_code="ru")
    await open_form(anna, "it_erp")
    await anna.send("ООО «Ромашка»")
    await anna.reply()
    assert "Отменить заявку?" in (await anna.ask("/cancel")).text
    assert "(ответов: 1)" in (await anna.ask("/start")).text
    assert "(ответов: 1)" in (await anna.ask("/new")).text
