"""Telegram's limits held in Redis: what one instance spends, the others cannot."""

from __future__ import annotations

from redis.asyncio import Redis

from bot.cluster.send_limits import SharedLimits, SharedSendGate

LIMITS = SharedLimits(per_second=5, chat_per_second=1, chat_burst=2)


async def test_instances_share_the_overall_bucket(redis: Redis, prefix: str) -> None:
    first, second = (SharedSendGate(redis, prefix=prefix, limits=LIMITS) for _ in range(2))

    spent = [
        await gate.take(chat) for gate, chat in zip([first, second] * 3, range(1, 7), strict=True)
    ]

    assert spent[:5] == [0.0] * 5  # five chats, a token each, from either instance
    assert 0 < spent[5] <= 0.2  # the sixth waits for the bucket to refill


async def test_a_private_chat_gets_a_short_burst_then_one_a_second(
    redis: Redis, prefix: str
) -> None:
    first, second = (SharedSendGate(redis, prefix=prefix, limits=LIMITS) for _ in range(2))

    assert await first.take(7) == 0.0
    assert await second.take(7) == 0.0
    assert 0.9 < await first.take(7) <= 1.0


async def test_a_429_pauses_the_chat_everywhere_and_a_second_one_pauses_all(
    redis: Redis, prefix: str
) -> None:
    first, second = (SharedSendGate(redis, prefix=prefix, limits=LIMITS) for _ in range(2))

    assert not await first.flooded(8, 3)
    assert 2.5 < await second.take(8) <= 3.0
    assert await second.take(9) == 0.0  # another chat goes on

    assert await second.flooded(10, 2)  # a second chat refused within a second
    assert 1.5 < await first.take(11) <= 3.0
