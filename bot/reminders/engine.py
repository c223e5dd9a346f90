"""The one engine for everything timed: reminders due in the database, sent once.

The ``reminders`` table is the source of truth. The engine sleeps until the earliest
due time (or a nudge after a new reminder commits, or a move of a test's manual clock),
claims due rows with one conditional UPDATE (status ``sending``, owner, lease expiry),
renders each one and, in a single transaction, puts the message into the outbox and
marks the reminder ``sent``. So a reminder reaches the outbox exactly once:

* due while the bot was down: sent at start and marked ``late``, or dropped past the
  grace period of its kind;
* a crash between the claim and that transaction: nothing reached the outbox, and the
  row is claimed again once its lease runs out (the outbox then sends at most once);
* two processes on one database: the conditional claim gives each row to one of them;
* a renderer that sends something itself and meets Telegram's trouble
  (``TryLaterError``): the row is held, claimed by nobody, and claimed again by any
  engine once the wait it asked for is over.

APScheduler is not used for this: its 3.x job store drops a job that runs late, is
synchronous, and must not be shared by two processes, while a plain asyncio wait can
also wake on the manual clock that tests move.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from bot.failures import is_outage
from bot.i18n import I18n
from bot.loop_failures import LoopFailures
from bot.reminders.alarm import Alarm
from bot.reminders.delivery import ReminderDelivery
from bot.reminders.kinds import ReminderKinds
from bot.reminders.windows import WorkingWindows
from bot.sending.outbox import Outbox, after_commit
from bot.sending.wakeup import Passes, clock_moved, wait_any
from domain.clock import Clock
from storage.models import Reminder
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)

# The engine looks at the table at least this often (seconds), for reminders added
# by another process, whose nudge cannot reach this one.
IDLE_LOOK = 30.0


class ReminderEngine:
    """Schedules, cancels and sends reminders; ``run()`` in the background."""

    def __init__(
        self,
        *,
        session_factory: SessionFactory,
        clock: Clock,
        outbox: Outbox,
        kinds: ReminderKinds,
        i18n: I18n,
        windows: WorkingWindows,
        admin_ids: Collection[int] = (),
        lease: timedelta = timedelta(minutes=2),
        late_after: timedelta = timedelta(minutes=1),
        batch: int = 100,
        owner: str | None = None,
    ) -> None:
        self.owner = owner or f"reminders-{uuid.uuid4().hex[:12]}"
        """Whose claims are this engine's: the instance's name (``bot.in_flight``)."""
        self.kinds = kinds
        self.windows = windows
        self._session_factory = session_factory
        self._clock = clock
        self._lease = lease
        self._batch = batch
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._passes = Passes(self._wake)
        self.delivery = ReminderDelivery(
            session_factory=session_factory,
            clock=clock,
            outbox=outbox,
            kinds=kinds,
            i18n=i18n,
            windows=windows,
            admins=tuple(admin_ids),
            late_after=late_after,
            owner=self.owner,
            notify=self.notify,
        )
        """Takes each claimed reminder to its end: sent, relayed, postponed or dropped."""

    # -- for feature code -----------------------------------------------------------

    async def schedule(
        self,
        repo: Repositories,
        *,
        kind: str,
        due_at: datetime,
        recipient_id: int,
        payload: dict[str, Any] | None = None,
        urgent: bool = False,
        request_id: int | None = None,
        dedup_key: str | None = None,
        replace: bool = False,
    ) -> Reminder | None:
        """Plan a reminder in the caller's transaction; the engine hears of it on commit.

        With ``dedup_key`` a second plan under the same key is ignored (``None``), or
        with ``replace`` it re-plans the existing reminder. Non-urgent reminders wait for
        the recipient's working hours when they fall due.
        """
        self.kinds.require(kind)
        reminder = await repo.reminders.add(
            kind=kind,
            due_at=due_at,
            recipient_id=recipient_id,
            payload=payload,
            urgent=urgent,
            request_id=request_id,
            dedup_key=dedup_key,
            replace=replace,
        )
        if reminder is not None:
            after_commit(repo.session, self.notify)
        return reminder

    async def cancel(
        self,
        repo: Repositories,
        *,
        reminder_id: int | None = None,
        dedup_key: str | None = None,
        request_id: int | None = None,
        kind: str | None = None,
        recipient_id: int | None = None,
    ) -> int:
        """Cancel, in the caller's transaction, what has not gone out and matches."""
        return await repo.reminders.cancel(
            reminder_id=reminder_id,
            dedup_key=dedup_key,
            request_id=request_id,
            kind=kind,
            recipient_id=recipient_id,
        )

    # -- the worker -------------------------------------------------------------------

    def notify(self) -> None:
        """A reminder was added or moved: look at the table again now."""
        self._wake.set()

    def stop(self) -> None:
        """Return from ``run`` after the current pass."""
        self._stopping.set()

    async def run(self) -> None:
        """Send due reminders until ``stop()``, sleeping until the next due time."""
        self._stopping.clear()
        alarm = Alarm(self.notify)
        alarm.start()
        logger.info("event=reminders.started owner=%s", self.owner)
        failures = LoopFailures(logger, "reminders.pass")
        try:
            while not self._stopping.is_set():
                moved = clock_moved(self._clock)
                self._wake.clear()
                try:
                    await self._passes.run(self.process_due)
                    next_due = await self._next_due()
                    if next_due is not None:
                        alarm.set((next_due - self._clock.now()).total_seconds())
                    failures.succeeded()
                except Exception as error:
                    failures.failed(error)
                # The alarm rings at the next due time; a look every IDLE_LOOK seconds
                # also catches reminders another process added to the table.
                await wait_any(self._wake, self._stopping, moved, timeout=IDLE_LOOK)
        finally:
            alarm.stop()
        logger.info("event=reminders.stopped owner=%s", self.owner)

    async def settled(self) -> None:
        """Wait until a whole pass has run that started after this call.

        For tests and tools: after moving the clock, ``await engine.settled()`` means
        every reminder due by then has been sent, postponed or dropped. Needs ``run()``.
        """
        await self._passes.settled()

    async def _next_due(self) -> datetime | None:
        async with self._session_factory() as session:
            return await Repositories(session, clock=self._clock).reminders.next_due_at()

    async def process_due(self, now: datetime | None = None) -> int:
        """Handle every reminder due by ``now``; returns how many went to the outbox."""
        moment = now or self._clock.now()
        handed = 0
        while True:
            async with self._session_factory() as session:
                claimed = await Repositories(session, clock=self._clock).reminders.claim_due(
                    owner=self.owner, now=moment, lease=self._lease, limit=self._batch
                )
                await session.commit()
            for reminder in claimed:
                try:
                    handed += await self.delivery.handle(reminder, moment)
                except Exception as error:
                    if is_outage(error):
                        raise  # the next would fail too; the pass is logged as failed
                    # Left in ``sending``: claimed again after the lease, never sent twice.
                    logger.exception("event=reminders.failed reminder_id=%s", reminder.id)
            if len(claimed) < self._batch:
                return handed
