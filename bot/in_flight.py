"""What a dead process of the bot left in flight goes back to its queue as soon as its death
is known, not when each of its claims runs out.

Outbox messages, reminders and outgoing deliveries are claimed for a while (a lease) before
their work is done, so that one whose worker dies mid-call is not held forever: another
worker takes it once the lease runs out. A claim lasts as long as a call and its quick
retries may take (two minutes for a message), and meanwhile the chat's later messages wait
behind it, a request's receipt among them. Two things tell sooner that the claimer is gone:

- a polling process is the only one (``bot.cluster.single_poller``): every claim it finds
  at its start was made by a process that is gone (``take_back_in_flight``);
- every process holds a lease of its own, ``alive:<instance>``, renewed with its job leases
  (``bot.cluster.leases``) and ended, not deleted, when it stops. Work is claimed under the
  instance's name. Once that lease has run out (``LEASE_SECONDS``: seconds, not minutes),
  and stays so for half a lease more (not just late after a database outage), the holder
  of the ``dead_instances`` job frees what was claimed under the name and forgets the
  lease (:class:`DeadInstances`). An instance merely starved for longer than that loses
  its claims as it would at their own expiry.

What was in flight may have arrived: it is sent again, as after a lease runs out.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime

from bot.cluster.leases import ALIVE_PREFIX
from domain.clock import Clock
from storage.models import OutboxMessage
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)

JOB = "dead_instances"


@dataclass(frozen=True, slots=True)
class TakenBack:
    """What went back to the queues."""

    messages: list[OutboxMessage]
    reminders: int
    deliveries: int

    def __bool__(self) -> bool:
        return bool(self.messages or self.reminders or self.deliveries)

    def log(self, event: str) -> None:
        for message in self.messages:
            logger.warning(
                "event=%s.sent_again outbox_id=%s chat_id=%s", event, message.id, message.chat_id
            )
        if self.reminders or self.deliveries:
            logger.warning(
                "event=%s.took_back reminders=%s deliveries=%s",
                event,
                self.reminders,
                self.deliveries,
            )


async def _take_back(repo: Repositories, owners: Collection[str] | None) -> TakenBack:
    return TakenBack(
        messages=await repo.outbox.take_back_in_flight(owners),
        reminders=await repo.reminders.take_back_in_flight(owners),
        deliveries=await repo.deliveries.take_back_in_flight(owners),
    )


async def take_back_in_flight(session_factory: SessionFactory, clock: Clock) -> None:
    """Return every claimed message, reminder and delivery to its queue."""
    async with session_factory() as session:
        taken = await _take_back(Repositories(session, clock=clock), None)
        await session.commit()
    taken.log("start")


class DeadInstances:
    """Finds the instances whose ``alive:`` lease ran out and frees what they had claimed.

    An instance is taken for dead when its lease, expired, is still the same ``grace``
    seconds (real ones) after a look first found it so. After a database outage every
    instance's lease has run out, and the one holding this job may look before the others
    have renewed theirs; they do within a third of a lease, so a grace of half a lease
    leaves only the dead. Real seconds, because the bot's clock may jump (a test moving it
    by hours) while the living have had no time to renew. The looking instance (``own``)
    is alive by definition, whatever its lease says.
    """

    def __init__(
        self,
        session_factory: SessionFactory,
        clock: Clock,
        *,
        own: str,
        grace: float,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._session_factory = session_factory
        self._clock = clock
        self._own = own
        self._grace = grace
        self._monotonic = monotonic
        self._suspects: dict[str, tuple[datetime, float]] = {}
        """Expired leases seen so far: their expiry, and when a look first saw it."""

    async def look(self) -> TakenBack:
        """Free what the instances found dead had claimed; forget their leases."""
        now = self._monotonic()
        async with self._session_factory() as session:
            repo = Repositories(session, clock=self._clock)
            expired = [
                lease
                for lease in await repo.leases.expired(ALIVE_PREFIX)
                if lease.owner != self._own
            ]
            suspects: dict[str, tuple[datetime, float]] = {}
            for lease in expired:
                known = self._suspects.get(lease.name)
                if known is None or known[0] != lease.expires_at:  # new, or renewed since
                    known = (lease.expires_at, now)
                suspects[lease.name] = known
            self._suspects = suspects
            dead = [lease for lease in expired if now - suspects[lease.name][1] >= self._grace]
            if not dead:
                return TakenBack([], 0, 0)
            taken = await _take_back(repo, sorted({lease.owner for lease in dead}))
            await repo.leases.forget([lease.name for lease in dead])
            await session.commit()
        for lease in dead:  # forgotten: the next look no longer finds them among the suspects
            logger.warning("event=instance.gone instance=%s", lease.owner)
        taken.log("instance_gone")
        return taken
