"""Open intake drafts: touched on every answer, found when abandoned, reminded once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update

from storage.models.drafts import Draft
from storage.repositories.base import Repository, rowcount
from storage.upsert import upsert


class DraftRepository(Repository):
    """Reads and changes ``drafts``."""

    async def touch(self, *, user_id: int, scenario_id: str, now: datetime | None = None) -> None:
        """Record that a draft moved; a moved draft may be reminded about again later."""
        statement = upsert(
            self.session.get_bind().dialect.name,
            Draft.__table__,
            key=("user_id",),
            replace=("scenario_id", "updated_at"),
            clear=("reminded_at",),
        )
        await (await self._core()).execute(
            statement,
            {"user_id": user_id, "scenario_id": scenario_id, "updated_at": self._now(now)},
        )

    async def discard(self, user_id: int) -> None:
        """Forget the draft: it was submitted, cancelled or discarded."""
        await self.session.execute(delete(Draft).where(Draft.user_id == user_id))

    async def abandoned(self, *, idle_since: datetime, limit: int = 100) -> list[Draft]:
        """Drafts untouched since ``idle_since`` whose authors were not reminded yet."""
        result = await self.session.scalars(
            select(Draft)
            .where(Draft.reminded_at.is_(None), Draft.updated_at <= idle_since)
            .order_by(Draft.updated_at)
            .limit(limit)
        )
        return list(result.all())

    async def mark_reminded(self, user_id: int, *, idle_since: datetime, now: datetime) -> bool:
        """Claim the one reminder of a draft; ``False`` if it was reminded or moved meanwhile."""
        result = await self.session.execute(
            update(Draft)
            .where(
                Draft.user_id == user_id,
                Draft.reminded_at.is_(None),
                Draft.updated_at <= idle_since,
            )
            .values(reminded_at=now)
        )
        return rowcount(result) == 1
