"""Per-chat turns in Redis: one holder at a time, renewed while held, lost when it dies."""

from __future__ import annotations

import asyncio

import pytest
from redis.asyncio import Redis

from bot.cluster.turns import LocalTurns, RedisTurns


async def test_one_instance_at_a_time_holds_a_chats_turn(redis: Redis, prefix: str) -> None:
    first = RedisTurns(redis, prefix=prefix, owner="first", ttl=5)
    second = RedisTurns(redis, prefix=prefix, owner="second", ttl=5)

    assert await first.take(42)
    assert not await second.take(42)
    assert await second.take(43)  # another chat is free
    assert not await second.renew(42)  # only the holder renews
    await second.give_back(42)  # nor can it hand back what it does not hold
    assert not await second.take(42)

    await first.give_back(42)
    assert await second.take(42)


async def test_a_turn_knocked_on_is_kept_once_and_then_handed_back(
    redis: Redis, prefix: str
) -> None:
    holder = RedisTurns(redis, prefix=prefix, owner="holder", ttl=5)
    recorder = RedisTurns(redis, prefix=prefix, owner="recorder", ttl=5)
    assert await holder.take(7)

    assert not await recorder.take(7)  # held: the failed take knocks
    assert await holder.give_back(7, unless_knocked=True)  # kept, to read the inbox again
    assert not await recorder.take(7)  # still held, so this knocks again

    assert await holder.give_back(7, unless_knocked=True)
    assert not await holder.give_back(7, unless_knocked=True)  # nobody knocked: handed back
    assert await recorder.take(7)


async def test_a_turn_handed_back_regardless_forgets_the_knock(redis: Redis, prefix: str) -> None:
    holder = RedisTurns(redis, prefix=prefix, owner="holder", ttl=5)
    other = RedisTurns(redis, prefix=prefix, owner="other", ttl=5)
    assert await holder.take(8)
    assert not await other.take(8)

    assert not await holder.give_back(8)  # stuck: handed back, the sweep looks later
    assert await other.take(8)
    assert not await other.give_back(8, unless_knocked=True)  # the old knock is gone


async def test_the_turn_of_a_holder_that_stopped_renewing_expires(
    redis: Redis, prefix: str
) -> None:
    dead = RedisTurns(redis, prefix=prefix, owner="dead", ttl=0.2)
    alive = RedisTurns(redis, prefix=prefix, owner="alive", ttl=0.2)
    assert await dead.take(None)
    assert not await alive.take(None)

    # Redis tells nobody when a key expires: look every 50 ms, for two seconds at most.
    for _ in range(40):
        if await alive.take(None):
            break
        await asyncio.sleep(0.05)
    else:
        pytest.fail("the dead holder's turn never expired")


async def test_local_turns_exclude_within_one_process() -> None:
    turns = LocalTurns()
    assert await turns.take(1)
    assert not await turns.take(1)
    assert not await turns.give_back(1, unless_knocked=True)  # nobody else can knock
    assert await turns.take(1)
