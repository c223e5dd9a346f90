"""Whether the Redis the instances share answers, asked before a start and by ``check``.

An instance that started without it would look up (``/healthz`` answers) yet handle
nothing: every chat's turn, dialog and send limit lives there. So a start with a Redis
that does not answer ends at once with one line, as a database that cannot be reached
does, and ``presale-bot check`` says the same.
"""

from __future__ import annotations

import asyncio

from redis.asyncio import Redis

PING_TIMEOUT = 5.0
"""A Redis that has not answered a PING by then (a black-holed address) counts as away."""


class RedisUnreachableError(Exception):
    """The Redis in ``REDIS_URL`` did not answer: down, a wrong address or password."""


async def redis_problem(redis: Redis) -> str | None:
    """What keeps ``redis`` from answering a PING, or None when it answers."""
    try:
        async with asyncio.timeout(PING_TIMEOUT):
            await redis.ping()
    except TimeoutError:
        return f"no answer in {PING_TIMEOUT:g} s"
    except Exception as error:  # refused, unknown host, wrong password: said as it is
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return None


async def require_redis(redis: Redis | None) -> None:
    """Raise :class:`RedisUnreachableError` unless the configured Redis answers."""
    if redis is None:
        return
    problem = await redis_problem(redis)
    if problem is not None:
        raise RedisUnreachableError(problem)
