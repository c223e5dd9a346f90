"""Waiting for the next thing to do: a nudge, a stop, a move of the clock, or a timeout."""

from __future__ import annotations

import asyncio

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
