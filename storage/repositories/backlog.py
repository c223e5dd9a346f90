"""What is waiting to go out, or to be handled: the figures metrics report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from storage.models import OutboxMessage, OutboxStatus, Reminder, ReminderStatus
from storage.repositories.base import Repository
from storage.repositories.updates import UpdateInbox

_WAITING = (OutboxStatus.PENDING.value, OutboxStatus.SENDING.value)
_OPEN_REMINDERS = (ReminderStatus.PENDING.value, ReminderStatus.SENDING.value)


@dataclass(frozen=True)
class Backlog:
    """The outbox's depth and the age of its oldest message; reminders due and late; the
    updates recorded and not handled yet, and the age of the oldest."""

    outbox_depth: int
    outbox_oldest_age: float
    reminders_due: int
    reminders_late: int
    inbox_waiting: int
    inbox_oldest_age: float


class BacklogRepository(Repository):
    """Four counting queries; run when metrics are scraped, never per update."""

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
        waiting, received = await UpdateInbox(self.session, self._clock).waiting()
        return Backlog(
            outbox_depth=int(depth or 0),
            outbox_oldest_age=_age(moment, oldest),
            reminders_due=int(due or 0),
            reminders_late=int(late or 0),
            inbox_waiting=waiting,
            inbox_oldest_age=_age(moment, received),
        )


def _age(now: datetime, since: datetime | None) -> float:
    """Seconds since ``since``; 0 when there is nothing."""
    return 0.0 if since is None else max(0.0, (now - since).total_seconds())
