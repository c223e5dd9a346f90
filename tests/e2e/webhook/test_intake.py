"""Webhook mode: Telegram's posts are checked, recorded once, answered, then handled."""

from __future__ import annotations

import json

import aiohttp
import pytest
from sqlalchemy import text

from bot.runner import WebhookBot
from emulator import TelegramEmulator
from storage.models import UpdateStatus
from storage.repositories.holder import Repositories
from tests.e2e.webhook.conftest import SECRET
from tests.harness import Person, update_id_of


async def test_the_bot_registers_its_webhook_and_answers_through_it(
    tg: TelegramEmulator, webhook_bot: WebhookBot
) -> None:
    [call] = tg.calls_of("setWebhook")
    assert call.params["url"] == webhook_bot.url
    assert call.params["secret_token"] == SECRET
    assert {"message", "callback_query"} <= set(json.loads(call.params["allowed_updates"]))
    assert call.params["drop_pending_updates"] == "false"
    tg.add_user(31, "Алиса")

    greeting = await Person(tg, 31).ask("/start")

    assert "Здравствуйте, Алиса" in greeting.text
    assert tg.stats.webhook_deliveries == 1
    assert not tg.calls_of("getUpdates")


async def test_an_update_is_kept_in_the_inbox_as_telegram_posted_it(
    webhook_bot: WebhookBot, http: aiohttp.ClientSession
) -> None:
    body = (
        '{"update_id": 778, "message": {"message_id": 1, "date": 0,'
        ' "chat": {"id": 6, "type": "private"}, "text": "/help",'
        ' "some_field_of_a_newer_api": {"kept": true}}}'
    )
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}

    async with http.post(webhook_bot.url, data=body, headers=headers) as response:
        assert response.status == 200

    async with webhook_bot.app.session_factory() as session:
        [stored] = (
            await session.execute(text("SELECT payload FROM inbox WHERE update_id = 778"))
        ).scalars()
    assert stored == body


@pytest.mark.parametrize("header", [None, "wrong-secret"])
async def test_a_post_without_the_secret_is_refused_and_not_recorded(
    webhook_bot: WebhookBot, http: aiohttp.ClientSession, header: str | None
) -> None:
    headers = {} if header is None else {"X-Telegram-Bot-Api-Secret-Token": header}
    update = {
        "update_id": 777,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": 5, "type": "private"},
            "text": "/start",
        },
    }

    async with http.post(webhook_bot.url, json=update, headers=headers) as response:
        assert response.status == 403

    async with webhook_bot.app.session_factory() as session:
        assert await Repositories(session).updates.status(777) is None


async def test_a_redelivered_update_is_handled_once(
    tg: TelegramEmulator, webhook_bot: WebhookBot
) -> None:
    tg.add_user(32, "Boris", language_code="en")
    boris = Person(tg, 32)
    start = await boris.send("/start")
    await boris.reply()

    tg.redeliver(update_id_of(tg, start))
    await tg.wait_for(lambda: tg.stats.webhook_deliveries == 2, what="the redelivery")
    help_reply = await boris.ask("/help")  # handled after the redelivery was answered

    assert help_reply.text.startswith("Commands")
    greetings = [m for m in tg.transcript(32) if m.from_bot and "Hello" in m.text]
    assert len(greetings) == 1
    async with webhook_bot.app.session_factory() as session:
        assert (
            await Repositories(session).updates.status(update_id_of(tg, start))
            == UpdateStatus.DONE
        )


@pytest.mark.postgres
async def test_an_update_that_could_not_be_recorded_is_answered_500_and_retried(
    tg: TelegramEmulator, database_url: str, webhook_bot: WebhookBot
) -> None:
    tg.add_user(33, "Вера")
    engine = webhook_bot.app.engine
    async with engine.begin() as connection:
        await connection.execute(text("ALTER TABLE inbox RENAME TO inbox_away"))

    await tg.send_message(33, "/start")
    await tg.wait_for(lambda: tg.stats.webhook_failures >= 1, what="the bot to answer 500")
    assert tg.world.bots[tg.bot_token].webhook.last_error_message.endswith(
        "500 Internal Server Error"
    )
    async with engine.begin() as connection:
        await connection.execute(text("ALTER TABLE inbox_away RENAME TO inbox"))

    greeting = await Person(tg, 33).reply(timeout=10)
    assert "Здравствуйте, Вера" in greeting.text
    assert tg.stats.webhook_deliveries == 1
