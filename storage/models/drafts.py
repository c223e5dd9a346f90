"""Open intake drafts, so an abandoned one can be found and its author reminded once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class Draft(Base):
    """A request someone started and has not submitted or cancelled yet.

    The answers themselves live in the FSM data of the dialog; this row only says that
    a draft exists, when it last moved and whether its author was already reminded.
    """

    __tablename__ = "drafts"
    __table_args__ = (Index(None, "reminded_at", "updated_at"),)

    user_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("users.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    )
    scenario_id: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime]
    reminded_at: Mapped[datetime | None]
