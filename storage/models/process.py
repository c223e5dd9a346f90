"""What the process adds around a request: estimates, the closer's calls, intake invites."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, known_values


class EstimateStatus(StrEnum):
    """An estimate is asked, accepted or declined, delivered, and maybe sent back for rework.

    ``cancelled``: its request closed (won, lost or junk) while it was still in hand, so
    it no longer counts as anyone's work and no reminder speaks of it again.
    """

    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    DELIVERED = "delivered"
    REWORK = "rework"
    CANCELLED = "cancelled"


class CloserStatus(StrEnum):
    """The closer was called in, and takes part or leaves it to the owner."""

    CALLED = "called"
    JOINED = "joined"
    DECLINED = "declined"


class Estimate(Base):
    """One estimate asked of an estimator: what, by when, and what came back.

    ``on_time`` is decided at delivery against ``due_at``, for the reports; the file
    delivered is one of the request's attachments, so it sits with the request's files.
    """

    __tablename__ = "estimates"
    __table_args__ = (
        known_values("status", EstimateStatus),
        Index(None, "request_id"),
        Index(None, "estimator_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    estimator_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id"))
    requested_by: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id"))
    scope: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default=EstimateStatus.REQUESTED.value)
    reason: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(String(500))
    attachment_id: Mapped[int | None] = mapped_column(
        ForeignKey("request_attachments.id", ondelete="SET NULL")
    )
    delivered_at: Mapped[datetime | None]
    on_time: Mapped[bool | None]
    created_at: Mapped[datetime]


class CloserCall(Base):
    """The closer called in to decide a discount, a term or a non-standard condition."""

    __tablename__ = "closer_calls"
    __table_args__ = (known_values("status", CloserStatus), Index(None, "request_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    closer_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id"))
    called_by: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=CloserStatus.CALLED.value)
    proposed_time: Mapped[str | None] = mapped_column(String(200))
    answered_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class Invite(Base):
    """A link that makes whoever follows it a lead generator, while it lasts.

    ``uses_left`` counts down with each person admitted; the link stops working at zero
    or at ``expires_at``, whichever comes first.
    """

    __tablename__ = "invites"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_by: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id"))
    expires_at: Mapped[datetime]
    uses_left: Mapped[int]
    created_at: Mapped[datetime]
