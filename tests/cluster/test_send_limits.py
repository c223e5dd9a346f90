"""Telegram's limits held in Redis: what one instance spends, the others cannot."""

from __future__ import annotations

import asyncio
from typing import Any, cast

from aiogram import Bot
from aiogram.client.session.middlewares.base import NextRequestMiddlewareType
from aiogram.methods import Response, SendMessage, TelegramMethod
from redis.asyncio import Redis

from bot.cluster.buckets import RedisBuckets
from bot.cluster.send_limits import (
    REST_AFTER_FAILURE,
    SharedLimits,
    SharedSendGate,
    SharedSendLimits,
)
from tests.e2e.cluster.relay import relay_to
from tests.storage.fixtures import REDIS_URL

LIMITS = SharedLimits(per_second=5, chat_per_second=1, chat_burst=2)


async def take(redis: Redis, gate: SharedSendGate, chat_id: int) -> float:
    """Ask ``gate``'s buckets for a message to ``chat_id`` without waiting: 0.0 to go now,
    else the seconds to wait."""
    wait, _ = await RedisBuckets(redis).ask(*gate.limits_of(chat_id))
    return wait


async def test_instances_share_the_overall_bucket(redis: Redis, prefix: str) -> None:
    first, second = (SharedSendGate(redis, prefix=prefix, limits=LIMITS) for _ in range(2))

    asking = zip([first, second] * 3, range(1, 7), strict=True)
    spent = [await take(redis, gate, chat) for gate, chat in asking]

    assert spent[:5] == [0.0] * 5  # five chats, a token each, from either instance
    assert 0 < spent[5] <= 0.2  # the sixth waits for the bucket to refill


async def test_a_private_chat_gets_a_short_burst_then_one_a_second(
    redis: Redis, prefix: str
) -> None:
    first, second = (SharedSendGate(redis, prefix=prefix, limits=LIMITS) for _ in range(2))

    assert await take(redis, first, 7) == 0.0
    assert await take(redis, second, 7) == 0.0
    assert 0.9 < await take(redis, first, 7) <= 1.0


async def test_a_429_pauses_the_chat_everywhere_and_a_second_one_pauses_all(
    redis: Redis, prefix: str
) -> None:
    first, second = (SharedSendGate(redis, prefix=prefix, limits=LIMITS) for _ in range(2))

    assert not await first.flooded(8, 3)
    assert 2.5 < await take(redis, second, 8) <= 3.0
    assert await take(redis, second, 9) == 0.0  # another chat goes on

    assert await second.flooded(10, 2)  # a second chat refused within a second
    assert 1.5 < await take(redis, first, 11) <= 3.0


async def test_after_redis_fails_a_send_the_shared_buckets_rest_and_one_send_asks_again(
    redis: Redis, prefix: str
) -> None:
    """A frozen Redis costs one send its client's timeout, not every send."""
    async with relay_to(REDIS_URL) as relay:
        through_relay = Redis.from_url(
            relay.url(REDIS_URL), socket_timeout=0.3, socket_connect_timeout=0.3
        )
        now = [0.0]
        limits = SharedSendLimits(
            SharedSendGate(through_relay, prefix=prefix, limits=LIMITS), monotonic=lambda: now[0]
        )
        sent: list[int | str] = []

        async def send(chat_id: int) -> None:
            await limits(_telegram(sent), cast(Bot, None), SendMessage(chat_id=chat_id, text="hi"))

        async def counted(chat_id: int) -> bool:
            return bool(await redis.exists(f"{prefix}:send:chat:{chat_id}"))

        try:
            await send(1)
            assert await counted(1)

            relay.freeze()
            await send(2)  # waits out the client's timeout, then goes by local pacing
            assert limits.failures == 1
            await send(3)  # Redis resting: not asked, so no second timeout
            assert limits.failures == 1

            relay.restore()
            await send(4)
            assert not await counted(4)  # still resting

            relay.freeze()
            now[0] += REST_AFTER_FAILURE
            probe = asyncio.create_task(send(5))  # the rest is over: this one asks Redis
            await asyncio.sleep(0)
            await send(6)  # goes at once while the probe waits for its answer
            assert not probe.done()
            await probe
            assert limits.failures == 2

            relay.restore()
            now[0] += REST_AFTER_FAILURE
            await send(7)
            assert await counted(7)
            assert limits.failures == 0
            assert sent == [1, 2, 3, 4, 6, 5, 7]
        finally:
            await through_relay.aclose()


def _telegram(sent: list[int | str]) -> NextRequestMiddlewareType[Any]:
    """Telegram's side of the middleware: notes the chat and answers ok."""

    async def make_request(_bot: Bot, method: TelegramMethod[Any]) -> Response[Any]:
        sent.append(cast(SendMessage, method).chat_id)
        return Response[Any](ok=True, result=True)

    return make_request
