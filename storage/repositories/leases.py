"""Leases on shared work: taken, renewed and handed back with one statement each."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from storage.models import Lease
from storage.repositories.base import Repository, rowcount


class LeaseRepository(Repository):
    """Who holds which lease; a lease past its expiry is free for anyone to take."""

    async def acquire(
        self, name: str, *, owner: str, ttl: timedelta, now: datetime | None = None
    ) -> bool:
        """Take ``name`` (or renew it, when ``owner`` holds it) until ``now + ttl``.

        One ``INSERT ... ON CONFLICT DO UPDATE ... WHERE`` decides it, so of several
        instances asking at once exactly one gets a free or expired lease.
        """
        moment = self._now(now)
        table = Lease.__table__
        insert = self._insert(table).values(name=name, owner=owner, expires_at=moment + ttl)
        statement = insert.on_conflict_do_update(
            index_elements=[table.c.name],
            set_={"owner": insert.excluded.owner, "expires_at": insert.excluded.expires_at},
            where=(table.c.owner == owner) | (table.c.expires_at < moment),
        ).returning(table.c.owner)
        result = await (await self._core()).execute(statement)
        return bool(result.scalar() == owner)

    async def release(self, name: str, *, owner: str) -> bool:
        """Hand the lease back so another instance need not wait for it to expire."""
        result = await self.session.execute(
            delete(Lease).where(Lease.name == name, Lease.owner == owner)
        )
        return rowcount(result) == 1

    async def expire(self, name: str, *, owner: str, now: datetime | None = None) -> bool:
        """End the lease now but keep its row, so whoever looks for expired leases sees it
        (an instance stopping: what it left claimed is freed at the next look)."""
        result = await self.session.execute(
            update(Lease)
            .where(Lease.name == name, Lease.owner == owner)
            .values(expires_at=self._now(now) - timedelta(microseconds=1))
        )
        return rowcount(result) == 1

    async def expired(self, prefix: str, *, now: datetime | None = None) -> list[Lease]:
        """The leases named ``prefix...`` past their expiry."""
        result = await self.session.scalars(
            select(Lease).where(
                Lease.name.startswith(prefix, autoescape=True), Lease.expires_at < self._now(now)
            )
        )
        return list(result.all())

    async def forget(self, names: Collection[str], *, now: datetime | None = None) -> int:
        """Delete the leases among ``names`` still expired (one renewed meanwhile stays)."""
        result = await self.session.execute(
            delete(Lease).where(Lease.name.in_(names), Lease.expires_at < self._now(now))
        )
        return rowcount(result)
