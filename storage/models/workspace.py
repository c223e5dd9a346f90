"""What people add to a request after it was submitted, and where each of them last saw it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class RequestView(Base):
    """The message that shows one person the request's view with its live panel.

    One row per request and person: after any change the bot edits that message in place,
    so the buttons someone last saw are always the buttons allowed now. ``seen_at`` also
    answers "the last request I touched" for ``/r`` with no number.
    """

    __tablename__ = "request_views"
    __table_args__ = (Index(None, "user_id", "seen_at"),)

    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    seen_at: Mapped[datetime]


class RequestNote(Base):
    """A text note written on a request; ``for_author`` notes from the team reach the author."""

    __tablename__ = "request_notes"
    __table_args__ = (Index(None, "request_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)
    for_author: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
