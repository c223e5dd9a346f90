"""The delivery worker: sends due deliveries, retries them, gives them up, tells admins.

Admins hear of a receiver that is down early and once, of what gave up in one summary,
and when it is back (``integrations/outages.py``); of a receiver's "no" (a 400) per
delivery, once.

Like the reminder engine, it claims due rows with one conditional UPDATE and a lease, so
several bot processes on one database share the work and never take the same row. A
worker that dies mid-call leaves its rows in ``sending``; once the lease runs out another
worker sends them again with the same ``webhook-id`` (receivers drop repeats by it, as
the Standard Webhooks specification asks of them). Deliveries are at least once.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Protocol

import aiohttp

from bot.i18n import I18n
from bot.loop_failures import LoopFailures
from bot.metrics import Metrics
from bot.reminders.windows import WorkingWindows
from bot.sending.managers import admins_to_tell
from bot.sending.outbox import Outbox
from bot.sending.wakeup import Passes, clock_moved, wait_any
from domain.clock import Clock
from integrations.outages import OutageNotices
from integrations.policy import Outcome, next_attempt
from storage.models import Delivery
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)

IDLE_LOOK = 30.0
"""Seconds between looks at the table with nothing due, for rows other processes added."""


class Transport(Protocol):
    """Sends one delivery to its receiver and says how it went; never raises for HTTP."""

    async def deliver(
        self, http: aiohttp.ClientSession, delivery: Delivery, now: datetime
    ) -> Outcome: ...


class DeliveryWorker:
    """``run()`` in the background; ``notify()`` after a delivery is planned."""

    def __init__(
        self,
        *,
        session_factory: SessionFactory,
        clock: Clock,
        transports: Mapping[str, Transport],
        outbox: Outbox,
        i18n: I18n,
        admin_ids: frozenset[int],
        windows: WorkingWindows,
        timeout: float,
        metrics: Metrics,
        lease: timedelta = timedelta(minutes=2),
        batch: int = 50,
        concurrency: int = 8,
        jitter: Callable[[], float] = random.random,
        owner: str | None = None,
    ) -> None:
        self.owner = owner or f"deliveries-{uuid.uuid4().hex[:12]}"
        """Whose claims are this worker's: the instance's name (``bot.in_flight``)."""
        self._session_factory = session_factory
        self._clock = clock
        self._transports = dict(transports)
        self._outbox = outbox
        self._i18n = i18n
        self._admin_ids = admin_ids
        self._windows = windows
        self._outages = OutageNotices(
            outbox=outbox, i18n=i18n, admin_ids=admin_ids, windows=windows
        )
        self._timeout = timeout
        self._metrics = metrics
        metrics.expect_deliveries(self._transports)
        self._lease = lease
        self._batch = batch
        self._slots = asyncio.Semaphore(concurrency)
        self._jitter = jitter
        self._http: aiohttp.ClientSession | None = None
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._passes = Passes(self._wake)

    def notify(self) -> None:
        """A delivery was planned or queued again: look at the table now."""
        self._wake.set()

    def stop(self) -> None:
        """Return from ``run`` after the current pass."""
        self._stopping.set()

    async def run(self) -> None:
        """Send due deliveries until ``stop()``, sleeping until the next retry is due."""
        self._stopping.clear()
        logger.info("event=deliveries.started owner=%s", self.owner)
        failures = LoopFailures(logger, "deliveries.pass")
        try:
            while not self._stopping.is_set():
                moved = clock_moved(self._clock)
                self._wake.clear()
                timeout = IDLE_LOOK
                try:
                    await self._passes.run(self.process_due)
                    next_due = await self._next_due()
                    if next_due is not None:
                        wait = (next_due - self._clock.now()).total_seconds()
                        timeout = min(IDLE_LOOK, max(wait, 0.0))
                    failures.succeeded()
                except Exception as error:
                    failures.failed(error)
                await wait_any(self._wake, self._stopping, moved, timeout=timeout)
        finally:
            if self._http is not None:
                await self._http.close()
                self._http = None
            logger.info("event=deliveries.stopped owner=%s", self.owner)

    async def settled(self) -> None:
        """Wait until a whole pass has run that started after this call (for tests)."""
        await self._passes.settled()

    async def _next_due(self) -> datetime | None:
        async with self._session_factory() as session:
            return await Repositories(session, clock=self._clock).deliveries.next_due_at()

    def _session(self) -> aiohttp.ClientSession:
        if self._http is None:
            self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self._timeout))
        return self._http

    async def process_due(self) -> int:
        """Attempt every delivery due now; returns how many attempts were made."""
        attempted = 0
        while True:
            now = self._clock.now()
            async with self._session_factory() as session:
                claimed = await Repositories(session, clock=self._clock).deliveries.claim_due(
                    owner=self.owner, now=now, lease=self._lease, limit=self._batch
                )
                await session.commit()
            await asyncio.gather(*(self._attempt(delivery) for delivery in claimed))
            attempted += len(claimed)
            if len(claimed) < self._batch:
                return attempted

    async def _attempt(self, delivery: Delivery) -> None:
        async with self._slots:
            transport = self._transports.get(delivery.target)
            now = self._clock.now()
            if transport is None:
                outcome = Outcome.refused(f"no transport for {delivery.target!r}")
            else:
                try:
                    outcome = await transport.deliver(self._session(), delivery, now)
                except Exception as error:
                    logger.exception("event=deliveries.transport_failed id=%s", delivery.id)
                    outcome = Outcome.transient(f"error: {type(error).__name__}")
            await self._record(delivery, outcome, self._clock.now())

    async def _record(self, delivery: Delivery, outcome: Outcome, now: datetime) -> None:
        async with self._session_factory() as session:
            repo = Repositories(session, clock=self._clock)
            deliveries = repo.deliveries
            if outcome.ok:
                landed = await deliveries.delivered(
                    delivery.id, owner=self.owner, now=now, status_code=outcome.status
                )
                if landed:
                    await self._outages.landed(repo, delivery)
                if landed and outcome.crm_id is not None and delivery.request_id is not None:
                    await repo.crm_links.add(
                        request_id=delivery.request_id,
                        crm=delivery.target,
                        entity=outcome.crm_entity,
                        crm_id=outcome.crm_id,
                    )
                await session.commit()
                self._metrics.count_delivery(delivery.target, "delivered")
                logger.info(
                    "event=deliveries.delivered id=%s target=%s endpoint=%s attempts=%s",
                    delivery.id,
                    delivery.target,
                    delivery.endpoint,
                    delivery.attempts,
                )
                return
            retry_at = next_attempt(
                outcome,
                attempts=delivery.attempts,
                now=now,
                give_up_at=delivery.give_up_at,
                jitter=self._jitter(),
            )
            if retry_at is not None:
                if await deliveries.retry_at(
                    delivery.id,
                    owner=self.owner,
                    at=retry_at,
                    status_code=outcome.status,
                    error=outcome.error,
                ):
                    await self._outages.failed(repo, delivery, outcome.error, now)
                await session.commit()
                self._metrics.count_delivery(delivery.target, "retry")
                logger.warning(
                    "event=deliveries.retry id=%s endpoint=%s error=%r at=%s",
                    delivery.id,
                    delivery.endpoint,
                    outcome.error,
                    retry_at.isoformat(),
                )
                return
            failed = await deliveries.fail(
                delivery.id, owner=self.owner, status_code=outcome.status, error=outcome.error
            )
            if failed and outcome.retry:
                await self._outages.failed(repo, delivery, outcome.error, now)
            elif failed:
                await self._tell_admins(repo, delivery, outcome.error)
            await session.commit()
        if failed and outcome.retry:
            await self._summarize(delivery)
        # A retryable failure with no time left is "gave_up": the receiver may be back
        # later; "failed" is a receiver that said no.
        result = "gave_up" if outcome.retry else "failed"
        self._metrics.count_delivery(delivery.target, result)
        logger.error(
            "event=deliveries.%s id=%s endpoint=%s error=%r",
            result,
            delivery.id,
            delivery.endpoint,
            outcome.error,
        )

    async def _summarize(self, delivery: Delivery) -> None:
        """The summary of the give-ups, in a transaction after the give-up's own."""
        async with self._session_factory() as session:
            await self._outages.gave_up(Repositories(session, clock=self._clock), delivery)
            await session.commit()

    async def _tell_admins(self, repo: Repositories, delivery: Delivery, error: str) -> None:
        """A receiver's "no": each admin hears once, in the transaction that marks the
        delivery failed, since each such delivery needs a look (a give-up goes to the
        receiver's summary instead)."""
        now = repo.clock.now()
        for admin in await admins_to_tell(repo, i18n=self._i18n, admin_ids=self._admin_ids):
            await self._outbox.enqueue(
                repo,
                chat_id=admin.id,
                text=admin.t(
                    "webhooks-failed-notice",
                    id=delivery.id,
                    event=delivery.event,
                    receiver=delivery.endpoint,
                    error=error,
                ),
                not_before=self._windows.send_at(admin.person, now, urgent=False),
            )
