"""APScheduler as an alarm clock for the reminder engine, never as its store.

The database decides what is due. APScheduler only rings at the next due time, with one
in-memory `date` job that is re-armed after every pass: its own job stores are not the
source of truth (in 3.x a job more than a second late is dropped by default, the
SQLAlchemy store is synchronous, and a store must never be shared by two processes).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

_JOB_ID = "reminders-next-due"


class Alarm:
    """Calls `ring` once, `delay` seconds after `set(delay)`; a new `set` replaces it."""

    def __init__(self, ring: Callable[[], None]) -> None:
        self._ring = ring
        self._scheduler: AsyncIOScheduler | None = None

    def start(self) -> None:
        """Start the scheduler in the running event loop."""
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._scheduler.start()

    def set(self, delay: float) -> None:
        """Ring after `delay` seconds of real time, however late the loop gets to it."""
        if self._scheduler is None:
            raise RuntimeError("the alarm is not started")
        self._scheduler.add_job(
            self._fire,
            "date",
            run_date=datetime.now(UTC) + timedelta(seconds=max(delay, 0.0)),
            id=_JOB_ID,
            replace_existing=True,
            misfire_grace_time=None,
            coalesce=True,
        )

    async def _fire(self) -> None:
        # A coroutine, so AsyncIOExecutor runs it in the loop rather than in a thread.
        self._ring()

    def stop(self) -> None:
        """Forget the pending ring and stop the scheduler."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
