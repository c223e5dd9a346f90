"""Leases on periodic jobs, so that among several instances one at a time runs each.

A job (the claim-limit check, the pipeline check, the draft reminders, inbox pruning, or
any job a feature adds) asks for its lease before every beat: the instance that holds
it, or finds it free or expired, runs the beat; the others skip it and ask again after
``LEASE_SECONDS``. The holder renews all its leases in the background every third of
that, so a lease never lapses while its holder lives, and when the holder dies (even
``kill -9``) another instance takes the job over within about twice ``LEASE_SECONDS``.
A clean stop hands the leases back at once.

Besides its jobs' leases an instance holds one of its own, ``alive:<instance>``, from its
start (:meth:`JobLeases.stay_alive`): it says the instance lives, so that the work it
claimed is freed soon after it dies (``bot.in_flight``). At a clean stop it is ended, not
handed back, so that what the instance left claimed is freed at the next look too.

The work itself stays safe to repeat (every job asks the database what is due), so a
beat cut short by a crash is simply done again by whoever takes the lease next.

Use: ``every(interval, work, ..., lease=app.leases.for_job("name"))``.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from bot.loop_failures import LoopFailures
from bot.sending.wakeup import Passes, clock_moved, wait_any
from domain.clock import Clock
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)

ALIVE_PREFIX = "alive:"


class JobLease:
    """One job's lease: ``await lease()`` takes or renews it and says whether it is ours."""

    def __init__(self, leases: JobLeases, name: str) -> None:
        self._leases = leases
        self.name = name

    @property
    def retry(self) -> float:
        """Seconds after which an instance that did not get the lease asks again."""
        return self._leases.ttl.total_seconds()

    async def __call__(self) -> bool:
        return await self._leases.hold(self.name)

    async def claim_item(self, key: object, ttl: timedelta) -> bool:
        """Take one piece of the job (one request's card) for ``ttl``, on any instance.

        For work that must start at once wherever it arrives, not wait for the job's
        holder, yet never run twice at the same time. Not renewed: ``ttl`` covers the work.
        """
        return await self._leases.claim(f"{self.name}:{key}", ttl)

    async def release_item(self, key: object) -> None:
        """Hand a piece back when its work is done (or failed)."""
        await self._leases.hand_back(f"{self.name}:{key}")


class JobLeases:
    """The leases this instance asks for, held in the database the instances share."""

    def __init__(
        self, *, session_factory: SessionFactory, clock: Clock, owner: str, ttl: float
    ) -> None:
        self._session_factory = session_factory
        self._clock = clock
        self.owner = owner
        self.ttl = timedelta(seconds=ttl)
        self._held: set[str] = set()
        self._alive = f"{ALIVE_PREFIX}{owner}"
        self._renewed_at = clock.now()
        self._renewals = Passes()
        self._renew_failures = LoopFailures(logger, "lease.renew")

    async def stay_alive(self) -> None:
        """Take this instance's own lease; renewed from then on with the jobs' leases."""
        await self.hold(self._alive)  # the name is this instance's: nobody else holds it

    def for_job(self, name: str) -> JobLease:
        """The lease of one job."""
        return JobLease(self, name)

    async def hold(self, name: str) -> bool:
        """Take or renew ``name``; False while another instance holds it."""
        async with self._session_factory() as session:
            held = await Repositories(session, clock=self._clock).leases.acquire(
                name, owner=self.owner, ttl=self.ttl
            )
            await session.commit()
        if held and name not in self._held:
            logger.info("event=lease.taken name=%s owner=%s", name, self.owner)
            self._held.add(name)
        elif not held:
            self._held.discard(name)
        return held

    async def claim(self, name: str, ttl: timedelta) -> bool:
        """Take ``name`` once until ``ttl`` from now; neither renewed nor handed back at stop."""
        async with self._session_factory() as session:
            held = await Repositories(session, clock=self._clock).leases.acquire(
                name, owner=self.owner, ttl=ttl
            )
            await session.commit()
        return held

    async def hand_back(self, name: str) -> None:
        """Release a lease taken with :meth:`claim`."""
        async with self._session_factory() as session:
            await Repositories(session, clock=self._clock).leases.release(name, owner=self.owner)
            await session.commit()

    async def keep_renewed(self, stop: asyncio.Event) -> None:
        """Renew every lease held here every third of the lease, until ``stop``.

        The beat follows the bot's clock, so a test moves the clock past it instead of
        waiting in real time.
        """
        period = self.ttl / 3
        while not stop.is_set():
            moved = clock_moved(self._clock)
            left = (self._renewed_at + period - self._clock.now()).total_seconds()
            if left > 0:
                await wait_any(stop, moved, timeout=left)
                continue
            self._renewed_at = self._clock.now()
            await self._renewals.run(self._renew_held)

    async def renewed(self) -> None:
        """Wait for the next renewal the beat runs (a test's view of ``keep_renewed``)."""
        await self._renewals.settled()

    async def _renew_held(self) -> None:
        for name in sorted(self._held):
            try:
                await self.hold(name)
                self._renew_failures.succeeded()
            except Exception as error:
                self._renew_failures.failed(error, f"name={name}")

    async def release_all(self) -> None:
        """Hand back every lease held here, so another instance goes on without waiting."""
        if not self._held:
            return
        async with self._session_factory() as session:
            leases = Repositories(session, clock=self._clock).leases
            for name in sorted(self._held):
                if name == self._alive:
                    await leases.expire(name, owner=self.owner)
                else:
                    await leases.release(name, owner=self.owner)
            await session.commit()
        self._held.clear()
