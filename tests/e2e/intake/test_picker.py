"""The form picker: a form pressed twice, or pressed again while a draft of it is open."""

from __future__ import annotations

from collections.abc import Callable

from emulator import TelegramEmulator
from tests.e2e.intake.flow import next_screen, step_of
from tests.harness import Person, RunningBot


async def test_a_form_pressed_twice_goes_on_with_its_fresh_draft_instead_of_asking(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(61, "Анна", language_code="ru")
    picker = await anna.ask("/new")
    erp = picker.callback_data_of("ERP")
    await tg.press(61, picker, erp, wait=False)
    await tg.press(61, picker, erp)  # the second tap of a double tap
    first = await next_screen(anna)
    again = await anna.reply()
    assert "незаконченная заявка" not in again.text
    assert step_of(first) == step_of(again) == (1, 14)
    await anna.send("ООО «Ромашка»")
    assert step_of(await next_screen(anna)) == (2, 14)


async def test_a_form_pressed_again_with_answers_in_its_draft_offers_to_continue_or_discard(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(62, "Анна", language_code="ru")
    older_picker = await anna.ask("/new")
    picker = await anna.ask("/new")
    await anna.press(picker, "ERP")
    assert step_of(await next_screen(anna)) == (1, 14)
    await anna.send("ООО «Ромашка»")
    second = await next_screen(anna)
    assert step_of(second) == (2, 14)
    await anna.press(older_picker, "ERP")
    offer = await anna.reply()
    assert "незаконченная заявка «Внедрение ИТ / ERP» (ответов: 1)" in offer.text
    await anna.press(offer, "Продолжить")
    assert step_of(await next_screen(anna)) == (2, 14)
