"""Lead and presale requests with the answers and files they were submitted with."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base
from storage.models.enums import Priority, Stage


class Request(Base):
    """One request; its ``id`` is the number users see, so it is never reused.

    ``phone``, ``email`` and ``company_key`` are normalized copies of answers, kept
    as columns so duplicate detection is an index lookup.
    """

    __tablename__ = "requests"
    __table_args__ = (
        # /my lists an author's requests newest first; /queue lists unowned ones
        # oldest first (owner_id IS NULL is an index range on both backends), and
        # the same index serves an expert's own requests.
        Index(None, "author_id", "id"),
        Index(None, "owner_id", "id"),
        Index(None, "stage", "stage_changed_at"),
        Index(None, "phone"),
        Index(None, "email"),
        Index(None, "company_key"),
        # Reports pick the requests submitted in a period.
        Index(None, "created_at"),
        # Without AUTOINCREMENT SQLite may hand out the number of a deleted last row again.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(64))
    scenario_version: Mapped[int]
    author_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id"))
    title: Mapped[str | None] = mapped_column(String(512))
    client_name: Mapped[str | None] = mapped_column(String(512))
    company_key: Mapped[str | None] = mapped_column(String(256))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(320))
    priority: Mapped[str] = mapped_column(String(16), default=Priority.NORMAL.value)
    stage: Mapped[str] = mapped_column(String(32), default=Stage.NEW.value)
    owner_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("users.id"))
    taken_at: Mapped[datetime | None]
    stage_changed_at: Mapped[datetime]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    team_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    team_message_id: Mapped[int | None] = mapped_column(BigInteger)
    topic_thread_id: Mapped[int | None] = mapped_column(BigInteger)
    lost_reason: Mapped[str | None] = mapped_column(Text)
    postponed_until: Mapped[datetime | None]

    # lazy="raise": in async code a forgotten eager load must fail loudly, not block.
    answers: Mapped[list[RequestAnswer]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="RequestAnswer.id",
        back_populates="request",
    )
    attachments: Mapped[list[RequestAttachment]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="RequestAttachment.id",
        back_populates="request",
    )


class RequestAnswer(Base):
    """The answer to one scenario field: the normalized value and how it is shown."""

    __tablename__ = "request_answers"
    __table_args__ = (
        # Also serves the foreign key lookup by request_id.
        Index(None, "request_id", "field_id", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    field_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[Any] = mapped_column(JSON)
    display: Mapped[str] = mapped_column(Text)

    request: Mapped[Request] = relationship(back_populates="answers", lazy="raise")


class RequestAttachment(Base):
    """A file of a request, kept by its Telegram file id.

    Files sent as the answer to a field have that ``field_id``; files added later through
    the request's view have an empty one, with who added them, when, and whether they
    are meant for the author.
    """

    __tablename__ = "request_attachments"
    __table_args__ = (Index(None, "request_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    field_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    file_id: Mapped[str] = mapped_column(String(256))
    file_unique_id: Mapped[str] = mapped_column(String(128))
    file_name: Mapped[str | None] = mapped_column(String(256))
    added_by: Mapped[int | None] = mapped_column(BigInteger)
    added_at: Mapped[datetime | None]
    for_author: Mapped[bool] = mapped_column(default=False)

    request: Mapped[Request] = relationship(back_populates="attachments", lazy="raise")


class RequestSearch(Base):
    """What /find looks through for one request: client, e-mail, answers and the phone's
    digits, lowercased (see ``domain.search``).

    A narrow table of its own rather than a column of ``requests``: a search that matches
    nothing reads every row, and reading these short rows is several times faster than
    reading the wide rows of ``requests``.
    """

    __tablename__ = "request_search"

    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    text: Mapped[str] = mapped_column(Text)
