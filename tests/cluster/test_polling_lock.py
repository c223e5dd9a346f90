"""The polling lock on PostgreSQL outlives the session that held it, or the poller stops."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import pytest

from bot.cluster.single_poller import AnotherPollerError, _lock_key, sole_poller
from storage.db import connect_outside_pool
from tests.e2e.cluster.instances import eventually
from tests.storage.fixtures import POSTGRES_URL

HOLDER = """
SELECT pid FROM pg_locks
WHERE locktype = 'advisory' AND granted AND objsubid = 1
  AND classid::bigint = $1::bigint >> 32 AND objid::bigint = $1::bigint & 4294967295
"""


async def holder(admin: Any, bot_id: int) -> int | None:
    """The backend holding the bot's polling lock, if any."""
    value: int | None = await admin.fetchval(HOLDER, _lock_key(bot_id))
    return value


async def end_session(admin: Any, pid: int) -> None:
    """What a PostgreSQL restart or ``pg_terminate_backend`` does to the lock's session."""
    assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid)
    await eventually(lambda: _gone(admin, pid), timeout=10, what="the session to end", every=0.02)


async def _gone(admin: Any, pid: int) -> bool:
    return not await admin.fetchval("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", pid)


@pytest.fixture
async def admin() -> Any:
    connection = await connect_outside_pool(POSTGRES_URL)
    try:
        yield connection
    finally:
        await connection.close()


async def test_a_poller_whose_lock_session_ended_takes_the_lock_again(admin: Any) -> None:
    bot_id = random.randrange(1, 2**31)
    lost = asyncio.Event()
    async with sole_poller(POSTGRES_URL, bot_id, on_lost=lost.set, every=0.05):
        first = await holder(admin, bot_id)
        assert first is not None
        await end_session(admin, first)

        async def retaken() -> bool:
            now = await holder(admin, bot_id)
            return now is not None and now != first

        await eventually(retaken, timeout=10, what="the lock taken again", every=0.02)
        with pytest.raises(AnotherPollerError):  # still ours: a second poller is refused
            async with sole_poller(POSTGRES_URL, bot_id):
                pass
    assert not lost.is_set()
    assert await holder(admin, bot_id) is None  # let go on the way out


async def test_a_poller_that_finds_its_lock_taken_meanwhile_stops_and_says_so(
    admin: Any,
) -> None:
    bot_id = random.randrange(1, 2**31)
    lost = asyncio.Event()
    competitor = await connect_outside_pool(POSTGRES_URL)

    async def poll() -> None:
        async with sole_poller(POSTGRES_URL, bot_id, on_lost=lost.set, every=1.0):
            first = await holder(admin, bot_id)
            assert first is not None
            await end_session(admin, first)
            # Another process starts in the gap and takes the lock first.
            assert await competitor.fetchval("SELECT pg_try_advisory_lock($1)", _lock_key(bot_id))
            await asyncio.wait_for(lost.wait(), timeout=10)  # the poller is told to stop

    try:
        with pytest.raises(AnotherPollerError):
            await poll()
        assert await holder(admin, bot_id) == await competitor.fetchval("SELECT pg_backend_pid()")
    finally:
        await competitor.close()
