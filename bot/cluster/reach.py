"""Whether the Redis the instances share answers, asked before a start and by ``check``.

An instance that started without it would look up (``/healthz`` answers) yet handle
nothing: every chat's turn, dialog and send limit lives there. So a start with a Redis
that does not answer ends at once with one line, as a database that cannot be reached
does, and ``presale-bot check`` says the same. Redis also holds the dialogs in progress,
so one that keeps no append-only file is named at start and by ``check``: restarted, it
would come back without the answers typed since its last snapshot.
"""

from __future__ import annotations

import asyncio
import logging

from redis.asyncio import Redis

logger = logging.getLogger(__name__)

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


NOT_DURABLE = (
    "Redis keeps no append-only file: the dialogs in progress live there, and a restart of "
    "Redis loses the answers typed since its last snapshot (run it with --appendonly yes)"
)


async def durability_problem(redis: Redis) -> str | None:
    """:data:`NOT_DURABLE` when Redis says its append-only file is off, else None.

    A Redis that does not tell (``INFO`` turned off, as some hosted ones do) is trusted.
    """
    try:
        async with asyncio.timeout(PING_TIMEOUT):
            persistence = await redis.info("persistence")
    except Exception:
        return None
    return NOT_DURABLE if str(persistence.get("aof_enabled", "1")) == "0" else None


async def require_redis(redis: Redis | None) -> None:
    """Raise :class:`RedisUnreachableError` unless the configured Redis answers."""
    if redis is None:
        return
    problem = await redis_problem(redis)
    if problem is not None:
        raise RedisUnreachableError(problem)
    warning = await durability_problem(redis)
    if warning is not None:
        logger.warning("event=redis.not_durable %s", warning)
