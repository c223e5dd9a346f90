"""Named leases: which bot instance does a piece of shared work, and until when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class Lease(Base):
    """One piece of work (a periodic check, a job) held by one instance at a time.

    The holder renews it while it works; an instance that dies stops renewing, and once
    ``expires_at`` passes another instance takes the work over.
    """

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime]
