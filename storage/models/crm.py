"""Which CRM record stands for a request: its id there, shown in the brief."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class CrmLink(Base):
    """The lead (or deal) a CRM created for a request; one per request and CRM."""

    __tablename__ = "crm_links"

    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True
    )
    crm: Mapped[str] = mapped_column(String(16), primary_key=True)
    entity: Mapped[str] = mapped_column(String(16))
    crm_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
