"""Good and bad input for every kind of question; nothing given before is ever lost."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest

from bot.settings import Settings
from domain.clock import ManualClock
from emulator import TelegramEmulator
from scenarios.schema import localized
from storage.repositories.holder import Repositories
from tests.e2e.intake.flow import (
    Contact,
    Press,
    fill,
    fill_until,
    give,
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


async def test_wrong_kinds_of_messages_are_explained_and_the_question_stays(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(41, "Анна", language_code="ru")
    first = await open_form(anna, "it_erp")
    senders: list[Callable[[], Awaitable[object]]] = [
        lambda: tg.send_sticker(41),
        lambda: tg.send_voice(41),
        lambda: tg.send_location(41, 55.75, 37.62),
        lambda: tg.send_poll(41, "Кто?", ["я", "не я"]),
        lambda: tg.send_photo(41),
    ]
    for send in senders:
        await send()
        assert "нужен ответ текстом" in (await anna.reply()).text
    assert "нет ни букв, ни цифр" in (await anna.ask("🙂🙂🙂")).text
    assert "Слишком коротко" in (await anna.ask("А")).text
    assert "Слишком длинно" in (await anna.ask("Я" * 201)).text
    assert "Например: ООО «СтройМонтаж»" in anna.tg.transcript(41)[-1].text
    await anna.send("<b>Рога</b> & *Копыта*")
    second = await next_screen(anna)
    assert step_of(second) == (2, 14)
    assert step_of(first) == (1, 14)
    # Commands mid-dialog: /help works, unknown ones point back, the question stays.
    assert "Команды" in (await anna.ask("/help")).text
    assert "/cancel" in (await anna.ask("/frobnicate")).text
    await anna.send("Строительство")
    third = await next_screen(anna)
    assert step_of(third) == (3, 14)
    assert "Такого варианта нет" in (await anna.ask("абракадабра")).text
    await anna.send("2")  # an option's number is understood too
    headcount = await next_screen(anna)
    assert "не число" in (await anna.ask("сорок")).text
    assert "Слишком маленькое" in (await anna.ask("0")).text
    summary, _ = await fill(anna, ERP, "ru", headcount)
    assert "<b>Рога</b> & *Копыта*" in summary.text
    assert "16–100 человек" in summary.text


async def test_phone_by_contact_button_removes_the_keyboard(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(42, "Анна", language_code="ru")
    phone = await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "contact_phone")
    hint = await anna.reply()
    assert hint.keyboard == [["📱 Поделиться контактом"]]
    assert "не похоже на номер телефона" in (await anna.ask("123")).text
    await give(anna, phone, ERP.fields[11], Contact("79001234567"))
    email = await next_screen(anna)
    assert "Почта" in email.text
    assert tg.reply_keyboard(42) is None
    assert "ivan@" in (await anna.ask("ivan@")).text
    await anna.send("Ivan@Example.com")
    notes = await next_screen(anna)
    summary, _ = await fill(anna, ERP, "ru", notes)
    assert "+7 900 123-45-67" in summary.text
    assert "ivan@example.com" in summary.text


async def test_dates_money_and_yes_no_are_read_as_people_type_them(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    bob = person(43, "Bob", language_code="en")
    first = await open_form(bob, "it_erp")
    known = await fill_until(bob, ERP, "en", first, "decision_maker_known")
    await bob.send("yes")
    assert "Who makes the decision" in (await next_screen(bob)).text
    await bob.send("Irene Smith, CFO")
    deadline = await next_screen(bob)
    assert len(deadline.buttons[0]) == 3
    assert "couldn't read the date" in (await bob.ask("someday")).text
    assert "already passed" in (await bob.ask("01.01.2020")).text
    await bob.send("in 2 days")
    budget = await next_screen(bob)
    assert "Budget" in budget.text
    assert "not a number" in (await bob.ask("lots")).text
    await bob.send("1.5m")
    source = await next_screen(bob)
    await bob.press(source, "Other")
    assert "Type your own option" in (await bob.reply()).text
    await bob.send("<i>LinkedIn</i> & co")
    phone = await next_screen(bob)
    summary, _ = await fill(bob, ERP, "en", phone)
    assert "Irene Smith, CFO" in summary.text
    assert "1,500,000" in summary.text or "1 500 000" in summary.text
    assert "<i>LinkedIn</i> & co" in summary.text
    assert known.text.startswith("Step 7 of")


@pytest.mark.parametrize(("locale", "name"), [("ru", "Анна"), ("en", "Ann")])
async def test_the_example_a_date_question_gives_is_accepted_months_later(
    settings_for: Callable[..., Settings], person: Callable[..., Person], locale: str, name: str
) -> None:
    clock = ManualClock(datetime(2026, 6, 1, 9, 0, tzinfo=UTC))
    author = person(47, name, language_code=locale)
    async with RunningBot(settings_for(), clock=clock):
        first = await open_form(author, "it_erp")
        deadline = await fill_until(author, ERP, locale, first, "deadline")
        example = re.search(r"(?:Например|For example): ([^,]+),", deadline.text)
        assert example is not None, deadline.text
        await author.send(example[1])
        budget = ERP.field("budget")
        assert budget is not None
        assert localized(budget.asked, locale) in (await next_screen(author)).text


@pytest.mark.parametrize(("locale", "name"), [("ru", "Анна"), ("en", "Ann")])
async def test_every_date_a_refused_date_suggests_is_accepted_years_later(
    settings_for: Callable[..., Settings], person: Callable[..., Person], locale: str, name: str
) -> None:
    clock = ManualClock(datetime(2031, 6, 1, 9, 0, tzinfo=UTC))
    author = person(46, name, language_code=locale)
    budget = ERP.field("budget")
    assert budget is not None
    async with RunningBot(settings_for(), clock=clock):
        first = await open_form(author, "it_erp")
        await fill_until(author, ERP, locale, first, "deadline")
        refused = await author.ask("someday")
        suggested = re.split(r"(?:например|for example): ", refused.text)[1].rstrip(".")
        examples = re.split(r", | или | or ", suggested)
        assert len(examples) >= 4, refused.text
        for example in examples:
            await author.send(example)
            taken = await next_screen(author)
            assert localized(budget.asked, locale) in taken.text, (example, taken.text)
            await author.press(taken, "⬅️")
            await next_screen(author)


async def test_a_time_already_past_after_the_today_button_is_refused_not_moved_to_tomorrow(
    settings_for: Callable[..., Settings], person: Callable[..., Person]
) -> None:
    clock = ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))  # Monday, 12:00 in Moscow
    kate = person(52, "Kate", language_code="en")
    async with RunningBot(settings_for(), clock=clock):
        first = await open_form(kate, "workshop_parts")
        await kate.press(first, "Part with fitting")
        visit = await fill_until(kate, PARTS, "en", await next_screen(kate), "service_visit")
        await kate.press(visit, "Today")
        assert "At what time?" in (await next_screen(kate)).text
        assert "already passed" in (await kate.ask("10:00")).text
        await kate.send("4pm")
        summary, _ = await fill(kate, PARTS, "en", await next_screen(kate))
        assert "March 2, 2026, 4:00" in summary.text


async def test_multi_choice_ticks_and_needs_at_least_one(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    bob = person(44, "Bob", language_code="en")
    countries = await fill_until(bob, CARS, "en", await open_form(bob, "car_import"), "countries")
    refusal = await bob.press(countries, "Done")
    assert refusal is not None
    assert refusal.show_alert
    await bob.press(countries, "Korea")
    await bob.press(countries, "Japan")
    await bob.press(countries, "China")
    await bob.press(countries, "China")  # pressed again: unticked
    ticked = bob.tg.transcript(44)[-1]
    labels = [b.text for row in ticked.buttons for b in row]
    assert "✅ Korea" in labels
    assert "✅ Japan" in labels
    assert "China" in labels
    await bob.press(ticked, "Done")
    summary, asked = await fill(bob, CARS, "en", await next_screen(bob))
    assert "Korea, Japan" in summary.text
    assert "countries_excluded" not in asked


async def test_date_time_by_quick_button_then_time_and_files_with_done(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    kate = person(45, "Kate", language_code="en")
    first = await open_form(kate, "workshop_parts")
    await kate.press(first, "Part with fitting")
    message = await next_screen(kate)
    message = await fill_until(kate, PARTS, "en", message, "service_visit")
    await kate.press(message, "Tomorrow")
    asks_time = await next_screen(kate)
    assert "At what time?" in asks_time.text
    await kate.send("4pm")
    message = await fill_until(kate, PARTS, "en", await next_screen(kate), "part_photos")
    assert "file or photo is needed" in (await kate.ask("here it is")).text
    await tg.send_sticker(45)
    assert "document or photo is needed" in (await kate.reply()).text
    await tg.send_photo(45)
    assert "Files received: 1" in (await kate.reply()).text
    await tg.send_document(45, "<spec>.pdf", b"%PDF-1.4")
    received = await kate.reply()
    assert "Files received: 2" in received.text
    await kate.press(received, "Done")
    link = await next_screen(kate)
    assert "doesn't look like a website" in (await kate.ask("not a link")).text
    await kate.send("example.com/ad/1")
    summary, _ = await fill(kate, PARTS, "en", await next_screen(kate))
    assert is_summary(summary)
    assert "📎 2" in summary.text
    assert "4:00" in summary.text or "16:00" in summary.text
    assert link.text.startswith("Step")


async def test_the_caption_of_a_file_sent_to_the_form_is_kept_as_a_note(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    kate = person(48, "Kate", language_code="en")
    first = await open_form(kate, "workshop_parts")
    await fill_until(kate, PARTS, "en", first, "part_photos")
    caption = "Label: <b>37106781843</b> & the old one"
    await tg.send_photo(48, caption=caption)
    received = await kate.reply()
    assert "Files received: 1" in received.text
    await kate.press(received, "Done")
    summary, _ = await fill(kate, PARTS, "en", await next_screen(kate))
    number = await submit(kate, summary)
    async with bot.app.session_factory() as session:
        notes = await Repositories(session).workspace.notes(number)
    assert [(note.text, note.author_id, note.for_author) for note in notes] == [
        (caption, 48, False)
    ]


async def test_an_answer_typed_where_a_button_is_expected_is_matched_or_explained(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    kate = person(46, "Kate", language_code="en")
    first = await open_form(kate, "workshop_parts")
    assert "no such option" in (await kate.ask("a spaceship")).text
    await kate.send("diagnostics")
    message = await next_screen(kate)
    summary, _ = await fill(kate, PARTS, "en", message, {"vin": Press("Skip")})
    assert "Diagnostics" in summary.text
    assert first.text.startswith("Step 1 of")


async def test_a_question_answered_with_a_button_keeps_the_answer_under_it(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(47, "Анна")
    question = await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "company_size")
    label = question.buttons[0][0].text
    await anna.press(question, label)
    await next_screen(anna)
    answered = next(m for m in tg.transcript(47) if m.message_id == question.message_id)
    assert answered.text.startswith(question.text.split("\n")[0])
    assert answered.text.endswith(f"✅ {label}")
    assert not answered.buttons


async def test_a_yes_answer_reads_as_a_word_and_the_step_total_does_not_grow(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(48, "Анна")
    first = await open_form(anna, "it_erp")
    question = await fill_until(anna, ERP, "ru", first, "decision_maker_known")
    assert step_of(question) == (7, 14)
    await anna.press(question, "Да")
    follow_up = await next_screen(anna)
    assert step_of(follow_up) == (8, 14)  # the question "yes" opened was counted already
    answered = next(m for m in tg.transcript(48) if m.message_id == question.message_id)
    assert answered.text.endswith("✅ Да")
    summary, _ = await fill(anna, ERP, "ru", follow_up)
    assert "Известно, кто принимает решение?\nДа" in summary.text


async def test_a_refused_text_shows_the_questions_own_example_else_a_general_one(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    kate = person(50, "Kate", language_code="en")
    await fill_until(kate, PARTS, "en", await open_form(kate, "workshop_parts"), "vin")
    too_short = await kate.ask("WDC164")
    assert "Too short" in too_short.text
    assert "for example: WDC1648221A123456" in too_short.text
    assert "John Smith" not in too_short.text
    bob = person(51, "Bob", language_code="en")
    source = await fill_until(bob, ERP, "en", await open_form(bob, "it_erp"), "lead_source")
    await bob.press(source, "Other")
    assert "Type your own option" in (await bob.reply()).text
    no_letters = await bob.ask("🙂🙂")
    assert "no letters or digits" in no_letters.text
    assert 'Use words, for example: "John Smith"' in no_letters.text


async def test_a_sticker_after_other_asks_for_the_own_option_in_text(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(53, "Анна", language_code="ru")
    source = await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "lead_source")
    await tg.send_sticker(53)
    assert "выбрать вариант кнопкой" in (await anna.reply()).text
    await anna.press(source, "Другое")
    assert "Напишите свой вариант" in (await anna.reply()).text
    await tg.send_sticker(53)
    assert "нужен ответ текстом" in (await anna.reply()).text
    await anna.send("Выставка «Стройка» & форум")
    assert "Телефон" in (await next_screen(anna)).text


async def test_a_wrong_phone_is_explained_with_one_example(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(49, "Анна")
    await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "contact_phone")
    await anna.send("позвоните Ивану")
    refused = await anna.reply()
    while "не похоже" not in refused.text:  # past the "share contact" keyboard's note
        refused = await anna.reply()
    assert refused.text.count("+7 912 345-67-89") == 1
