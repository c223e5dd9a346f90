"""Telegram fails while an update is handled: the person's input is kept all the same.

Each story breaks one Bot API call the way the real Telegram sometimes does (a 5xx, a
long flood wait, an answer lost after the call took effect, a Bad Request) and checks
that what the person saw and what the database holds agree.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest
from aiogram.types import Update

from bot.settings import Settings
from emulator import TelegramEmulator
from storage.models import UpdateStatus
from tests.e2e.failures.conftest import stored_request, update_status
from tests.e2e.intake.flow import (
    RECEIPT,
    Contact,
    fill,
    fill_until,
    give,
    next_screen,
    open_form,
    scenario,
)
from tests.harness import Person, RunningBot, update_id_of

ERP = scenario("it_erp")
APOLOGY = "Что-то пошло не так"


async def test_a_receipt_whose_answer_was_lost_names_a_request_that_exists(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(61, "Анна")
    summary, _ = await fill(anna, ERP, "ru", await open_form(anna, "it_erp"))
    tg.fail_next("sendMessage", 1, kind="lost", chat_id=61)
    await anna.press(summary, "🚀")
    receipt = await anna.reply()
    match = RECEIPT.search(receipt.text)
    assert match is not None, receipt.text
    request = await stored_request(bot, int(match[1]))
    assert request is not None
    assert request.author_id == 61
    assert not any(APOLOGY in m.text for m in tg.bot_messages(61))


async def test_a_refused_receipt_still_arrives_and_the_request_is_stored(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(62, "Анна")
    summary, _ = await fill(anna, ERP, "ru", await open_form(anna, "it_erp"))
    tg.fail_next("sendMessage", 1, kind="5xx", chat_id=62)
    await anna.press(summary, "🚀")
    receipt = await anna.reply(timeout=10)
    match = RECEIPT.search(receipt.text)
    assert match is not None, receipt.text
    assert await stored_request(bot, int(match[1])) is not None
    assert summary.buttons == []


async def test_a_refused_contact_hint_does_not_shift_the_next_answer(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(63, "Анна")
    source = await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "lead_source")
    # The phone question goes out, then the "share contact" hint is refused once.
    tg.fail_next("sendMessage", 1, kind="5xx", chat_id=63, nth=2)
    await anna.press(source, "с сайта")
    phone = await next_screen(anna, timeout=10)
    assert "Телефон" in phone.text
    await give(anna, phone, ERP.field("contact_phone"), Contact("79001234567"))
    summary, _ = await fill(anna, ERP, "ru", await next_screen(anna))
    assert "+7 900 123-45-67" in summary.text
    assert "Заявка с сайта" in summary.text


async def test_a_5xx_burst_delays_the_answer_and_the_update_is_not_failed(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(64, "Анна")
    tg.fail_next("sendMessage", 3, kind="5xx", chat_id=64)
    start = await anna.send("/start")
    greeting = await anna.reply(timeout=15)
    assert "Здравствуйте, Анна" in greeting.text
    assert await update_status(bot, update_id_of(tg, start)) == UpdateStatus.DONE


async def test_a_flood_wait_longer_than_five_seconds_is_waited_out(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(65, "Анна")
    tg.fail_next("sendMessage", 1, kind="429", retry_after=6, chat_id=65)
    started = time.monotonic()
    start = await anna.send("/start")
    greeting = await anna.reply(timeout=15)
    assert "Здравствуйте, Анна" in greeting.text
    assert time.monotonic() - started >= 6
    assert await update_status(bot, update_id_of(tg, start)) == UpdateStatus.DONE


async def test_an_update_handled_again_after_a_long_flood_wait_sends_nothing_twice(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(69, "Анна")
    source = await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "lead_source")
    before = len(tg.bot_messages(69))
    # The phone question goes out; the "share contact" hint after it meets a flood wait
    # longer than a call is retried in place, so the whole update is handled again.
    tg.fail_next("sendMessage", 1, kind="429", retry_after=6, chat_id=69, nth=2)
    answer = await tg.press(69, source, source.callback_data_of("с сайта"), timeout=15)
    assert answer is not None  # answered once, after the second try
    await bot.app.poller.drain()

    sent = tg.bot_messages(69)[before:]
    assert len(sent) == 2, [message.text for message in sent]  # not the question twice
    question, hint = sent
    assert "Телефон" in question.text
    assert "Поделиться контактом" in str(hint.markup)
    await give(anna, question, ERP.field("contact_phone"), Contact("79001234567"))
    summary, _ = await fill(anna, ERP, "ru", await next_screen(anna))
    assert "+7 900 123-45-67" in summary.text
    assert "Заявка с сайта" in summary.text


async def test_an_applied_edit_whose_answer_was_lost_does_not_stop_the_dialog(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(66, "Анна")
    size = await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "company_size")
    tg.fail_next("editMessageText", 1, kind="lost", chat_id=66)
    await anna.press(size, "16–100")
    headcount = await next_screen(anna, timeout=10)
    assert "Сколько сотрудников" in headcount.text
    assert "✅ 16–100 человек" in size.text
    assert not any(APOLOGY in m.text for m in tg.bot_messages(66))


async def test_a_failed_button_is_answered_once_with_the_apology(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(67, "Анна")
    size = await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "company_size")
    tg.fail_next("editMessageText", 1, kind="400", chat_id=67)
    answer = await anna.press(size, "16–100")
    assert answer is not None
    assert APOLOGY in (answer.text or "")
    await bot.app.poller.drain()
    answers = tg.calls_of("answerCallbackQuery")
    assert len(answers) == 1
    assert answers[0].ok


@pytest.mark.parametrize("backend", ["postgres"])
async def test_an_update_a_second_instance_starts_while_the_first_is_at_work_is_answered_once(
    database_url: str,
    settings_for: Callable[..., Settings],
    person: Callable[..., Person],
    tg: TelegramEmulator,
) -> None:
    anna = person(68, "Анна")
    async with RunningBot(settings_for(database_url=database_url)) as running:
        await anna.ask("/start")
        tg.fail_next("sendMessage", 1, kind="slow", hold=30, chat_id=68)
        sent = await anna.send("/help")
        await tg.wait_for(lambda: tg.faults.left("sendMessage") == 0, what="/help at work")
        # Another instance took the chat over meanwhile (its holder's turn ran out).
        update_id = update_id_of(tg, sent)
        _, queued = tg.world.updates[update_id]
        again = Update.model_validate(queued.data, context={"bot": running.app.bot})
        second = asyncio.create_task(running.app.poller.handle(again))
        done, _ = await asyncio.wait([second], timeout=0.3)
        assert not done  # it waits for the first to finish
        tg.release_held()
        await second
        await running.app.poller.drain()
    greeting, *help_answers = tg.bot_messages(68)
    assert "Здравствуйте, Анна" in greeting.text
    assert len(help_answers) == 1
