"""Invite links to intake: created by managers, used up by the people who follow them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from storage.models import Invite
from storage.repositories.base import Repository, rowcount


class InviteRepository(Repository):
    """``invites``: one row per link; a use is one conditional UPDATE, so a link with one
    use left admits exactly one of two people who follow it at once."""

    async def create(
        self, *, code: str, created_by: int, expires_at: datetime, uses: int
    ) -> Invite:
        invite = Invite(
            code=code,
            created_by=created_by,
            expires_at=expires_at,
            uses_left=uses,
            created_at=self._now(None),
        )
        self.session.add(invite)
        await self.session.flush()
        return invite

    async def use(self, code: str, now: datetime) -> bool:
        """Spend one use of a live link; ``False`` if it is unknown, expired or used up."""
        result = await self.session.execute(
            update(Invite)
            .where(Invite.code == code, Invite.uses_left > 0, Invite.expires_at > now)
            .values(uses_left=Invite.uses_left - 1)
        )
        return rowcount(result) == 1
