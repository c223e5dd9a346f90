"""Messages the bot sends on its own, kept until Telegram has taken them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.models.types import big_serial


class OutboxStatus(StrEnum):
    """Where an outgoing message is: waiting, in flight, or finished one way or another.

    ``unknown`` was written by earlier versions for a message whose sender died while
    Telegram had it; such a message is now taken back and sent again (at least once),
    so only old rows carry it.
    """

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    DROPPED = "dropped"
    UNKNOWN = "unknown"


_STATUS_VALUES = ", ".join(f"'{status.value}'" for status in OutboxStatus)


class OutboxMessage(Base):
    """One message to one chat (a topic of it, when ``thread_id`` is set).

    Written in the caller's transaction, so a message exists exactly when the work that
    wants it committed; the sender worker drains the table under Telegram's limits.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUS_VALUES})", name="status_known"),
        Index(None, "status", "not_before", "id"),
        Index(None, "chat_id", "id"),
    )

    id: Mapped[int] = mapped_column(big_serial(), primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    thread_id: Mapped[int | None] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)
    reply_markup: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reply_to: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default=OutboxStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(default=0)
    not_before: Mapped[datetime]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(256))
    dedup_key: Mapped[str | None] = mapped_column(String(128), unique=True)
