"""One clock for the whole bot, so tests move time instead of sleeping."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything that tells the current time as an aware UTC datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that stands still until a test moves it.

    Code that waits for a moment in time subscribes through ``changed`` and is woken
    whenever the test moves the clock, so nothing has to sleep in real time.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        self.changed = asyncio.Event()

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = moment.astimezone(UTC)
        self.changed.set()
        self.changed = asyncio.Event()

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        self.set(self._now + (delta or timedelta(**kwargs)))
        return self._now
