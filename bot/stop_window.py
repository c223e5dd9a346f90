"""How long a stop may wait for the work under way before cutting it short.

A stop lets the updates being handled, and the background jobs, finish: their work
commits and nothing is redone. But a Telegram that hangs instead of refusing (a
black-holed address, a proxy that swallows requests) holds each call for aiogram's
request timeout, a minute, and the orchestrator would kill the process first, with
leases and turns left to expire. So from the stop's first step, everything it waits for
shares one window of ``STOP_TIMEOUT`` seconds; what is still running then is cancelled.
That loses nothing: a handler cut short has its transaction rolled back and its update
stays pending (handled at the next start, or by another instance), an outbox message
cut mid-call is taken back after its lease, as after a crash.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection
from typing import Any

logger = logging.getLogger(__name__)

UNWIND_SECONDS = 5.0
"""How long work that was cancelled may take to unwind (roll back, hand a turn back)."""


class StopWindow:
    """One stop's time limit, opened by whichever part of the stop comes first."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._closes_at: float | None = None

    def open(self) -> None:
        """The stop begins now (again is harmless: the first call counts)."""
        if self._closes_at is None:
            self._closes_at = asyncio.get_running_loop().time() + self.seconds

    def left(self) -> float:
        """Seconds still left to wait; the whole window while the stop has not begun."""
        if self._closes_at is None:
            return self.seconds
        return max(0.0, self._closes_at - asyncio.get_running_loop().time())

    async def finish_or_cut(self, tasks: Collection[asyncio.Task[Any]], what: str) -> int:
        """Wait for ``tasks`` while the window is open, cancel the rest and let them unwind.

        Returns how many were cut short.
        """
        self.open()
        if not tasks:
            return 0
        _, running = await asyncio.wait(set(tasks), timeout=self.left())
        for task in running:
            task.cancel()
        if running:
            logger.warning(
                "event=stop.cut what=%s count=%s seconds=%g", what, len(running), self.seconds
            )
            _, stuck = await asyncio.wait(running, timeout=UNWIND_SECONDS)
            if stuck:  # left to the event loop's own end
                logger.error("event=stop.stuck what=%s count=%s", what, len(stuck))
        return len(running)
