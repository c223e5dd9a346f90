"""Back, skip, keep, edit from the summary, cancel with a confirmation, stale buttons."""

from __future__ import annotations

from collections.abc import Callable

from emulator import TelegramEmulator
from tests.e2e.intake.flow import (
    fill,
    fill_until,
    is_question,
    is_summary,
    next_screen,
    open_form,
    scenario,
    step_of,
    submit,
)
from tests.harness import Person, RunningBot

ERP = scenario("it_erp")


async def test_back_shows_the_earlier_answer_which_can_be_kept(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(31, "Анна", language_code="ru")
    first = await open_form(anna, "it_erp")
    assert step_of(first) == (1, 14)
    assert not any("Назад" in b.text for row in first.buttons for b in row)
    third = await fill_until(anna, ERP, "ru", first, "company_size")
    assert step_of(third) == (3, 14)
    await anna.press(third, "Назад")
    second = await next_screen(anna)
    assert step_of(second) == (2, 14)
    assert "Сейчас: ООО «Ромашка»" in second.text
    await anna.press(second, "Оставить как есть")
    again = await next_screen(anna)
    assert step_of(again) == (3, 14)
    summary, _ = await fill(anna, ERP, "ru", again)
    assert summary.text.count("ООО «Ромашка»") == 3


async def test_skip_is_offered_only_on_optional_questions_and_shows_a_dash(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    bob = person(32, "Bob", language_code="en")
    first = await open_form(bob, "it_erp")
    assert not any("Skip" in b.text for row in first.buttons for b in row)
    budget = await fill_until(bob, ERP, "en", first, "budget")
    await bob.press(budget, "Skip")
    after = await next_screen(bob)
    assert "Where did the request come from?" in after.text
    summary, _ = await fill(bob, ERP, "en", after)
    assert "Budget, if the client named one\n—" in summary.text


async def test_an_answer_edited_from_the_summary_returns_to_the_summary(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(33, "Анна", language_code="ru")
    summary, _ = await fill(anna, ERP, "ru", await open_form(anna, "it_erp"))
    await anna.press(summary, "✏️ 4.")
    question = await next_screen(anna)
    assert "Сколько сотрудников" in question.text
    assert "Сейчас: 45" in question.text
    await anna.send("120")
    updated = await next_screen(anna)
    assert is_summary(updated)
    assert "120" in updated.text
    # Switching "decision maker known" to no hides its follow-up question and answer.
    await anna.press(updated, "✏️ 7.")
    await anna.press(await next_screen(anna), "Нет")
    shorter = await next_screen(anna)
    assert is_summary(shorter)
    assert "Кто принимает решение" not in shorter.text
    number = await submit(anna, shorter)
    assert number == 1


async def test_cancel_asks_first_and_keeps_the_draft_when_declined(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(34, "Анна", language_code="ru")
    second = await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "industry")
    confirm = await anna.ask("/cancel")
    assert "Отменить заявку?" in confirm.text
    await anna.press(confirm, "Нет, продолжить")
    again = await next_screen(anna)
    assert step_of(again) == step_of(second)
    confirm = await anna.ask("/cancel")
    await anna.press(confirm, "Да, отменить")
    assert "Заявка отменена" in (await anna.reply()).text
    assert "нечего отменять" in (await anna.ask("/cancel")).text
    picker = await anna.ask("/new")
    assert "Выберите форму" in picker.text


async def test_a_button_of_an_earlier_question_is_refused_and_changes_nothing(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(35, "Анна", language_code="ru")
    first = await open_form(anna, "it_erp")
    third = await fill_until(anna, ERP, "ru", first, "company_size")
    await anna.press(third, "до 15")
    headcount = await next_screen(anna)
    await anna.send("77")
    fifth = await next_screen(anna)
    assert step_of(fifth) == (5, 14)
    # The headcount question's "Back" still shows, but that question is answered.
    answer = await anna.press(headcount, "Назад")
    assert answer is not None
    assert answer.show_alert
    serial = headcount.callback_data_of("Назад").split(":")[1]
    forged = await tg.press(35, headcount, f"if:{serial}:company_size:o:1")
    assert forged is not None
    assert forged.show_alert
    await anna.send("Нужна ERP")
    assert step_of(await next_screen(anna)) == (6, 14)


async def test_start_with_a_draft_open_offers_to_continue_or_discard(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(36, "Анна", language_code="ru")
    second = await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "industry")
    offer = await anna.ask("/start")
    assert "незаконченная заявка" in offer.text
    await anna.press(offer, "Продолжить")
    again = await next_screen(anna)
    assert step_of(again) == step_of(second)
    offer = await anna.ask("/new")
    await anna.press(offer, "Удалить черновик")
    assert "Черновик удалён" in (await anna.reply()).text
    picker = await anna.reply()
    assert "Выберите форму" in picker.text


async def test_a_deep_link_with_a_draft_open_can_start_the_linked_form(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(37, "Анна", language_code="ru")
    await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "industry")
    offer = await anna.ask("/start car_import")
    await anna.press(offer, "Удалить черновик")
    question = await next_screen(anna)
    assert is_question(question)
    assert "Авто из-за рубежа" in question.text
