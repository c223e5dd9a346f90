"""Drafts across restarts, the one reminder, duplicates, and /my with its pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import StorageKey

from bot.settings import Settings
from domain.clock import ManualClock
from storage.repositories.holder import Repositories
from storage.repositories.requests import NewAnswer
from tests.conftest import ADMIN_ID
from tests.e2e.intake.flow import (
    Contact,
    fill,
    fill_until,
    next_screen,
    open_form,
    scenario,
    step_of,
    submit,
)
from tests.harness import Person, RunningBot

ERP = scenario("it_erp")


async def test_the_dialog_continues_at_the_same_question_after_a_restart(
    settings_for: Callable[..., Settings], person: Callable[..., Person]
) -> None:
    settings = settings_for()
    anna = person(51, "Анна", language_code="ru")
    async with RunningBot(settings):
        third = await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "company_size")
        assert step_of(third) == (3, 14)
    async with RunningBot(settings):
        await anna.press(third, "до 15")
        fourth = await next_screen(anna)
        assert step_of(fourth) == (4, 14)
        summary, asked = await fill(anna, ERP, "ru", fourth)
        assert asked[0] == "headcount"
        assert "ООО «Ромашка»" in summary.text
        assert "до 15 человек" in summary.text
        assert await submit(anna, summary) == 1


async def test_a_draft_at_a_question_the_form_no_longer_has_keeps_its_answers(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(57, "Анна", language_code="ru")
    third = await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "company_size")
    # An unknown button is answered once the chat's earlier updates are committed.
    await anna.tg.press(57, third, "zz:settle")
    # The draft as an earlier release of the form left it: at a question since removed.
    app = bot.app
    state = FSMContext(app.fsm_storage, StorageKey(app.bot.id, 57, 57))
    data = await state.get_data()
    data["intake"]["field_id"] = "office_count"
    await state.set_data(data)
    assert "Форма заявки изменилась" in (await anna.ask("три офиса")).text
    size = await next_screen(anna)
    assert step_of(size) == (3, 14)
    summary, asked = await fill(anna, ERP, "ru", size)
    assert asked[0] == "company_size"
    assert "ООО «Ромашка»" in summary.text


async def test_an_abandoned_draft_gets_exactly_one_reminder(
    settings_for: Callable[..., Settings], person: Callable[..., Person]
) -> None:
    clock = ManualClock()
    settings = settings_for(draft_reminder_minutes=30)
    anna = person(52, "Анна", language_code="ru")
    async with RunningBot(settings, clock=clock) as running:
        second = await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "industry")
        reminders = running.app.draft_reminders
        assert await reminders.remind_abandoned_drafts() == 0
        clock.advance(minutes=31)
        reminder = await anna.reply()
        assert "не закончили" in reminder.text
        clock.advance(hours=5)
        assert await reminders.remind_abandoned_drafts() == 0
        assert await reminders.remind_abandoned_drafts(clock.now() + timedelta(days=1)) == 0
        await anna.press(reminder, "Продолжить")
        again = await next_screen(anna)
        assert step_of(again) == step_of(second)
        sent = [m for m in anna.tg.bot_messages(52) if "не закончили" in m.text]
        assert len(sent) == 1


async def test_a_draft_left_in_the_evening_is_reminded_about_in_the_morning(
    settings_for: Callable[..., Settings], person: Callable[..., Person]
) -> None:
    evening = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)  # Monday, 19:00 in Moscow
    clock = ManualClock(evening)
    settings = settings_for(draft_reminder_minutes=30)
    anna = person(58, "Анна", language_code="ru")
    async with RunningBot(settings, clock=clock) as running:
        await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "industry")
        reminders = running.app.draft_reminders
        assert await reminders.remind_abandoned_drafts(evening + timedelta(minutes=31)) == 0
        assert await reminders.remind_abandoned_drafts(evening + timedelta(hours=5)) == 0
        morning = evening + timedelta(hours=14, minutes=5)  # Tuesday, 09:05 in Moscow
        assert await reminders.remind_abandoned_drafts(morning) == 1
        assert "не закончили" in (await anna.reply()).text


async def test_a_request_about_a_known_client_warns_a_team_member_naming_it(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna, boris = person(53, "Анна", language_code="ru"), person(ADMIN_ID, "Борис")
    summary, _ = await fill(anna, ERP, "ru", await open_form(anna, "it_erp"))
    assert await submit(anna, summary) == 1
    # Another company name, the same phone typed differently.
    summary, _ = await fill(
        boris,
        ERP,
        "ru",
        await open_form(boris, "it_erp"),
        {"company_name": "Вектор", "contact_phone": Contact("+7 (912) 345 67 89")},
    )
    await boris.press(summary, "🚀")
    warning = await boris.reply()
    assert "#1" in warning.text
    assert "Автор: Анна" in warning.text
    assert "пока никто" in warning.text
    await boris.press(warning, "Вернуться к заявке")
    summary = await next_screen(boris)
    await boris.press(summary, "🚀")
    warning = await boris.reply()
    await boris.press(warning, "Всё равно отправить")
    assert "#2" in (await boris.reply()).text


async def test_a_duplicate_can_be_dropped(bot: RunningBot, person: Callable[..., Person]) -> None:
    kate, john = person(55, "Kate", language_code="en"), person(56, "John", language_code="en")
    summary, _ = await fill(kate, ERP, "en", await open_form(kate, "it_erp"))
    await submit(kate, summary)
    summary, _ = await fill(
        john, ERP, "en", await open_form(john, "it_erp"), {"contact_phone": "+7 900 000-00-01"}
    )
    await john.press(summary, "🚀")
    warning = await john.reply()
    # the same company name; John is outside the team, so he is told nothing more
    assert warning.text.startswith("⚠️ This client is already being handled by our team.")
    assert "#1" not in warning.text
    assert "Kate" not in warning.text
    await john.press(warning, "Drop")
    assert "nothing was submitted" in (await john.reply()).text
    assert "no requests yet" in (await john.ask("/my")).text


async def test_my_requests_are_listed_newest_first_five_a_page(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(57, "Анна", language_code="ru")
    assert "пока нет заявок" in (await anna.ask("/my")).text
    async with bot.app.session_factory() as session:
        repo = Repositories(session)
        for index in range(6):
            await repo.requests.create(
                scenario_id="it_erp",
                scenario_version=1,
                author_id=57,
                client_name=f"Клиент {index + 1}",
                answers=[NewAnswer("company_name", f"Клиент {index + 1}", f"Клиент {index + 1}")],
            )
        await session.commit()
    first = await anna.ask("/my")
    assert "страница 1 из 2" in first.text
    assert first.text.index("Клиент 6") < first.text.index("Клиент 2")
    assert "Клиент 1" not in first.text
    assert "ждёт эксперта" in first.text
    assert first.button("1 / 2").disabled
    await anna.press(first, "Старше")
    second = anna.tg.transcript(57)[-1]
    assert second.button("2 / 2").disabled
    assert second.message_id == first.message_id
    assert "Клиент 1" in second.text
    assert "Клиент 6" not in second.text
    await anna.press(second, "Новее")
    assert "Клиент 6" in anna.tg.transcript(57)[-1].text


async def test_a_reminder_of_a_discarded_draft_leaves_the_newer_draft_alone(
    settings_for: Callable[..., Settings], person: Callable[..., Person]
) -> None:
    clock = ManualClock()
    anna = person(58, "Анна", language_code="ru")
    async with RunningBot(settings_for(draft_reminder_minutes=30), clock=clock):
        await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "industry")
        clock.advance(minutes=31)
        reminder = await anna.reply()
        assert "не закончили" in reminder.text
        offer = await anna.ask("/new")
        await anna.press(offer, "Удалить черновик")
        assert "Черновик удалён" in (await anna.reply()).text
        await anna.press(await anna.reply(), "ERP")
        newer = await fill_until(anna, ERP, "ru", await next_screen(anna), "industry")
        answer = await anna.press(reminder, "Удалить черновик")
        assert answer is not None
        assert answer.show_alert
        await anna.send("Строительство")
        assert step_of(await next_screen(anna)) == (3, 14)
        assert step_of(newer) == (2, 14)
