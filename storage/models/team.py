"""What the team group adds to a request: forum topics and the claim clock."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class TeamTopic(Base):
    """A forum topic the bot opened in the team group for the cards of one scenario topic.

    Opened once and remembered, so every card of a scenario lands in the same topic.
    """

    __tablename__ = "team_topics"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    thread_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]


class RequestTracking(Base):
    """The team-group side of one request, beside the request row itself.

    ``waiting_since`` is when the request last became free to claim (posting or release),
    which is what claim limits count from; ``escalation_level`` is how many limits have
    already been reported, so a reminder is never sent twice. ``thread_id`` is the
    request's own forum topic, ``thread_name`` the name last given to it.
    """

    __tablename__ = "request_tracking"
    # A message in a request's own topic is added to it: found by its thread.
    __table_args__ = (Index(None, "thread_id"),)

    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    waiting_since: Mapped[datetime | None]
    escalation_level: Mapped[int] = mapped_column(default=0)
    escalated_at: Mapped[datetime | None]
    thread_id: Mapped[int | None] = mapped_column(BigInteger)
    thread_name: Mapped[str | None] = mapped_column(String(128))
