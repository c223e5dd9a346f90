"""An instance paused mid-update (a frozen container): the other one takes its chat over."""

from __future__ import annotations

import os
import signal

from redis.asyncio import Redis

from emulator import TelegramEmulator
from tests.e2e.cluster.conftest import Cluster
from tests.e2e.cluster.instances import Instance, logs, replies_in_order
from tests.storage.fixtures import REDIS_URL

GUEST = 63_000


async def turn_holder(prefix: str, chat_id: int, instances: list[Instance]) -> Instance:
    """The instance whose name is on the chat's turn in Redis."""
    client = Redis.from_url(REDIS_URL, decode_responses=True)
    try:
        owner = await client.get(f"{prefix}:turn:{chat_id}")
    finally:
        await client.aclose()
    assert owner is not None
    [holder] = [i for i in instances if f"-{i.pid}-" in owner]
    return holder


async def test_a_paused_instance_holding_an_update_leaves_its_chat_to_the_other(
    tg: TelegramEmulator, cluster: Cluster, redis_prefix: str
) -> None:
    """Its transaction holds the update's row; PostgreSQL ends it after the idle limit,
    so the instance that takes the chat's turn over is not stuck behind it for good."""
    tg.add_user(GUEST, "Гость")
    tg.fail_next("sendMessage", 1, kind="timeout", hold=60, chat_id=GUEST)
    instances = await cluster(2, IDLE_TRANSACTION_SECONDS="1")
    await tg.send_message(GUEST, "/start")
    await tg.wait_for(lambda: not tg.faults.left("sendMessage"), timeout=15, what="a call held")
    paused = await turn_holder(redis_prefix, GUEST, instances)
    [other] = [i for i in instances if i is not paused]
    os.kill(paused.pid, signal.SIGSTOP)
    try:
        await tg.send_message(GUEST, "/help")
        await tg.wait_for(
            lambda: replies_in_order(tg, GUEST) == ["/start", "/help"],
            timeout=30,
            what="both answered by the other instance",
        )
    finally:
        await paused.kill()  # a stopped process still takes SIGKILL
    log = other.log.read_text()
    assert "Traceback" not in log, logs([other])
