"""Timed messages: the database is the source of truth for what is due and what was sent."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.models.types import big_serial


class ReminderStatus(StrEnum):
    """Where a reminder is in its life; only ``pending`` and ``sending`` can still go out."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    DROPPED = "dropped"
    CANCELLED = "cancelled"


_STATUS_VALUES = ", ".join(f"'{status.value}'" for status in ReminderStatus)


class Reminder(Base):
    """One message due at a moment, rendered from ``payload`` by the renderer of its ``kind``.

    "Sent" means handed to the outbox in the same transaction that marks the row sent,
    so a reminder reaches the outbox exactly once. ``claimed_by`` and ``claimed_until``
    are the lease of the engine rendering it; ``outcome`` says why a row was dropped.
    ``recipient_id`` is a user id, a (negative) group id, or 0 for a reminder that decides
    whom to tell when it falls due (``bot.reminders.relay``).
    """

    __tablename__ = "reminders"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUS_VALUES})", name="status_known"),
        Index(None, "status", "due_at"),
        Index(None, "request_id"),
    )

    id: Mapped[int] = mapped_column(big_serial(), primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    due_at: Mapped[datetime]
    recipient_id: Mapped[int] = mapped_column(BigInteger)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    urgent: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(16), default=ReminderStatus.PENDING.value)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    late: Mapped[bool] = mapped_column(default=False)
    outcome: Mapped[str | None] = mapped_column(String(256))
    outbox_id: Mapped[int | None] = mapped_column(BigInteger)
    dedup_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime]
