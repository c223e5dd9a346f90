"""Periodic checks: run now, then whenever the clock moves or the interval passes.

Each watch (claim limits, stage limits, abandoned drafts, inbox pruning) asks the
database what is due, so running it often is harmless and missing a beat loses nothing.
A test clock wakes every watch when a test moves it, so tests never sleep.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

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
) -> None:
    """Call `work` until `stop` is set; a failure is logged and the next beat tries again."""
    while not stop.is_set():
        moved = clock_moved(clock)
        try:
            await work()
        except Exception:
            logger.exception("event=job.failed job=%s", name)
        await wait_any(stop, moved, timeout=interval)
