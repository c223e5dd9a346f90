"""Outgoing deliveries to other systems (signed webhooks, CRM pushes), kept until they land."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.models.types import big_serial


class DeliveryStatus(StrEnum):
    """Where a delivery is; only ``pending`` (and ``sending`` past its lease) go out again."""

    PENDING = "pending"
    SENDING = "sending"
    DELIVERED = "delivered"
    FAILED = "failed"


_STATUS_VALUES = ", ".join(f"'{status.value}'" for status in DeliveryStatus)


class Delivery(Base):
    """One event for one receiver: a webhook endpoint or a CRM.

    Written in the transaction of the change it reports, so it exists exactly when the
    change committed. ``message_id`` is the ``webhook-id`` the receiver sees, the same on
    every retry so that it can drop a repeat; ``body`` is stored as sent, byte for byte.
    ``give_up_at`` ends the retries (24 hours after the event, or after a redelivery);
    ``claimed_by`` and ``claimed_until`` are the lease of the worker sending it. A
    delivery ``in_order`` (a CRM's) waits until the earlier ones of its receiver and
    request have landed: a stage change needs the id the creation returned.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUS_VALUES})", name="status_known"),
        Index(None, "status", "next_attempt_at"),
        Index(None, "request_id"),
    )

    id: Mapped[int] = mapped_column(big_serial(), primary_key=True)
    message_id: Mapped[str] = mapped_column(String(64), unique=True)
    target: Mapped[str] = mapped_column(String(16))
    endpoint: Mapped[str] = mapped_column(String(64))
    event: Mapped[str] = mapped_column(String(64))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=DeliveryStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    give_up_at: Mapped[datetime]
    created_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None]
    last_status: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(String(256))
    in_order: Mapped[bool] = mapped_column(default=False, server_default=false())
