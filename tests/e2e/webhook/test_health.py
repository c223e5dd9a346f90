"""/healthz, /readyz and /metrics on the webhook's server."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy.engine import make_url

from bot.runner import WebhookBot
from emulator import TelegramEmulator
from storage.repositories.holder import Repositories
from tests.e2e.webhook.conftest import base_url, free_port, samples
from tests.harness import Person
from tests.process import BotProcess
from tests.storage.fixtures import drop_postgres_database


async def test_health_and_readiness_while_everything_works(
    webhook_bot: WebhookBot, http: aiohttp.ClientSession
) -> None:
    async with http.get(f"{base_url(webhook_bot)}/healthz") as response:
        assert response.status == 200
    async with http.get(f"{base_url(webhook_bot)}/readyz") as response:
        assert response.status == 200
        assert json.loads(await response.text()) == {"database": "ok", "scheduler": "ok"}


@pytest.mark.parametrize("backend", ["postgres"])
async def test_readiness_fails_while_the_database_is_down_and_health_does_not(
    database_url: str, webhook_bot: WebhookBot, http: aiohttp.ClientSession
) -> None:
    await drop_postgres_database(str(make_url(database_url).database))

    async with http.get(f"{base_url(webhook_bot)}/readyz") as response:
        assert response.status == 503
        checks = json.loads(await response.text())
    assert checks["database"] != "ok"
    assert checks["scheduler"] == "ok"
    async with http.get(f"{base_url(webhook_bot)}/healthz") as response:
        assert response.status == 200


async def test_metrics_count_updates_sends_429s_and_the_backlog(
    tg: TelegramEmulator, webhook_bot: WebhookBot, http: aiohttp.ClientSession
) -> None:
    tg.add_user(41, "Алиса")
    alice = Person(tg, 41)
    await alice.ask("/start")
    tg.fail_next("sendMessage", kind="429", retry_after=1)
    await alice.ask("/help")  # refused once, sent again after the wait
    async with webhook_bot.app.session_factory() as session:
        later = datetime.now(UTC) + timedelta(hours=1)
        await Repositories(session).outbox.add(chat_id=41, text="later", not_before=later)
        await session.commit()

    handled = ("presale_updates_total", (("result", "handled"),))
    # The answer to /help can arrive before its update is counted: a handler answers, then
    # commits. Read the page until the count shows both (a few reads at most).
    deadline = asyncio.get_running_loop().time() + 10
    while True:
        async with http.get(f"{base_url(webhook_bot)}/metrics") as response:
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("text/plain")
            found = samples(await response.text())
        if found[handled] >= 2 or asyncio.get_running_loop().time() > deadline:
            break
        await asyncio.sleep(0.05)

    assert found[handled] == 2
    assert found[("presale_updates_total", (("result", "failed"),))] == 0
    assert found[("presale_handler_seconds_count", ())] == 2
    assert found[("presale_telegram_sends_total", (("result", "ok"),))] >= 2
    assert found[("presale_telegram_sends_total", (("result", "retry_after"),))] == 1
    assert found[("presale_telegram_429_total", ())] == 1
    assert found[("presale_outbox_depth", ())] == 1
    assert 0 <= found[("presale_outbox_oldest_age_seconds", ())] < 60
    assert found[("presale_reminders_due", ())] == 0
    assert found[("presale_reminders_late", ())] == 0
    assert found[("presale_inbox_waiting", ())] == 0  # both updates handled
    assert found[("presale_inbox_oldest_age_seconds", ())] == 0


async def test_a_polling_bot_serves_health_and_metrics_on_its_own_port(
    tg: TelegramEmulator, tmp_path: Path, http: aiohttp.ClientSession
) -> None:
    port = free_port()
    process = BotProcess(tg, tmp_path, HEALTH_PORT=str(port), LISTEN_HOST="127.0.0.1")
    await process.start()
    try:
        tg.add_user(42, "Boris", language_code="en")
        await Person(tg, 42).ask("/start")
        address = f"http://127.0.0.1:{port}"
        async with http.get(f"{address}/readyz") as response:
            assert response.status == 200
        async with http.get(f"{address}/metrics") as response:
            found = samples(await response.text())
        assert found[("presale_updates_total", (("result", "handled"),))] == 1
    finally:
        await process.terminate()
