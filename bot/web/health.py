"""Liveness and readiness: is the process up, and can it do its work right now."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

CHECK_TIMEOUT = 3.0
"""A dependency slower than this to answer a trivial question counts as down."""


@dataclass(frozen=True)
class Readiness:
    """Each dependency's state ("ok" or what is wrong) and whether all are fine."""

    checks: dict[str, str]

    @property
    def ready(self) -> bool:
        return all(state == "ok" for state in self.checks.values())


async def _probe(check: Callable[[], Awaitable[object]]) -> str:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT):
            await check()
    except TimeoutError:
        return f"no answer in {CHECK_TIMEOUT:g} s"
    except Exception as error:
        return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    return "ok"


async def readiness(
    *, engine: AsyncEngine, redis: Redis | None, jobs_running: Callable[[], bool]
) -> Readiness:
    """The database answers, Redis answers (when configured), the scheduler's jobs run."""

    async def database() -> None:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def scheduler() -> None:
        if not jobs_running():
            raise RuntimeError("a background job has stopped")

    checks = {"database": await _probe(database)}
    if redis is not None:
        checks["redis"] = await _probe(redis.ping)
    checks["scheduler"] = await _probe(scheduler)
    return Readiness(checks)
