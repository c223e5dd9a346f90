"""Back, skip, keep, edit from the summary, cancel with a confirmation, stale buttons."""

from __future__ import annotations

from collections.abc import Callable

from emulator import TelegramEmulator
from storage.repositories.holder import Repositories
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
CARS = scenario("car_import")
PARTS = scenario("workshop_parts")


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


async def test_back_to_a_long_answer_shows_its_start_and_keep_keeps_all_of_it(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(36, "Анна", language_code="ru")
    await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "request")
    long_answer = "Учёт по объектам & <складам>. " * 100  # 3,000 characters, the most allowed
    await anna.send(long_answer)
    context = await next_screen(anna)
    await anna.press(context, "Назад")
    again = await next_screen(anna)
    assert "{???}" not in again.text
    assert "Сейчас: Учёт по объектам & <складам>. Учёт" in again.text
    await anna.press(again, "Оставить как есть")
    summary, _ = await fill(anna, ERP, "ru", await next_screen(anna))
    number = await submit(anna, summary)
    async with bot.app.session_factory() as session:
        request = await Repositories(session).requests.with_answers(number)
    assert request is not None
    stored = {answer.field_id: answer.display for answer in request.answers}
    assert stored["request"] == long_answer.strip()


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


async def test_a_reply_about_a_request_at_the_summary_goes_to_that_request(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(35, "Анна", language_code="ru")
    first, _ = await fill(anna, ERP, "ru", await open_form(anna, "it_erp"))
    number = await submit(anna, first)
    receipt = tg.transcript(35)[-1]
    other_client = {
        "company_name": "ООО «Лютик»",
        "contact_phone": "+7 900 111-22-33",
        "contact_email": "olga@example.com",
    }
    second = await open_form(anna, "it_erp")
    summary, _ = await fill(anna, ERP, "ru", second, other_client)
    await anna.send("Бюджет <уточнили> & вырос", reply_to_message_id=receipt.message_id)
    assert (await anna.reply()).text == f"✅ Добавлено к заявке #{number}."
    assert await submit(anna, summary) == number + 1
    async with bot.app.session_factory() as session:
        notes = await Repositories(session).workspace.notes(number)
    assert [note.text for note in notes] == ["Бюджет <уточнили> & вырос"]


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


async def test_an_offer_of_a_discarded_draft_does_not_discard_the_newer_one(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(38, "Анна", language_code="ru")
    await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "headcount")
    first_offer = await anna.ask("/new")
    second_offer = await anna.ask("/start")
    assert "незаконченная заявка" in second_offer.text
    await anna.press(first_offer, "Удалить черновик")
    assert "Черновик удалён" in (await anna.reply()).text
    picker = await anna.reply()
    await anna.press(picker, "ERP")
    newer = await fill_until(anna, ERP, "ru", await next_screen(anna), "company_size")
    answer = await anna.press(second_offer, "Удалить черновик")
    assert answer is not None
    assert answer.show_alert
    assert "другому вопросу" in (answer.text or "")
    await anna.press(newer, "до 15")
    assert step_of(await next_screen(anna)) == (4, 14)


async def test_a_draft_offer_sent_before_buttons_named_their_draft_is_stale(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(39, "Анна", language_code="ru")
    second = await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "industry")
    offer = await anna.ask("/new")
    # The shape of the offer's buttons before they carried the draft's serial.
    answer = await tg.press(39, offer, "id:d:")
    assert answer is not None
    assert answer.show_alert
    assert "устарела" in (answer.text or "")
    assert step_of(second) == (2, 14)
    await anna.send("Строительство")
    assert step_of(await next_screen(anna)) == (3, 14)


async def test_back_from_the_time_prompt_returns_to_the_day_buttons(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(30, "Анна", language_code="ru")
    first = await open_form(anna, "workshop_parts")
    await anna.press(first, "Деталь с установкой")
    visit = await fill_until(anna, PARTS, "ru", await next_screen(anna), "service_visit")
    await anna.press(visit, "Завтра")
    asks_time = await next_screen(anna)
    assert "Во сколько?" in asks_time.text
    await anna.press(asks_time, "Назад")
    again = await next_screen(anna)
    assert step_of(again) == step_of(visit)
    assert "Когда клиент может приехать" in again.text
    assert "Во сколько?" not in again.text
    assert [b.text for b in again.buttons[0]] == ["Сегодня", "Завтра", "На следующей неделе"]
    await anna.press(again, "Завтра")
    assert "Во сколько?" in (await next_screen(anna)).text
    await anna.send("16:00")
    after = await next_screen(anna)
    assert step_of(after)[0] == step_of(visit)[0] + 1


async def test_a_multi_choice_returned_to_keeps_its_ticks_and_done_keeps_the_answer(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(29, "Анна", language_code="ru")
    countries = await fill_until(
        anna, CARS, "ru", await open_form(anna, "car_import"), "countries"
    )
    await anna.press(countries, "Корея")
    await anna.press(countries, "Любая страна")
    await anna.press(countries, "Готово")
    excluded = await next_screen(anna)
    assert "Откуда точно не везти?" in excluded.text
    await anna.press(excluded, "Назад")
    again = await next_screen(anna)
    assert "Сейчас: Корея, Любая страна" in again.text
    labels = [b.text for row in again.buttons for b in row]
    assert "✅ Корея" in labels
    assert "✅ Любая страна" in labels
    assert "Япония" in labels
    await anna.press(again, "Готово")
    excluded = await next_screen(anna)
    assert "Откуда точно не везти?" in excluded.text
    await anna.press(excluded, "Назад")
    third = await next_screen(anna)
    await anna.press(third, "Корея")
    await anna.press(third, "Любая страна")  # both unticked now
    refusal = await anna.press(third, "Готово")
    assert refusal is not None
    assert refusal.show_alert
    assert "Не отмечено ни одного варианта" in (refusal.text or "")
    await anna.press(third, "Япония")
    await anna.press(third, "Готово")
    summary, asked = await fill(anna, CARS, "ru", await next_screen(anna))
    assert "Отметьте все подходящие.\nЯпония\n" in summary.text
    assert "countries_excluded" not in asked
