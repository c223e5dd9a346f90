"""The database goes away under the bot: the admins hear it from Telegram, and the end."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from emulator import TelegramEmulator
from storage.repositories import Repositories
from tests.e2e.cluster.conftest import Cluster
from tests.e2e.cluster.instances import eventually, logs, replies_in_order
from tests.e2e.cluster.relay import TcpRelay, relay_to
from tests.storage.fixtures import SessionFactory

GUEST = 64_000
ADMIN = 64_001


@pytest.fixture
async def relay(database: str) -> AsyncIterator[TcpRelay]:
    async with relay_to(database) as relay:
        yield relay


async def test_admins_hear_from_telegram_when_the_database_is_out_of_reach_and_when_it_is_back(
    tg: TelegramEmulator,
    relay: TcpRelay,
    cluster: Cluster,
    database: str,
    sessions: SessionFactory,
) -> None:
    tg.add_user(GUEST, "Гость")
    tg.add_user(ADMIN, "Admin", language_code="en")
    async with sessions() as session:  # an admin who reads English, on a bot that speaks Russian
        await Repositories(session).users.upsert_from_telegram(
            user_id=ADMIN, first_name="Admin", last_name=None, username=None, language_code="en"
        )
        await session.commit()
    (instance,) = await cluster(
        1, DATABASE_URL=relay.url(database), ADMIN_IDS=str(ADMIN), DATABASE_WATCH_SECONDS="1"
    )

    async def watched() -> bool:
        return "event=database.watched admins=1" in instance.log.read_text()

    await eventually(watched, timeout=15, what="the watch's first look")
    relay.cut()
    down = await tg.next_bot_message(ADMIN, timeout=30)
    assert "cannot reach its database" in down.text, down.text
    await tg.send_message(GUEST, "/help")  # refused with a 500; Telegram posts it again
    tg.fail_next("sendMessage", 1, kind="5xx", chat_id=ADMIN)  # the first "back" is refused
    relay.restore()

    back = await tg.next_bot_message(ADMIN, timeout=30)  # sent again at the next look
    assert "reaches its database again" in back.text, back.text
    assert not tg.faults.left("sendMessage")
    await tg.wait_for(lambda: replies_in_order(tg, GUEST) == ["/help"], timeout=30, what="help")
    log = instance.log.read_text()
    assert log.count("event=database.unreachable") == 1, logs([instance])
    assert log.count("event=database.reachable_again") == 1, logs([instance])
    assert len(tg.bot_messages(ADMIN)) == 2  # down and back, each once
