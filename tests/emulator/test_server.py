"""The HTTP surface: routing, tokens, body encodings, planned failures, the call log."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    ChatFullInfo,
    Message,
    User,
    WebhookInfo,
)

from emulator import TelegramEmulator
from tests.emulator.conftest import GROUP_ID, USER_ID


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def test_get_me_validates_as_user(bot: Bot) -> None:
    me = await bot.get_me()
    assert isinstance(me, User)
    assert me.username == "presale_desk_bot"
    assert me.is_bot


async def test_unknown_method_is_404_exactly_like_telegram(
    tg: TelegramEmulator, http: aiohttp.ClientSession
) -> None:
    async with http.post(f"{tg.base_url}/bot{tg.bot_token}/sendTeleport") as response:
        assert response.status == 404
        assert await response.json() == {
            "ok": False,
            "error_code": 404,
            "description": "Not Found",
        }


async def test_wrong_token_is_401(tg: TelegramEmulator, http: aiohttp.ClientSession) -> None:
    async with http.get(f"{tg.base_url}/bot1:WRONG/getMe") as response:
        assert response.status == 401
        assert (await response.json())["description"] == "Unauthorized"
    session = AiohttpSession(api=tg.api_server)
    with pytest.raises(TelegramUnauthorizedError):
        await Bot("1:WRONG", session=session).get_me()
    await session.close()


async def test_parameters_arrive_as_json_form_or_multipart(
    tg: TelegramEmulator, http: aiohttp.ClientSession
) -> None:
    url = f"{tg.base_url}/bot{tg.bot_token}/sendMessage"
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    async with http.post(
        url, json={"chat_id": USER_ID, "text": "json", "reply_markup": markup}
    ) as response:
        assert (await response.json())["ok"]
    async with http.post(
        url, data={"chat_id": str(USER_ID), "text": "form", "reply_markup": json.dumps(markup)}
    ) as response:
        assert (await response.json())["ok"]
    form = aiohttp.FormData()
    form.add_field("chat_id", str(USER_ID))
    form.add_field("text", "multipart")
    form.add_field("reply_markup", json.dumps(markup))
    form.add_field("unused", b"bytes", filename="x.bin")
    async with http.post(url, data=form) as response:
        body = await response.json()
        assert body["ok"]
        Message.model_validate(body["result"])
    async with http.get(url, params={"chat_id": str(USER_ID), "text": "query"}) as response:
        assert (await response.json())["ok"]
    texts = [m.text for m in tg.transcript(USER_ID)]
    assert texts == ["json", "form", "multipart", "query"]
    assert all(m.buttons for m in tg.transcript(USER_ID)[:3])


async def test_method_names_ignore_case(tg: TelegramEmulator, http: aiohttp.ClientSession) -> None:
    async with http.post(f"{tg.base_url}/bot{tg.bot_token}/GETME") as response:
        assert (await response.json())["result"]["username"] == "presale_desk_bot"
    assert tg.calls[-1].method == "getMe"


async def test_planned_failures(tg: TelegramEmulator, bot: Bot) -> None:
    tg.fail_next("sendMessage", 1, kind="5xx")
    with pytest.raises(TelegramServerError):
        await bot.send_message(USER_ID, "x")
    tg.fail_next("sendMessage", 1, kind="429", retry_after=7)
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(USER_ID, "x")
    assert caught.value.retry_after == 7
    assert tg.stats.too_many_requests == 1
    tg.fail_next("sendMessage", 1, kind="timeout", hold=5)
    with pytest.raises(TelegramNetworkError, match="timeout"):
        await bot.send_message(USER_ID, "x", request_timeout=1)
    sent = await bot.send_message(USER_ID, "finally")
    assert sent.text == "finally"
    assert [m.text for m in tg.transcript(USER_ID)] == ["finally"]


async def test_a_slow_answer_shows_the_message_first_and_answers_when_released(
    tg: TelegramEmulator, bot: Bot
) -> None:
    tg.fail_next("sendMessage", 1, kind="slow", hold=60, chat_id=USER_ID)
    sending = asyncio.create_task(bot.send_message(USER_ID, "on screen before the answer"))
    shown = await tg.wait_for(lambda: tg.transcript(USER_ID), what="the message")
    assert not sending.done()
    tg.release_held()
    sent = await sending
    assert sent.message_id == shown[0].message_id


async def test_a_lost_answer_takes_effect_and_an_aimed_fault_hits_only_its_call(
    tg: TelegramEmulator, bot: Bot
) -> None:
    tg.add_user(USER_ID + 1, "Olga")
    tg.fail_next("sendMessage", 1, kind="lost")
    with pytest.raises(TelegramServerError, match="Bad Gateway"):
        await bot.send_message(USER_ID, "delivered")
    assert [m.text for m in tg.transcript(USER_ID)] == ["delivered"]
    tg.fail_next("sendMessage", 1, kind="400", chat_id=USER_ID + 1, nth=2)
    await bot.send_message(USER_ID, "not counted: another chat")
    await bot.send_message(USER_ID + 1, "first")
    with pytest.raises(TelegramBadRequest, match="planned failure"):
        await bot.send_message(USER_ID + 1, "second")
    await bot.send_message(USER_ID + 1, "third")
    assert [m.text for m in tg.transcript(USER_ID + 1)] == ["first", "third"]


async def test_call_log_records_params_and_outcome(tg: TelegramEmulator, bot: Bot) -> None:
    await bot.send_message(USER_ID, "logged")
    call = await tg.wait_for_call("sendMessage")
    assert call.ok
    assert call.params["text"] == "logged"
    assert call.params["chat_id"] == str(USER_ID)
    with pytest.raises(Exception, match="chat not found"):
        await bot.send_message(5, "nowhere")
    failed = await tg.wait_for_call("sendMessage")
    assert not failed.ok
    assert failed.error_code == 400
    assert failed.description == "Bad Request: chat not found"


async def test_commands_are_stored_per_scope_and_language(tg: TelegramEmulator, bot: Bot) -> None:
    commands = [BotCommand(command="start", description="Start")]
    assert await bot.set_my_commands(commands)
    assert await bot.set_my_commands(
        [BotCommand(command="report", description="Отчёт")],
        scope=BotCommandScopeAllGroupChats(),
        language_code="ru",
    )
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    assert await bot.get_my_commands(scope=BotCommandScopeAllGroupChats()) == []
    in_groups = await bot.get_my_commands(scope=BotCommandScopeAllGroupChats(), language_code="ru")
    assert [(c.command, c.description) for c in in_groups] == [("report", "Отчёт")]
    assert tg.commands({"type": "all_group_chats"}, "ru") == [
        {"command": "report", "description": "Отчёт"}
    ]
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == []


async def test_misc_methods(tg: TelegramEmulator, bot: Bot) -> None:
    assert await bot.send_chat_action(USER_ID, "typing")
    assert await bot.close()
    assert await bot.log_out()
    info = await bot.get_webhook_info()
    assert isinstance(info, WebhookInfo)
    chat = await bot.get_chat(GROUP_ID)
    assert isinstance(chat, ChatFullInfo)
    private = await bot.get_chat(USER_ID)
    assert private.first_name == "Ivan"


async def test_held_requests_are_released_when_the_emulator_stops() -> None:
    async with TelegramEmulator() as tg:
        tg.add_user(USER_ID, "Ivan")
        tg.fail_next("getMe", 1, kind="timeout", hold=60)
        session = AiohttpSession(api=tg.api_server)
        pending = asyncio.create_task(Bot(tg.bot_token, session=session).get_me())
        await tg.wait_for(lambda: True)
    with pytest.raises(TelegramNetworkError):
        await asyncio.wait_for(pending, 5)
    await session.close()
