"""Deliveries seen per receiver: is it down, what gave up, what an admin may send again.

A receiver is one ``(target, endpoint)``: a webhook endpoint, or a CRM (whose endpoint is
its own name). Its outage is everything since its last landing, so it needs no table of
its own: the latest ``delivered_at`` names the outage, and the notices about it are
outbox messages whose ``dedup_key`` carries that name (see ``integrations/outages.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

from storage.models.deliveries import Delivery
from storage.models.outbox import OutboxMessage
from storage.repositories.base import Repository, rowcount
from storage.repositories.deliveries import (
    DELIVERED,
    FAILED,
    PENDING,
    SENDING,
    requeued,
    unblocked,
)


@dataclass(frozen=True, slots=True)
class Receiver:
    """Where deliveries go: ``webhook`` and an endpoint's name, or a CRM and its name."""

    target: str
    endpoint: str


@dataclass(frozen=True, slots=True)
class Trouble:
    """A receiver's state when an attempt to it failed."""

    waiting: int
    """Deliveries still tried (pending or being sent)."""
    oldest: datetime | None
    """When the oldest of them that has failed at least once was made."""


@dataclass(frozen=True, slots=True)
class GiveUps:
    """Deliveries of one receiver that gave up in one window: how many, which, why."""

    count: int
    first_id: int
    last_id: int
    error: str


@dataclass(frozen=True, slots=True)
class FailedGroup:
    """Failed deliveries of one receiver, for one "redeliver all" button."""

    receiver: Receiver
    count: int
    newest_id: int


def _of(receiver: Receiver) -> ColumnElement[bool]:
    return and_(Delivery.target == receiver.target, Delivery.endpoint == receiver.endpoint)


def _gave_up() -> ColumnElement[bool]:
    """A failure that was worth retrying (5xx, 429, a timeout, the network) and ran out of
    time, as opposed to a receiver's "no" (any other 4xx), which is told on its own."""
    return or_(
        Delivery.last_status.is_(None), Delivery.last_status >= 500, Delivery.last_status == 429
    )


class DeliveryOutageRepository(Repository):
    """Reads ``deliveries`` by receiver; moves only failed rows back to the queue."""

    async def trouble(self, receiver: Receiver) -> Trouble:
        """How many wait, and since when the oldest of them that failed was made."""
        waiting, oldest = (
            await self.session.execute(
                select(
                    func.count(),
                    func.min(Delivery.created_at).filter(Delivery.last_error.is_not(None)),
                ).where(_of(receiver), Delivery.status.in_((PENDING, SENDING)))
            )
        ).one()
        return Trouble(waiting=waiting, oldest=oldest)

    async def last_landed(
        self, receiver: Receiver, *, besides: int | None = None
    ) -> datetime | None:
        """When a delivery to ``receiver`` last landed, not counting delivery ``besides``."""
        statement = select(func.max(Delivery.delivered_at)).where(
            _of(receiver), Delivery.status == DELIVERED
        )
        if besides is not None:
            statement = statement.where(Delivery.id != besides)
        return await self.session.scalar(statement)

    async def still_trying(self, receiver: Receiver, *, since: datetime, until: datetime) -> bool:
        """Whether a delivery whose 24 hours end in ``[since, until)`` may still be tried.

        One waiting behind an earlier undelivered one (a CRM's, in order) is not tried
        until that one is redelivered, so it does not hold the window's summary back.
        """
        found = await self.session.scalar(
            select(Delivery.id)
            .where(
                _of(receiver),
                Delivery.status.in_((PENDING, SENDING)),
                Delivery.give_up_at >= since,
                Delivery.give_up_at < until,
                unblocked(),
            )
            .limit(1)
        )
        return found is not None

    async def gave_up(
        self, receiver: Receiver, *, since: datetime, until: datetime
    ) -> GiveUps | None:
        """The deliveries that gave up with their 24 hours ending in ``[since, until)``."""
        row = (
            await self.session.execute(
                select(func.count(), func.min(Delivery.id), func.max(Delivery.id)).where(
                    _of(receiver),
                    Delivery.status == FAILED,
                    Delivery.give_up_at >= since,
                    Delivery.give_up_at < until,
                    _gave_up(),
                )
            )
        ).one()
        count, first_id, last_id = row
        if not count:
            return None
        error = await self.session.scalar(
            select(Delivery.last_error).where(Delivery.id == last_id)
        )
        return GiveUps(count=count, first_id=first_id, last_id=last_id, error=error or "")

    async def failed_count(self, receiver: Receiver) -> int:
        """How many deliveries to ``receiver`` wait for an admin's "redeliver"."""
        count = await self.session.scalar(
            select(func.count()).where(_of(receiver), Delivery.status == FAILED)
        )
        return count or 0

    async def failed_groups(self) -> list[FailedGroup]:
        """Failed deliveries counted by receiver, the receiver with the newest first."""
        rows = await self.session.execute(
            select(Delivery.target, Delivery.endpoint, func.count(), func.max(Delivery.id))
            .where(Delivery.status == FAILED)
            .group_by(Delivery.target, Delivery.endpoint)
            .order_by(func.max(Delivery.id).desc())
        )
        return [
            FailedGroup(Receiver(target, endpoint), count, newest)
            for target, endpoint, count, newest in rows.all()
        ]

    async def redeliver_all(
        self, receiver: Receiver, *, up_to: int, now: datetime, give_up_after: timedelta
    ) -> int:
        """Queue again every failed delivery to ``receiver`` up to id ``up_to``; how many.

        Only failed rows move, each keeping its id, ``webhook-id`` and body: a second press
        finds them queued and moves nothing, so nothing goes out twice because of it.
        """
        result = await self.session.execute(
            update(Delivery)
            .where(_of(receiver), Delivery.status == FAILED, Delivery.id <= up_to)
            .values(**requeued(now, give_up_after))
            .execution_options(synchronize_session=False)
        )
        return rowcount(result)

    async def failing(self, receiver: Receiver) -> bool:
        """Whether any delivery to ``receiver`` waits with an error or failed for good.

        Cheap (the status index, with delivered rows left out), so a landing asks it before
        looking for the outage it may end.
        """
        found = await self.session.scalar(
            select(Delivery.id)
            .where(
                _of(receiver),
                Delivery.status.in_((PENDING, SENDING, FAILED)),
                Delivery.last_error.is_not(None),
            )
            .limit(1)
        )
        return found is not None

    async def told(self, keys: list[str]) -> bool:
        """Whether a notice with one of these ``dedup_key``s was ever queued.

        The outbox keeps each notice's key, so "the admins were warned about this outage"
        needs no column of its own.
        """
        found = await self.session.scalar(
            select(OutboxMessage.id).where(OutboxMessage.dedup_key.in_(keys)).limit(1)
        )
        return found is not None
