"""What is waiting to go out: the figures health checks and metrics report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from storage.models import OutboxMessage, OutboxStatus, Reminder, ReminderStatus
from storage.repositories.base import Repository

_WAITING = (OutboxStatus.PENDING.value, OutboxStatus.SENDING.value)
_OPEN_REMINDERS = (ReminderStatus.PENDING.value, ReminderStatus.SENDING.value)


@dataclass(frozen=True)
class Backlog:
    """The outbox's depth and the age of its oldest message; reminders due and late."""

    outbox_depth: int
    outbox_oldest_age: float
    reminders_due: int
    reminders_late: int


class BacklogRepository(Repository):
    """Three counting queries; run when metrics are scraped, never per update."""

    async def measure(self, *, late_after: timedelta, now: datetime | None = None) -> Backlog:
        """The backlog now; a reminder is late when due for longer than ``late_after``."""
        moment = self._now(now)
        depth, oldest = (
            await self.session.execute(
                select(func.count(), func.min(OutboxMessage.created_at)).where(
                    OutboxMessage.status.in_(_WAITING)
                )
            )
        ).one()
        open_reminders = Reminder.status.in_(_OPEN_REMINDERS)
        due = await self.session.scalar(
            select(func.count()).where(open_reminders, Reminder.due_at <= moment)
        )
        late = await self.session.scalar(
            select(func.count()).where(open_reminders, Reminder.due_at <= moment - late_after)
        )
        return Backlog(
            outbox_depth=int(depth or 0),
            outbox_oldest_age=0.0
            if oldest is None
            else max(0.0, (moment - oldest).total_seconds()),
            reminders_due=int(due or 0),
            reminders_late=int(late or 0),
        )
