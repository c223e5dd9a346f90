"""Telegram updates as received, so none is lost or handled twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.models.enums import UpdateStatus

_STATUS_VALUES = ", ".join(f"'{status.value}'" for status in UpdateStatus)


class InboxUpdate(Base):
    """One update fetched from Telegram.

    The poller records a batch here before confirming it to Telegram; a handler marks
    its update done in the same transaction as its own work. The payload is kept as
    the raw JSON text Telegram sent, so it is parsed exactly as aiogram would.
    """

    __tablename__ = "inbox"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUS_VALUES})", name="status_known"),
        Index(None, "status", "update_id"),
        Index(None, "received_at"),
        Index(None, "status", "chat_key", "update_id"),
    )

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    payload: Mapped[str] = mapped_column(Text)
    chat_key: Mapped[int | None] = mapped_column(BigInteger)
    """The chat (or user) whose updates are handled in order, one at a time."""
    status: Mapped[str] = mapped_column(String(16), default=UpdateStatus.PENDING.value)
    error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime]
    handled_at: Mapped[datetime | None]
