"""What comes after the take: next steps with a deadline, meetings, and their recaps."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, known_values


class StepStatus(StrEnum):
    """A next step is open until somebody marks it done, or it is cancelled."""

    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class MeetingStatus(StrEnum):
    """A planned meeting is held (its end passed and the owner confirmed) or cancelled."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class RecapStatus(StrEnum):
    """Where the recap of a meeting is: written, sent, and what the client answered."""

    NONE = "none"
    SENT = "sent"
    CONFIRMED = "confirmed"
    CORRECTIONS = "corrections"
    NO_ANSWER = "no_answer"


class NextStep(Base):
    """One agreed action on a request: what, by when, and who does it.

    ``escalation_level`` counts the overdue notices already sent (1: the assignee,
    2: their manager), so a notice is never sent twice for the same deadline.
    """

    __tablename__ = "next_steps"
    __table_args__ = (known_values("status", StepStatus), Index(None, "request_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(String(500))
    due_at: Mapped[datetime]
    assignee_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id"))
    created_by: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16), default=StepStatus.OPEN.value)
    done_at: Mapped[datetime | None]
    escalation_level: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]


class Meeting(Base):
    """A meeting with the client: when, where, why (both sides' goals), and its recap.

    ``successful`` is set once the client confirmed the recap: that is what the team
    counts as a meeting that worked.
    """

    __tablename__ = "meetings"
    __table_args__ = (
        known_values("status", MeetingStatus),
        known_values("recap_status", RecapStatus),
        Index(None, "request_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]
    duration_minutes: Mapped[int]
    place: Mapped[str] = mapped_column(String(500))
    our_goal: Mapped[str] = mapped_column(Text)
    client_goal: Mapped[str] = mapped_column(Text)
    moderator_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id"))
    created_by: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16), default=MeetingStatus.PLANNED.value)
    recap_text: Mapped[str | None] = mapped_column(Text)
    recap_status: Mapped[str] = mapped_column(String(16), default=RecapStatus.NONE.value)
    recap_sent_at: Mapped[datetime | None]
    corrections: Mapped[str | None] = mapped_column(Text)
    confirmed_at: Mapped[datetime | None]
    successful: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]


class MeetingParticipant(Base):
    """One team member invited to a meeting; they get its reminders."""

    __tablename__ = "meeting_participants"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
