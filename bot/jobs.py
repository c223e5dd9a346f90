"""Periodic checks: run now, then whenever the clock moves or the interval passes.

Each watch (claim limits, stage limits, abandoned drafts, inbox pruning) asks the
database what is due, so running it often is harmless and missing a beat loses nothing.
A test clock wakes every watch when a test moves it, so tests never sleep.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.cluster.leases import JobLease
from bot.loop_failures import LoopFailures
from bot.sending.wakeup import clock_moved, wait_any
from domain.clock import Clock

logger = logging.getLogger(__name__)


async def every(
    interval: float,
    work: Callable[[], Awaitable[object]],
    *,
    clock: Clock,
    stop: asyncio.Event,
    name: str,
    lease: JobLease | None = None,
) -> None:
    """Call `work` until `stop` is set; a failure is logged and the next beat tries again
    (an outage of the database once, see ``bot.loop_failures``).

    With a ``lease`` (see ``bot.cluster.leases``) a beat runs only on the instance that
    holds it, so several instances on one database do each job once.
    """
    failures = LoopFailures(logger, "jobs.beat", about=f"job={name}")
    while not stop.is_set():
        moved = clock_moved(clock)
        wait = interval
        try:
            if lease is None or await lease():
                await work()
            else:
                wait = min(interval, lease.retry)  # ready to take over from a dead holder
            failures.succeeded()
        except Exception as error:
            failures.failed(error)
        await wait_any(stop, moved, timeout=wait)
