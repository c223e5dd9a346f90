"""Reminders: scheduled, claimed under a lease, finished exactly once."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

from storage.models.reminders import Reminder, ReminderStatus
from storage.repositories.base import Repository, free_claimed, rowcount

_PENDING = ReminderStatus.PENDING.value
_SENDING = ReminderStatus.SENDING.value


class ReminderRepository(Repository):
    """Reads and changes ``reminders``; the engine and feature code share it."""

    async def add(
        self,
        *,
        kind: str,
        due_at: datetime,
        recipient_id: int,
        payload: dict[str, Any] | None = None,
        urgent: bool = False,
        request_id: int | None = None,
        dedup_key: str | None = None,
        replace: bool = False,
        now: datetime | None = None,
    ) -> Reminder | None:
        """Plan a reminder; with a ``dedup_key`` already taken, ``None`` (or, with
        ``replace``, the existing row planned anew, whatever its status was)."""
        values: dict[str, Any] = {
            "kind": kind,
            "due_at": due_at,
            "recipient_id": recipient_id,
            "payload": dict(payload or {}),
            "urgent": urgent,
            "request_id": request_id,
        }
        reminder_id = await self.session.scalar(
            self._insert(Reminder)
            .values(
                dedup_key=dedup_key,
                status=_PENDING,
                late=False,
                created_at=self._now(now),
                **values,
            )
            .on_conflict_do_nothing(index_elements=[Reminder.dedup_key])
            .returning(Reminder.id)
        )
        if reminder_id is None:
            if not replace:
                return None
            reminder_id = await self.session.scalar(
                update(Reminder)
                .where(Reminder.dedup_key == dedup_key)
                .values(
                    status=_PENDING,
                    claimed_by=None,
                    claimed_until=None,
                    sent_at=None,
                    late=False,
                    outcome=None,
                    outbox_id=None,
                    **values,
                )
                .returning(Reminder.id)
            )
        return await self.session.get(Reminder, reminder_id, populate_existing=True)

    async def get(self, reminder_id: int) -> Reminder | None:
        """One reminder by id."""
        return await self.session.get(Reminder, reminder_id)

    async def by_dedup_key(self, dedup_key: str) -> Reminder | None:
        """The reminder planned under ``dedup_key``, whatever its status."""
        return await self.session.scalar(select(Reminder).where(Reminder.dedup_key == dedup_key))

    async def find(
        self,
        *,
        kind: str | None = None,
        recipient_id: int | None = None,
        request_id: int | None = None,
        status: ReminderStatus | None = None,
    ) -> list[Reminder]:
        """Reminders matching every filter given, oldest first."""
        statement = select(Reminder).order_by(Reminder.id)
        if kind is not None:
            statement = statement.where(Reminder.kind == kind)
        if recipient_id is not None:
            statement = statement.where(Reminder.recipient_id == recipient_id)
        if request_id is not None:
            statement = statement.where(Reminder.request_id == request_id)
        if status is not None:
            statement = statement.where(Reminder.status == status.value)
        return list((await self.session.scalars(statement)).all())

    async def cancel(
        self,
        *,
        reminder_id: int | None = None,
        dedup_key: str | None = None,
        request_id: int | None = None,
        kind: str | None = None,
        recipient_id: int | None = None,
    ) -> int:
        """Cancel what has not gone out yet and matches every filter given; returns how many.

        A reminder being rendered right now is cancelled too: the engine's final write
        is conditional on its claim, so the cancellation wins if it commits first.
        """
        filters: list[ColumnElement[bool]] = []
        if reminder_id is not None:
            filters.append(Reminder.id == reminder_id)
        if dedup_key is not None:
            filters.append(Reminder.dedup_key == dedup_key)
        if request_id is not None:
            filters.append(Reminder.request_id == request_id)
        if kind is not None:
            filters.append(Reminder.kind == kind)
        if recipient_id is not None:
            filters.append(Reminder.recipient_id == recipient_id)
        if not filters:
            raise ValueError("cancel needs at least one filter")
        result = await self.session.execute(
            update(Reminder)
            .where(Reminder.status.in_((_PENDING, _SENDING)), *filters)
            .values(status=ReminderStatus.CANCELLED.value, claimed_by=None, claimed_until=None)
            .execution_options(synchronize_session="fetch")
        )
        return rowcount(result)

    async def take_back_in_flight(self, owners: Collection[str] | None = None) -> int:
        """Free every claimed reminder, or those of ``owners``, whatever its lease: the
        claims of processes known to be dead (see ``bot.in_flight``)."""
        return await free_claimed(
            self.session, Reminder, claimed=_SENDING, free=_PENDING, owners=owners
        )

    def _claimable(self, now: datetime) -> ColumnElement[bool]:
        """Due and free, or left in ``sending`` by an engine whose lease ran out."""
        return or_(
            and_(Reminder.status == _PENDING, Reminder.due_at <= now),
            and_(Reminder.status == _SENDING, Reminder.claimed_until < now),
        )

    async def claim_due(
        self, *, owner: str, now: datetime, lease: timedelta, limit: int = 100
    ) -> list[Reminder]:
        """Take up to ``limit`` due reminders for ``owner`` with one conditional UPDATE.

        Two engines running this at once never get the same row: the condition is
        evaluated again on the row each of them locks (PostgreSQL) or writes alone
        (SQLite), and a row already taken no longer matches it.
        """
        due_ids = (
            select(Reminder.id)
            .where(self._claimable(now))
            .order_by(Reminder.due_at, Reminder.id)
            .limit(limit)
            .scalar_subquery()
        )
        await self.session.execute(
            update(Reminder)
            .where(Reminder.id.in_(due_ids), self._claimable(now))
            .values(status=_SENDING, claimed_by=owner, claimed_until=now + lease)
            .execution_options(synchronize_session=False)
        )
        result = await self.session.scalars(
            select(Reminder)
            .where(Reminder.status == _SENDING, Reminder.claimed_by == owner)
            .order_by(Reminder.due_at, Reminder.id)
            .execution_options(populate_existing=True)
        )
        return list(result.all())

    async def next_due_at(self) -> datetime | None:
        """When the engine must look again: the earliest due time or lease expiry."""
        pending = await self.session.scalar(
            select(func.min(Reminder.due_at)).where(Reminder.status == _PENDING)
        )
        stuck = await self.session.scalar(
            select(func.min(Reminder.claimed_until)).where(Reminder.status == _SENDING)
        )
        moments = [moment for moment in (pending, stuck) if moment is not None]
        if not moments:
            return None
        return min(moments)

    async def postpone(
        self, reminder_id: int, *, owner: str, due_at: datetime, late: bool
    ) -> bool:
        """Give a claimed reminder back, due later (outside working hours, say)."""
        return await self._change_claimed(
            reminder_id,
            owner,
            status=_PENDING,
            due_at=due_at,
            late=late,
            claimed_by=None,
            claimed_until=None,
        )

    async def finish(
        self,
        reminder_id: int,
        *,
        owner: str,
        status: ReminderStatus,
        now: datetime,
        late: bool = False,
        outcome: str | None = None,
        outbox_id: int | None = None,
    ) -> bool:
        """Close a claimed reminder; ``False`` if the claim was lost (cancelled, re-taken)."""
        return await self._change_claimed(
            reminder_id,
            owner,
            status=status.value,
            sent_at=now if status is ReminderStatus.SENT else None,
            late=late,
            outcome=outcome[:256] if outcome else None,
            outbox_id=outbox_id,
            claimed_until=None,
        )

    async def hold(self, reminder_id: int, *, owner: str, until: datetime) -> bool:
        """Give up a claim on a reminder without making it free before ``until``: its
        renderer asked to try later. Claimed by nobody, its due time unchanged, it is
        claimed again then by any engine, as one whose lease ran out."""
        return await self._change_claimed(reminder_id, owner, claimed_by=None, claimed_until=until)

    async def note(self, reminder: Reminder, progress: dict[str, Any]) -> bool:
        """Add ``progress`` to a claimed reminder's payload, for its later tries to read:
        what its renderer has done already. ``False`` if the claim was lost."""
        payload = await self.session.scalar(
            select(Reminder.payload).where(Reminder.id == reminder.id)
        )
        return await self._change_claimed(
            reminder.id, reminder.claimed_by, payload={**(payload or {}), **progress}
        )

    async def _change_claimed(self, reminder_id: int, owner: str | None, **values: Any) -> bool:
        """Change a reminder ``owner`` still holds; ``False`` if the claim was lost meanwhile
        (cancelled, or taken over after its lease ran out)."""
        result = await self.session.execute(
            update(Reminder)
            .where(
                Reminder.id == reminder_id,
                Reminder.status == _SENDING,
                Reminder.claimed_by == owner,
            )
            .values(**values)
            .execution_options(synchronize_session="fetch")
        )
        return rowcount(result) == 1
