"""CRM links: the id a CRM gave each request's lead."""

from __future__ import annotations

from sqlalchemy import select

from storage.models.crm import CrmLink
from storage.repositories.base import Repository


class CrmLinkRepository(Repository):
    """Written by the delivery worker when a CRM answers with an id; read by the brief."""

    async def add(self, *, request_id: int, crm: str, entity: str, crm_id: str) -> None:
        """Remember the id; a second answer for the same request and CRM changes nothing."""
        await self.session.execute(
            self._insert(CrmLink)
            .values(
                request_id=request_id,
                crm=crm,
                entity=entity,
                crm_id=crm_id,
                created_at=self._now(None),
            )
            .on_conflict_do_nothing(index_elements=[CrmLink.request_id, CrmLink.crm])
        )

    async def get(self, request_id: int, crm: str) -> CrmLink | None:
        return await self.session.get(CrmLink, (request_id, crm), populate_existing=True)

    async def of_request(self, request_id: int) -> list[CrmLink]:
        """Every CRM record of one request, by CRM name."""
        result = await self.session.scalars(
            select(CrmLink).where(CrmLink.request_id == request_id).order_by(CrmLink.crm)
        )
        return list(result.all())
