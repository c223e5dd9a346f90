"""The audit log: who did what, when, to which request."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.models.types import big_serial


class Event(Base):
    """One thing that happened, e.g. ``request.submitted`` or ``user.language_changed``.

    ``actor_id`` is not a foreign key: the log must keep lines about users and
    system jobs that have no row in ``users``.
    """

    __tablename__ = "events"
    __table_args__ = (
        Index(None, "request_id", "id"),
        Index(None, "kind", "id"),
        # "The last request I touched" (/r with no number) is a person's newest line.
        Index(None, "actor_id", "id"),
        # Reports read what happened in a period.
        Index(None, "at"),
    )

    id: Mapped[int] = mapped_column(big_serial(), primary_key=True)
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(64))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id"))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
