"""What the start and ``check`` make of the Redis in REDIS_URL."""

from __future__ import annotations

from typing import Any, cast

from redis.asyncio import Redis
from redis.exceptions import ResponseError

from bot.cluster.reach import NOT_DURABLE, durability_problem


class Answers:
    """A Redis that answers ``INFO persistence`` with ``persistence``, or refuses it."""

    def __init__(self, persistence: dict[str, Any] | None) -> None:
        self._persistence = persistence

    async def info(self, section: str) -> dict[str, Any]:
        assert section == "persistence"
        if self._persistence is None:
            raise ResponseError("unknown command 'INFO'")
        return self._persistence


async def test_a_redis_without_an_append_only_file_is_named_as_not_durable() -> None:
    redis = cast(Redis, Answers({"aof_enabled": 0, "rdb_changes_since_last_save": 3}))
    assert await durability_problem(redis) == NOT_DURABLE


async def test_a_redis_with_an_append_only_file_or_that_does_not_tell_is_trusted() -> None:
    assert await durability_problem(cast(Redis, Answers({"aof_enabled": 1}))) is None
    assert await durability_problem(cast(Redis, Answers(None))) is None
