"""Choosing a form in the picker or by its deep link while a draft is open: the same form
or another one, before or after answers were given."""

from __future__ import annotations

from collections.abc import Callable

from emulator import TelegramEmulator
from tests.e2e.intake.flow import next_screen, open_form, step_of
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


async def test_a_deep_link_opened_twice_goes_on_with_its_fresh_draft_instead_of_asking(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(63, "Анна", language_code="ru")
    first = await open_form(anna, "it_erp")
    again = await anna.ask("/start it_erp")
    assert "незаконченная заявка" not in again.text
    assert step_of(first) == step_of(again) == (1, 14)
    await anna.send("ООО «Ромашка»")
    assert step_of(await next_screen(anna)) == (2, 14)


async def test_a_deep_link_opened_again_with_answers_in_its_draft_offers_to_continue_or_discard(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(64, "Анна", language_code="ru")
    await open_form(anna, "it_erp")
    await anna.send("ООО «Ромашка»")
    assert step_of(await next_screen(anna)) == (2, 14)
    offer = await anna.ask("/start it_erp")
    assert "незаконченная заявка «Внедрение ИТ / ERP» (ответов: 1)" in offer.text
    await anna.press(offer, "Продолжить")
    assert step_of(await next_screen(anna)) == (2, 14)


async def test_another_form_picked_over_an_empty_draft_starts_without_asking(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(65, "Анна", language_code="ru")
    older_picker = await anna.ask("/new")
    picker = await anna.ask("/new")
    await anna.press(picker, "ERP")
    assert step_of(await next_screen(anna)) == (1, 14)
    await anna.press(older_picker, "Авто из-за рубежа")
    started = await anna.reply()
    assert "Авто из-за рубежа" in started.text
    assert "незаконченная заявка" not in started.text
    assert "Черновик удалён" not in started.text
    question = await next_screen(anna)
    assert "Авто из-за рубежа" in question.text
    assert step_of(question)[0] == 1
    await anna.send("Toyota")
    assert step_of(await next_screen(anna))[0] == 2
    offer = await anna.ask("/start")
    assert "незаконченная заявка «Авто из-за рубежа» (ответов: 1)" in offer.text


async def test_another_form_linked_over_an_empty_draft_starts_without_asking(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(66, "Анна", language_code="ru")
    assert step_of(await open_form(anna, "it_erp")) == (1, 14)
    started = await anna.ask("/start car_import")
    assert "Авто из-за рубежа" in started.text
    assert "незаконченная заявка" not in started.text
    assert "Черновик удалён" not in started.text
    question = await next_screen(anna)
    assert "Авто из-за рубежа" in question.text
    assert step_of(question)[0] == 1
    await anna.send("Toyota")
    assert step_of(await next_screen(anna))[0] == 2
    offer = await anna.ask("/start")
    assert "незаконченная заявка «Авто из-за рубежа» (ответов: 1)" in offer.text


async def test_another_form_picked_over_a_draft_with_answers_offers_to_continue_or_discard(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(67, "Анна", language_code="ru")
    older_picker = await anna.ask("/new")
    picker = await anna.ask("/new")
    await anna.press(picker, "ERP")
    await next_screen(anna)
    await anna.send("ООО «Ромашка»")
    assert step_of(await next_screen(anna)) == (2, 14)
    await anna.press(older_picker, "Авто из-за рубежа")
    offer = await anna.reply()
    assert "незаконченная заявка «Внедрение ИТ / ERP» (ответов: 1)" in offer.text
    await anna.press(offer, "Продолжить")
    assert step_of(await next_screen(anna)) == (2, 14)
