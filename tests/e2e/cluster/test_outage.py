"""Redis goes away under the bot: one line per loop, the admins told, and nothing lost."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from emulator import TelegramEmulator
from tests.e2e.cluster.conftest import Cluster
from tests.e2e.cluster.instances import eventually, logs, replies_in_order
from tests.e2e.cluster.relay import TcpRelay, relay_to
from tests.e2e.webhook.conftest import samples
from tests.process import BotProcess
from tests.storage.fixtures import REDIS_URL

GUEST = 62_000
ADMIN = 62_001


@pytest.fixture
async def relay() -> AsyncIterator[TcpRelay]:
    async with relay_to(REDIS_URL) as relay:
        yield relay


async def test_a_redis_outage_is_logged_once_and_the_update_that_waited_is_handled_after_it(
    tg: TelegramEmulator, relay: TcpRelay, cluster: Cluster
) -> None:
    tg.add_user(GUEST, "Гость")
    (instance,) = await cluster(1, REDIS_URL=relay.url(REDIS_URL))
    await tg.send_message(GUEST, "/start")
    await tg.wait_for(lambda: replies_in_order(tg, GUEST) == ["/start"], what="the greeting")

    relay.cut()
    await tg.send_message(GUEST, "/help")  # recorded in the inbox; its chat's turn is in Redis

    async def tried_for_a_while() -> bool:
        return relay.refused >= 5  # the sweep offers the chat again, beat after beat

    await eventually(tried_for_a_while, timeout=30, what="the instance retrying Redis")
    async with (
        aiohttp.ClientSession() as http,
        http.get(instance.url.replace("/telegram", "/readyz")) as ready,
    ):
        assert ready.status == 503
    relay.restore()

    await tg.wait_for(
        lambda: replies_in_order(tg, GUEST) == ["/start", "/help"], timeout=30, what="the help"
    )

    async def resumed() -> bool:
        return "event=inbox.drain_resumed" in instance.log.read_text()

    await eventually(resumed, timeout=30, what="the inbox's line saying it works again")
    log = instance.log.read_text()
    assert "Traceback" not in log, logs([instance])
    assert log.count("event=inbox.drain_failed") == 1, logs([instance])
    assert "event=inbox.drain_failed chat_key=62000 outage=began error=ConnectionError" in log
    over = re.search(r"event=inbox.drain_resumed outage=over failures=(\d+)", log)
    assert over is not None, logs([instance])
    assert int(over.group(1)) >= 2  # the sweeps kept trying, without a line each


@pytest.mark.parametrize("outage", ["cut", "freeze"])
async def test_admins_hear_when_updates_wait_unhandled_through_a_redis_outage_and_when_it_ends(
    tg: TelegramEmulator, relay: TcpRelay, cluster: Cluster, outage: str
) -> None:
    """Redis refusing every connection, or keeping them open and answering nothing."""
    tg.add_user(GUEST, "Гость")
    tg.add_user(ADMIN, "Admin", language_code="en")
    (instance,) = await cluster(
        1,
        REDIS_URL=relay.url(REDIS_URL),
        ADMIN_IDS=str(ADMIN),
        INBOX_WATCH_SECONDS="1",
    )
    await tg.send_message(ADMIN, "/start")
    await tg.next_bot_message(ADMIN, timeout=15)

    relay.cut() if outage == "cut" else relay.freeze()
    await tg.send_message(GUEST, "/help")  # recorded; no chat's turn can be taken
    # The notice goes out with Redis still away: sends do not wait for its shared limits.
    notice = await tg.next_bot_message(ADMIN, timeout=30)
    assert "does not handle them" in notice.text, notice.text
    assert "1 wait, the oldest since" in notice.text
    assert replies_in_order(tg, GUEST) == []
    async with (
        aiohttp.ClientSession() as http,
        http.get(instance.url.replace("/telegram", "/metrics")) as page,
    ):
        found = samples(await page.text())
    assert found[("presale_inbox_waiting", ())] == 1
    assert found[("presale_inbox_oldest_age_seconds", ())] >= 2  # two looks of a second
    relay.restore()

    over = await tg.next_bot_message(ADMIN, timeout=30)
    assert "handles its updates again" in over.text, over.text
    assert replies_in_order(tg, GUEST) == ["/help"]
    log = instance.log.read_text()
    assert log.count("event=inbox.stalled") == 1, logs([instance])
    assert log.count("event=send_limits.shared_failed") == 1, logs([instance])
    assert "Traceback" not in log, logs([instance])


async def test_a_polling_bot_tells_the_admins_of_updates_waiting_through_a_redis_outage(
    tg: TelegramEmulator, relay: TcpRelay, redis_prefix: str, tmp_path: Path
) -> None:
    """Polling with REDIS_URL: the dialogs live in Redis, so no update is handled without it."""
    tg.add_user(GUEST, "Гость")
    tg.add_user(ADMIN, "Admin", language_code="en")
    bot = BotProcess(
        tg,
        tmp_path,
        REDIS_URL=relay.url(REDIS_URL),
        REDIS_PREFIX=redis_prefix,
        ADMIN_IDS=str(ADMIN),
        INBOX_WATCH_SECONDS="1",
    )
    await bot.start()
    try:
        await tg.send_message(ADMIN, "/start")
        await tg.next_bot_message(ADMIN, timeout=15)

        relay.cut()
        await tg.send_message(GUEST, "/help")
        notice = await tg.next_bot_message(ADMIN, timeout=30)
        assert "does not handle them" in notice.text, notice.text
        assert "1 wait, the oldest since" in notice.text
        assert replies_in_order(tg, GUEST) == []
        relay.restore()

        over = await tg.next_bot_message(ADMIN, timeout=30)
        assert "handles its updates again" in over.text, over.text
        assert replies_in_order(tg, GUEST) == ["/help"]
    finally:
        log = (await bot.terminate()).decode()
    assert log.count("event=inbox.stalled") == 1, log
    assert log.count("event=inbox.stall_over") == 1, log
    assert "Traceback" not in log, log
