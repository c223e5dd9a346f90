"""Deliveries: written with the change they report, claimed under a lease, closed once."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from storage.models.deliveries import Delivery, DeliveryStatus
from storage.repositories.base import Repository, free_claimed, rowcount

if TYPE_CHECKING:
    from storage.repositories.delivery_outages import DeliveryOutageRepository

# The statuses as stored, for the statements here and in ``delivery_outages``.
PENDING = DeliveryStatus.PENDING.value
SENDING = DeliveryStatus.SENDING.value
FAILED = DeliveryStatus.FAILED.value
DELIVERED = DeliveryStatus.DELIVERED.value


@dataclass(frozen=True, slots=True)
class NewDelivery:
    """What a caller knows of a delivery when it plans one."""

    message_id: str
    target: str
    endpoint: str
    event: str
    request_id: int | None
    body: str
    in_order: bool = False


def requeued(now: datetime, give_up_after: timedelta) -> dict[str, object]:
    """The columns of a failed delivery queued again by an admin: tried from now, for a
    fresh ``give_up_after``, its id and body (so its ``webhook-id``) unchanged."""
    return {
        "status": PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "give_up_at": now + give_up_after,
        "claimed_by": None,
        "claimed_until": None,
    }


def unblocked() -> ColumnElement[bool]:
    """Not ``in_order``, or nothing earlier of its receiver and request is undelivered."""
    earlier = aliased(Delivery)
    waits = (
        select(earlier.id)
        .where(
            earlier.target == Delivery.target,
            earlier.endpoint == Delivery.endpoint,
            earlier.request_id == Delivery.request_id,
            earlier.id < Delivery.id,
            earlier.status != DELIVERED,
        )
        .exists()
    )
    return or_(Delivery.in_order.is_(False), ~waits)


class DeliveryRepository(Repository):
    """Reads and changes ``deliveries``; callers add rows, only the worker moves them on."""

    @property
    def outages(self) -> DeliveryOutageRepository:
        """The same rows seen per receiver: outages, give-ups, "redeliver all"."""
        # Imported here: that module builds on this one's ``unblocked``.
        from storage.repositories.delivery_outages import DeliveryOutageRepository

        return DeliveryOutageRepository(self.session, self._clock)

    async def add_all(
        self, deliveries: Sequence[NewDelivery], *, give_up_after: timedelta
    ) -> None:
        """Plan deliveries in the caller's transaction, due at once."""
        now = self._now(None)
        self.session.add_all(
            Delivery(
                message_id=new.message_id,
                target=new.target,
                endpoint=new.endpoint,
                event=new.event,
                request_id=new.request_id,
                body=new.body,
                in_order=new.in_order,
                status=PENDING,
                attempts=0,
                next_attempt_at=now,
                give_up_at=now + give_up_after,
                created_at=now,
            )
            for new in deliveries
        )
        await self.session.flush()

    async def get(self, delivery_id: int) -> Delivery | None:
        """One delivery by id, as stored now."""
        return await self.session.get(Delivery, delivery_id, populate_existing=True)

    async def find(
        self,
        *,
        status: DeliveryStatus | None = None,
        target: str | None = None,
        request_id: int | None = None,
    ) -> list[Delivery]:
        """Deliveries matching every filter given, oldest first."""
        statement = select(Delivery).order_by(Delivery.id)
        if status is not None:
            statement = statement.where(Delivery.status == status.value)
        if target is not None:
            statement = statement.where(Delivery.target == target)
        if request_id is not None:
            statement = statement.where(Delivery.request_id == request_id)
        return list((await self.session.scalars(statement)).all())

    async def failed(self, *, limit: int) -> list[Delivery]:
        """The latest deliveries that failed for good, newest first."""
        result = await self.session.scalars(
            select(Delivery)
            .where(Delivery.status == FAILED)
            .order_by(Delivery.id.desc())
            .limit(limit)
        )
        return list(result.all())

    async def count_by_status(self) -> dict[str, int]:
        """How many deliveries are in each status."""
        rows = await self.session.execute(
            select(Delivery.status, func.count()).group_by(Delivery.status)
        )
        return {str(key): value for key, value in rows.all()}

    async def take_back_in_flight(self, owners: Collection[str] | None = None) -> int:
        """Free every claimed delivery, or those of ``owners``, whatever its lease: the
        claims of processes known to be dead (see ``bot.in_flight``)."""
        return await free_claimed(
            self.session, Delivery, claimed=SENDING, free=PENDING, owners=owners
        )

    def _claimable(self, now: datetime) -> ColumnElement[bool]:
        """Due and free, or left in ``sending`` by a worker whose lease ran out."""
        return and_(
            or_(
                and_(Delivery.status == PENDING, Delivery.next_attempt_at <= now),
                and_(Delivery.status == SENDING, Delivery.claimed_until < now),
            ),
            unblocked(),
        )

    async def claim_due(
        self, *, owner: str, now: datetime, lease: timedelta, limit: int
    ) -> list[Delivery]:
        """Take up to ``limit`` due deliveries for ``owner`` with one conditional UPDATE.

        As with reminders, the condition is checked again on the row each worker locks
        (PostgreSQL) or writes alone (SQLite), so two workers never take the same row.
        """
        due_ids = (
            select(Delivery.id)
            .where(self._claimable(now))
            .order_by(Delivery.next_attempt_at, Delivery.id)
            .limit(limit)
            .scalar_subquery()
        )
        await self.session.execute(
            update(Delivery)
            .where(Delivery.id.in_(due_ids), self._claimable(now))
            .values(
                status=SENDING,
                claimed_by=owner,
                claimed_until=now + lease,
                attempts=Delivery.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
        result = await self.session.scalars(
            select(Delivery)
            .where(Delivery.status == SENDING, Delivery.claimed_by == owner)
            .order_by(Delivery.next_attempt_at, Delivery.id)
            .execution_options(populate_existing=True)
        )
        return list(result.all())

    async def next_due_at(self) -> datetime | None:
        """When the worker must look again: the earliest retry or lease expiry."""
        pending = await self.session.scalar(
            select(func.min(Delivery.next_attempt_at)).where(
                Delivery.status == PENDING, unblocked()
            )
        )
        stuck = await self.session.scalar(
            select(func.min(Delivery.claimed_until)).where(Delivery.status == SENDING)
        )
        moments = [moment for moment in (pending, stuck) if moment is not None]
        return min(moments) if moments else None

    async def delivered(
        self, delivery_id: int, *, owner: str, now: datetime, status_code: int | None
    ) -> bool:
        """The receiver took it; ``False`` if another worker holds the row now."""
        return await self._close(
            delivery_id,
            owner,
            status=DeliveryStatus.DELIVERED.value,
            delivered_at=now,
            last_status=status_code,
            last_error=None,
        )

    async def retry_at(
        self,
        delivery_id: int,
        *,
        owner: str,
        at: datetime,
        status_code: int | None,
        error: str,
    ) -> bool:
        """Give a delivery back to the queue, due again at ``at``."""
        return await self._close(
            delivery_id,
            owner,
            status=PENDING,
            next_attempt_at=at,
            last_status=status_code,
            last_error=error[:256],
        )

    async def fail(
        self, delivery_id: int, *, owner: str, status_code: int | None, error: str
    ) -> bool:
        """Give up on a delivery: it waits for an admin's "redeliver"."""
        return await self._close(
            delivery_id, owner, status=FAILED, last_status=status_code, last_error=error[:256]
        )

    async def redeliver(
        self, delivery_id: int, *, now: datetime, give_up_after: timedelta
    ) -> bool:
        """Queue a failed delivery again, with the same id and body and a fresh 24 hours."""
        result = await self.session.execute(
            update(Delivery)
            .where(Delivery.id == delivery_id, Delivery.status == FAILED)
            .values(**requeued(now, give_up_after))
            .execution_options(synchronize_session=False)
        )
        return rowcount(result) == 1

    async def _close(self, delivery_id: int, owner: str, **values: object) -> bool:
        result = await self.session.execute(
            update(Delivery)
            .where(
                Delivery.id == delivery_id,
                Delivery.status == SENDING,
                Delivery.claimed_by == owner,
            )
            .values(claimed_until=None, **values)
            .execution_options(synchronize_session=False)
        )
        return rowcount(result) == 1
