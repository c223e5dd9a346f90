"""getUpdates: offsets, limits, long polling, allowed_updates, redelivery."""

from __future__ import annotations

import asyncio

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramConflictError
from aiogram.types import Update

from emulator import TelegramEmulator
from tests.emulator.conftest import GROUP_ID, OTHER_USER_ID, USER_ID


async def test_updates_wait_until_confirmed_by_offset(tg: TelegramEmulator, bot: Bot) -> None:
    await tg.send_message(USER_ID, "one")
    await tg.send_message(USER_ID, "two")
    first = await bot.get_updates()
    again = await bot.get_updates()
    assert [u.update_id for u in again] == [u.update_id for u in first]
    assert first[1].update_id > first[0].update_id
    assert first[0].message is not None
    assert first[0].message.text == "one"
    assert first[1].message is not None
    assert first[1].message.message_id > first[0].message.message_id
    rest = await bot.get_updates(offset=first[0].update_id + 1)
    assert [u.message.text for u in rest if u.message] == ["two"]
    assert await bot.get_updates(offset=first[1].update_id + 1) == []


async def test_limit_and_negative_offset(tg: TelegramEmulator, bot: Bot) -> None:
    for number in range(5):
        await tg.send_message(USER_ID, str(number))
    assert len(await bot.get_updates(limit=2)) == 2
    last_two = await bot.get_updates(offset=-2)
    assert [u.message.text for u in last_two if u.message] == ["3", "4"]


async def test_long_poll_returns_as_soon_as_an_update_arrives(
    tg: TelegramEmulator, bot: Bot
) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    poll = asyncio.create_task(bot.get_updates(timeout=20))
    await tg.wait_for(lambda: tg.bot.queue.waiting_polls, what="a waiting long poll")
    await tg.send_message(USER_ID, "wake up")
    updates = await asyncio.wait_for(poll, 5)
    assert [u.message.text for u in updates if u.message] == ["wake up"]
    assert loop.time() - started < 5


async def test_long_poll_times_out_empty(bot: Bot) -> None:
    assert await bot.get_updates(timeout=1) == []


async def test_a_newer_poll_terminates_the_older_one(tg: TelegramEmulator, bot: Bot) -> None:
    older = asyncio.create_task(bot.get_updates(timeout=20))
    await tg.wait_for(lambda: tg.bot.queue.waiting_polls, what="a waiting long poll")
    newer = asyncio.create_task(bot.get_updates(timeout=20))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await asyncio.wait_for(older, 5)
    await tg.send_message(USER_ID, "for the newer one")
    assert len(await asyncio.wait_for(newer, 5)) == 1


async def test_allowed_updates_filter_types(tg: TelegramEmulator, bot: Bot) -> None:
    tg.add_user(3003, "Petr")
    await tg.join(GROUP_ID, 3003)
    default = await bot.get_updates()
    assert {u.event_type for u in default} == {"message"}  # chat_member is opt-in
    with_members = await bot.get_updates(allowed_updates=["message", "chat_member"])
    assert {u.event_type for u in with_members} == {"message", "chat_member"}
    only_members = await bot.get_updates(allowed_updates=["chat_member"])
    assert [u.event_type for u in only_members] == ["chat_member"]


async def test_redeliver_replays_a_confirmed_update(tg: TelegramEmulator, bot: Bot) -> None:
    await tg.send_message(USER_ID, "once")
    [update] = await bot.get_updates()
    assert await bot.get_updates(offset=update.update_id + 1) == []
    tg.redeliver(update.update_id)
    [replayed] = await bot.get_updates(offset=update.update_id + 1)
    assert replayed.update_id == update.update_id
    assert replayed.message is not None
    assert replayed.message.text == "once"


async def test_every_update_validates_as_aiogram_update(tg: TelegramEmulator, bot: Bot) -> None:
    await tg.send_message(USER_ID, "/start@presale_desk_bot")
    await tg.send_contact(USER_ID, "+79990001122")
    await tg.send_document(USER_ID, "brief.pdf", b"%PDF-1.4")
    await tg.send_photo(USER_ID, caption="site")
    await tg.send_sticker(USER_ID)
    await tg.send_voice(USER_ID)
    await tg.send_location(USER_ID, 55.75, 37.61)
    await tg.send_poll(OTHER_USER_ID, "When?", ["Mon", "Tue"], chat_id=GROUP_ID)
    await tg.send_raw_message(USER_ID, {"dice": {"emoji": "🎲", "value": 3}})
    sent = await bot.send_message(USER_ID, "pick", reply_markup=None)
    await tg.press(USER_ID, tg.transcript(USER_ID)[-1], "forged", wait=False)
    await tg.edit_message(USER_ID, tg.transcript(USER_ID)[0], "/help")
    tg.block(USER_ID)
    await tg.leave(GROUP_ID, USER_ID)
    raw = [update.data for _, update in tg.world.updates.values()]
    parsed = [Update.model_validate(data) for data in raw]
    assert [u.event_type for u in parsed] == [
        *["message"] * 9,
        "callback_query",
        "edited_message",
        "my_chat_member",
        "message",
        "chat_member",
    ]
    command = parsed[0].message
    assert command is not None
    assert command.entities is not None
    assert command.entities[0].type == "bot_command"
    assert parsed[1].message is not None
    assert parsed[1].message.contact is not None
    assert parsed[1].message.contact.user_id == USER_ID
    assert sent.message_id > 0
