"""Webhook mode: delivery by POST with the secret header, redelivery, 409 on getUpdates."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import TelegramBadRequest, TelegramConflictError
from aiogram.types import Update
from aiohttp import web

from emulator import RetryPolicy, TelegramEmulator
from tests.emulator.conftest import OTHER_USER_ID, USER_ID


@dataclass
class Receiver:
    """A tiny webhook endpoint that records requests and answers with planned statuses."""

    url: str = ""
    received: list[tuple[dict[str, Any], str | None]] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    reply: dict[str, Any] | None = None

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.received.append((body, request.headers.get("X-Telegram-Bot-Api-Secret-Token")))
        status = self.statuses.pop(0) if self.statuses else 200
        if status == 200 and self.reply is not None:
            reply, self.reply = self.reply, None
            return web.json_response(reply)
        return web.Response(status=status)


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    endpoint = Receiver()
    app = web.Application()
    app.router.add_post("/hook", endpoint.handle)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    endpoint.url = f"http://{host}:{port}/hook"
    yield endpoint
    await runner.cleanup()


async def test_updates_are_posted_with_the_secret_header(
    tg: TelegramEmulator, bot: Bot, receiver: Receiver
) -> None:
    assert await bot.set_webhook(receiver.url, secret_token="s3cret")
    await tg.send_message(USER_ID, "via webhook")
    await tg.wait_for(lambda: tg.stats.webhook_deliveries == 1, what="one delivery")
    [(body, secret)] = receiver.received
    assert secret == "s3cret"
    update = Update.model_validate(body)
    assert update.message is not None
    assert update.message.text == "via webhook"
    info = await bot.get_webhook_info()
    assert info.url == receiver.url
    assert info.pending_update_count == 0


async def test_getupdates_conflicts_while_a_webhook_is_set(
    tg: TelegramEmulator, bot: Bot, receiver: Receiver
) -> None:
    await bot.set_webhook(receiver.url)
    with pytest.raises(TelegramConflictError, match="webhook is active"):
        await bot.get_updates()
    await bot.delete_webhook()
    assert (await bot.get_webhook_info()).url == ""
    assert await bot.get_updates() == []


async def test_failed_delivery_is_retried_until_the_bot_answers_2xx(
    tg: TelegramEmulator, bot: Bot, receiver: Receiver
) -> None:
    receiver.statuses = [500, 502]
    await bot.set_webhook(receiver.url)
    await tg.send_message(USER_ID, "retry me")
    await tg.wait_for(lambda: tg.stats.webhook_deliveries == 1, what="delivery after retries")
    ids = [body["update_id"] for body, _ in receiver.received]
    assert len(ids) == 3
    assert len(set(ids)) == 1
    assert tg.stats.webhook_failures == 2
    info = await bot.get_webhook_info()
    assert info.last_error_message == "Wrong response from the webhook: 502 Bad Gateway"


async def test_retries_are_bounded(receiver: Receiver) -> None:
    async with TelegramEmulator(webhook_retry=RetryPolicy(attempts=3, first_delay=0.01)) as tg:
        tg.add_user(USER_ID, "Ivan")
        raw_bot = Bot(tg.bot_token, session=AiohttpSession(api=tg.api_server))
        receiver.statuses = [500] * 5
        await raw_bot.set_webhook(receiver.url)
        await tg.send_message(USER_ID, "doomed")
        await tg.send_message(USER_ID, "next")
        await tg.wait_for(lambda: tg.stats.webhook_deliveries == 1, what="second delivered")
        texts = [body["message"]["text"] for body, _ in receiver.received]
        assert texts == ["doomed"] * 3 + ["next"] * 3
        assert tg.stats.webhook_failures == 5
        await raw_bot.session.close()


async def test_drop_pending_updates(tg: TelegramEmulator, bot: Bot, receiver: Receiver) -> None:
    await tg.send_message(USER_ID, "old")
    await bot.set_webhook(receiver.url, drop_pending_updates=True)
    await tg.send_message(USER_ID, "new")
    await tg.wait_for(lambda: tg.stats.webhook_deliveries == 1, what="one delivery")
    assert [body["message"]["text"] for body, _ in receiver.received] == ["new"]
    await bot.delete_webhook()
    await tg.send_message(USER_ID, "pending")
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == []


async def test_a_method_in_the_webhook_answer_is_executed(
    tg: TelegramEmulator, bot: Bot, receiver: Receiver
) -> None:
    receiver.reply = {"method": "sendMessage", "chat_id": USER_ID, "text": "replied inline"}
    await bot.set_webhook(receiver.url)
    await tg.send_message(USER_ID, "hi")
    reply = await tg.next_bot_message(USER_ID)
    assert reply.text == "replied inline"
    assert json.dumps(receiver.received[0][0])


@pytest.mark.parametrize(
    ("url", "secret", "refusal"),
    [
        ("ftp://bot.example.com/hook", None, "An HTTPS URL must be provided"),
        ("https://bot.example.com:8080/hook", None, "only on ports 80, 88, 443 or 8443"),
        ("https://bot.example.com/hook", "token:with/colon+", "unallowed characters"),
    ],
)
async def test_set_webhook_refuses_what_telegram_refuses_and_keeps_the_old_one(
    bot: Bot, receiver: Receiver, url: str, secret: str | None, refusal: str
) -> None:
    await bot.set_webhook(receiver.url)
    with pytest.raises(TelegramBadRequest, match=refusal):
        await bot.set_webhook(url, secret_token=secret)
    assert (await bot.get_webhook_info()).url == receiver.url
    assert await bot.set_webhook("https://bot.example.com:8443/hook", secret_token="a-Z_9")


@dataclass
class HeldReceiver:
    """A webhook endpoint that keeps each request open until the test lets them all go."""

    url: str = ""
    gate: asyncio.Event = field(default_factory=asyncio.Event)
    open: list[str] = field(default_factory=list)
    events: list[tuple[str, str]] = field(default_factory=list)

    async def handle(self, request: web.Request) -> web.Response:
        text = (await request.json())["message"]["text"]
        self.open.append(text)
        self.events.append(("arrived", text))
        await self.gate.wait()
        self.open.remove(text)
        self.events.append(("answered", text))
        return web.Response()


async def test_chats_are_delivered_side_by_side_up_to_max_connections_each_in_order(
    tg: TelegramEmulator, bot: Bot
) -> None:
    third = 1003
    tg.add_user(third, "Petr")
    endpoint = HeldReceiver()
    app = web.Application()
    app.router.add_post("/hook", endpoint.handle)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    host, port = runner.addresses[0][:2]
    try:
        assert await bot.set_webhook(f"http://{host}:{port}/hook", max_connections=2)
        await tg.send_message(USER_ID, "first of Ivan")
        await tg.send_message(USER_ID, "second of Ivan")
        await tg.send_message(OTHER_USER_ID, "first of Olga")
        await tg.send_message(third, "first of Petr")
        await tg.wait_for(lambda: len(endpoint.open) == 2, what="two deliveries at once")
        assert sorted(endpoint.open) == ["first of Ivan", "first of Olga"]
        assert (await bot.get_webhook_info()).pending_update_count == 4
        endpoint.gate.set()
        await tg.wait_for(lambda: tg.stats.webhook_deliveries == 4, what="every delivery")
        arrived = [text for event, text in endpoint.events if event == "arrived"]
        assert sorted(arrived) == sorted(
            ["first of Ivan", "second of Ivan", "first of Olga", "first of Petr"]
        )
        events = endpoint.events
        assert events.index(("arrived", "second of Ivan")) > events.index(
            ("answered", "first of Ivan")
        )
        assert (await bot.get_webhook_info()).pending_update_count == 0
    finally:
        await runner.cleanup()
