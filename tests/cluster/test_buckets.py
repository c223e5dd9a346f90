"""A CRM's rate held in Redis: instances sharing a prefix spend one budget together."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import aiohttp
from redis.asyncio import Redis

from bot.cluster.buckets import LATE_BY, SharedRate
from bot.outgoing import connected_crms
from bot.settings import Settings
from domain.stages import Stage
from integrations.crm.amocrm import AmoCrm
from integrations.crm.base import LocalRateLimit
from scenarios.loader import load_scenarios
from tests.e2e.integrations.fake_crm import TOKEN, running_crms
from tests.storage.fixtures import REDIS_URL

BURST, PER_SECOND = 3, 10


async def calls_of(limiters: list[SharedRate] | list[LocalRateLimit], each: int) -> list[float]:
    """Every limiter lets ``each`` calls go at once; the moments they were let go, sorted."""
    moments: list[float] = []

    async def call(limiter: SharedRate | LocalRateLimit) -> None:
        await limiter.wait()
        moments.append(time.monotonic())

    await asyncio.gather(*(call(limiter) for limiter in limiters for _ in range(each)))
    return sorted(moments)


def most_in_a_window(moments: list[float], window: float) -> int:
    """The largest number of calls let go within any ``window`` seconds."""
    return max(
        sum(1 for later in moments[i:] if later - start <= window)
        for i, start in enumerate(moments)
    )


async def test_two_instances_together_never_exceed_the_burst_and_the_rate(
    redis: Redis, prefix: str
) -> None:
    key = f"{prefix}:crm:amocrm"
    first, second = (
        SharedRate(redis, key=key, burst=BURST, per_second=PER_SECOND) for _ in range(2)
    )

    moments = await calls_of([first, second], each=6)

    # 12 calls: the burst of 3 at once, the other 9 one per 0.1 s.
    assert moments[-1] - moments[0] >= (12 - BURST) / PER_SECOND - 0.02
    for window in (0.05, 0.25, 0.5):
        allowed = BURST + PER_SECOND * window
        assert most_in_a_window(moments, window) <= allowed


class CountingRedis(Redis):
    """A Redis client that counts the scripts it runs: one per question to Redis."""

    scripts = 0
    asked = asyncio.Event()
    """Set once ``expected`` scripts have run."""
    expected = 0

    async def eval(self, *args: Any) -> Any:  # type: ignore[override]
        CountingRedis.scripts += 1
        answer = await super().eval(*args)
        if CountingRedis.scripts >= CountingRedis.expected:
            CountingRedis.asked.set()
        return answer


async def test_calls_queued_on_a_shared_rate_each_ask_redis_once_and_go_in_turn(
    prefix: str,
) -> None:
    client = CountingRedis.from_url(REDIS_URL)
    try:
        key = f"{prefix}:crm:amocrm"
        limiters = [SharedRate(client, key=key, burst=1, per_second=40) for _ in range(3)]
        CountingRedis.scripts = 0
        moments = await calls_of(limiters, each=10)
    finally:
        await client.aclose()

    # Thirty calls, each given its own moment: no waking together to race for a token.
    assert CountingRedis.scripts == 30
    assert moments[-1] - moments[0] >= 29 / 40 - 0.02
    assert most_in_a_window(moments, 0.1) <= 1 + 40 * 0.1


async def test_calls_whose_moment_passed_while_their_process_stalled_queue_again_not_at_once(
    prefix: str,
) -> None:
    client = CountingRedis.from_url(REDIS_URL)
    try:
        limiter = SharedRate(client, key=f"{prefix}:crm:amocrm", burst=1, per_second=20)
        CountingRedis.scripts, CountingRedis.expected = 0, 20
        CountingRedis.asked.clear()
        calls = asyncio.create_task(calls_of([limiter], each=20))
        await CountingRedis.asked.wait()  # twenty moments reserved, 1/20 s apart
        # The process starves: its loop is blocked past a dozen of those moments.
        time.sleep(0.6)  # noqa: ASYNC251
        moments = await calls
    finally:
        await client.aclose()

    # Only the moments missed by a little are used late; the others queue again.
    assert most_in_a_window(moments, 0.02) <= LATE_BY + 1
    assert moments[-1] - moments[0] >= (20 - LATE_BY - 1) / 20 - 0.02


async def test_two_in_process_limiters_alone_would_each_spend_the_whole_burst() -> None:
    first, second = (LocalRateLimit(burst=BURST, per_second=PER_SECOND) for _ in range(2))

    moments = await calls_of([first, second], each=BURST)

    assert moments[-1] - moments[0] < 0.05  # twice the burst at once: what sharing prevents


async def test_too_many_on_one_instance_makes_the_other_wait_for_a_fresh_token(
    redis: Redis, prefix: str
) -> None:
    key = f"{prefix}:crm:bitrix24"
    first, second = (SharedRate(redis, key=key, burst=50, per_second=2) for _ in range(2))
    await first.wait()

    await first.exhausted()
    started = time.monotonic()
    await second.wait()

    assert 0.4 <= time.monotonic() - started <= 0.7  # one token at 2 a second


async def test_with_redis_the_amocrm_clients_of_two_instances_share_its_seven_a_second(
    redis: Redis, prefix: str, settings_for: Callable[..., Settings]
) -> None:
    form = load_scenarios().get("it_erp")
    async with running_crms() as crms, aiohttp.ClientSession() as http:
        settings = settings_for(
            amocrm_url=crms.amocrm_url, amocrm_token=TOKEN, redis_prefix=prefix
        )
        instances = [connected_crms(settings, redis)[0] for _ in range(2)]
        calls = AmoCrm.burst  # from each: twice the burst in all
        outcomes = await asyncio.gather(
            *(
                crm.move(http, "4546", "lead", Stage.WON, form)
                for crm in instances
                for _ in range(calls)
            )
        )
        moments = sorted(call.at for call in crms.amocrm)

    assert all(outcome.ok for outcome in outcomes)
    assert crms.violations == []
    assert len(moments) == 2 * calls
    # the second burst's worth waits for the shared bucket to refill at 7 a second
    assert moments[-1] - moments[0] >= (calls - 1) / AmoCrm.per_second - 0.05
    assert most_in_a_window(moments, 0.5) <= AmoCrm.burst + AmoCrm.per_second * 0.5
