"""Waiting for the next thing to do: a nudge, a stop, a move of the clock, or a timeout."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from domain.clock import Clock


def clock_moved(clock: Clock) -> asyncio.Event | None:
    """The event a manual clock sets when a test moves it; ``None`` for the real clock.

    A manual clock replaces its event on every move, so take it *before* looking at
    the time, and a move that happens meanwhile is not missed.
    """
    changed = getattr(clock, "changed", None)
    return changed if isinstance(changed, asyncio.Event) else None


async def wait_any(*events: asyncio.Event | None, timeout: float | None) -> None:
    """Return when any of ``events`` is set, or after ``timeout`` seconds."""
    waiters = [asyncio.ensure_future(event.wait()) for event in events if event is not None]
    if not waiters:
        raise ValueError("nothing to wait for")
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()


class Passes:
    """Numbers a worker's passes, so a caller can wait for one that starts after it asks.

    A test that moved the clock (or a tool that queued work) awaits ``settled()``: when it
    returns, a whole pass has looked at the table since then.
    """

    def __init__(self, wake: asyncio.Event | None = None) -> None:
        self._wake = wake
        self._condition = asyncio.Condition()
        self._started = 0
        self._finished = 0

    async def run(self, work: Callable[[], Awaitable[object]]) -> None:
        """Run one pass of ``work``, counted."""
        async with self._condition:
            self._started += 1
            number = self._started
        try:
            await work()
        finally:
            async with self._condition:
                self._finished = number
                self._condition.notify_all()

    async def settled(self) -> None:
        """Wake the worker and wait until a pass that started after this call has finished.

        A worker without a wake event keeps its own beat: the caller (a test that moved the
        clock past a beat) waits for the pass the worker runs because of it.
        """
        async with self._condition:
            target = self._started + 1
            if self._wake is not None:
                self._wake.set()
            await self._condition.wait_for(lambda: self._finished >= target)
