"""Editing a sent message: a refused answer corrected is taken; an accepted one is explained."""

from __future__ import annotations

from collections.abc import Callable

from emulator import TelegramEmulator
from tests.e2e.intake.flow import fill, next_screen, open_form, scenario, step_of
from tests.harness import Person, RunningBot

ERP = scenario("it_erp")


async def test_a_refused_answer_edited_into_a_good_one_is_taken(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(46, "Анна", language_code="ru")
    await open_form(anna, "it_erp")
    typo = await anna.send("А")
    assert "Слишком коротко" in (await anna.reply()).text
    await tg.edit_message(46, typo, "ООО «Ромашка»")
    second = await next_screen(anna)
    assert step_of(second)[0] == 2
    summary, _ = await fill(anna, ERP, "ru", second)
    assert "ООО «Ромашка»" in summary.text


async def test_an_edited_answer_the_dialog_moved_past_is_explained_and_kept(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(47, "Анна", language_code="ru")
    await open_form(anna, "it_erp")
    company = await anna.send("ООО «Ромашка»")
    second = await next_screen(anna)
    await tg.edit_message(47, company, "ООО «Лютик»")
    assert "нажмите «⬅️ Назад»" in (await anna.reply()).text
    summary, _ = await fill(anna, ERP, "ru", second)
    assert "ООО «Ромашка»" in summary.text
    assert "Лютик" not in summary.text


async def test_an_edit_outside_a_form_is_answered(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(48, "Анна", language_code="ru")
    hello = await anna.send("/help")
    await anna.reply()
    await tg.edit_message(48, hello, "/start")
    assert "/new" in (await anna.reply()).text


async def test_an_edit_in_the_form_picker_gets_no_advice_about_answers(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(49, "Анна", language_code="ru")
    await anna.ask("/new")
    hello = await anna.send("привет")
    assert "Выберите форму кнопкой" in (await anna.reply()).text
    await tg.edit_message(49, hello, "ИТ")
    assert (await anna.reply()).text.startswith("✏️ Правка сообщения ничего не меняет")
