"""What a periodic job remembers between its runs, whichever instance runs it next."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class JobState(Base):
    """The memory of one job held by a lease (``leases.name``).

    A job that tells people when something begins and when it ends must remember what it
    told them: kept in one instance's memory, it would be told again by the instance that
    takes the lease over (or by the same one after a restart), and the end of it never.
    """

    __tablename__ = "job_states"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]
