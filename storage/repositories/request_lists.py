"""The lists of requests people page through: their own (/my), the open queue (/queue),
search results, and the work in progress and postponed (/work).

Apart from the requests' other queries because these only read, many rows at a time, for
someone looking: none of them changes a request or takes part in its intake.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, or_, select

from domain.search import phone_fragment
from domain.stages import IN_WORK_STAGES
from storage.models import Request, RequestSearch, Stage
from storage.repositories.base import Repository


class RequestListRepository(Repository):
    """Pages of ``requests``, each in the order its list is read in."""

    async def by_author(
        self, author_id: int, *, offset: int = 0, limit: int = 10
    ) -> list[Request]:
        """One page of an author's requests, newest first (for /my)."""
        result = await self.session.scalars(
            select(Request)
            .where(Request.author_id == author_id)
            .order_by(Request.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return list(result.all())

    async def count_by_author(self, author_id: int) -> int:
        """How many requests an author has submitted."""
        count = await self.session.scalar(
            select(func.count()).select_from(Request).where(Request.author_id == author_id)
        )
        return count or 0

    async def open_queue(self, limit: int = 20) -> list[Request]:
        """New requests nobody has taken, oldest first (for /queue)."""
        result = await self.session.scalars(
            select(Request)
            .where(Request.owner_id.is_(None), Request.stage == Stage.NEW.value)
            .order_by(Request.id)
            .limit(limit)
        )
        return list(result.all())

    async def search(self, text: str, *, phone: str | None, limit: int = 20) -> list[Request]:
        """Requests by number, phone (normalized), e-mail, or a piece of their text.

        Exact matches (indexed) come first; then the newest requests whose searchable
        text contains ``text`` (lowercase) or, for a phone typed in part, its digits.
        """
        exact: list[ColumnElement[bool]] = []
        number = text.lstrip("#")
        if number.isdigit() and int(number) < 2**31:
            exact.append(Request.id == int(number))
        if phone:
            exact.append(Request.phone == phone)
        if "@" in text:
            exact.append(Request.email == text)
        found: dict[int, Request] = {}
        if exact:
            rows = await self.session.scalars(
                select(Request).where(or_(*exact)).order_by(Request.id.desc()).limit(limit)
            )
            found.update((request.id, request) for request in rows)
        needle = phone_fragment(text) or text
        if len(found) < limit:
            ids = await self.session.scalars(
                select(RequestSearch.request_id)
                .where(RequestSearch.text.contains(needle, autoescape=True))
                .order_by(RequestSearch.request_id.desc())
                .limit(limit)
            )
            wanted = [i for i in ids.all() if i not in found][: limit - len(found)]
            if wanted:
                rows = await self.session.scalars(
                    select(Request).where(Request.id.in_(wanted)).order_by(Request.id.desc())
                )
                found.update((request.id, request) for request in rows)
        return list(found.values())

    async def in_work(self, *, limit: int) -> tuple[list[Request], int]:
        """Owned requests in a working stage, the longest in their stage first, and how many."""
        where = (
            Request.stage.in_([stage.value for stage in IN_WORK_STAGES]),
            Request.owner_id.is_not(None),
        )
        # The count is a window over every matching row, taken before the limit: one
        # statement instead of two.
        rows = (
            await self.session.execute(
                select(Request, func.count().over())
                .where(*where)
                .order_by(Request.stage_changed_at)
                .limit(limit)
            )
        ).all()
        return [request for request, _ in rows], (rows[0][1] if rows else 0)

    async def postponed(self, *, limit: int) -> tuple[list[Request], int]:
        """Owned requests postponed to a date, the soonest back first, and how many."""
        where = (
            Request.stage == Stage.POSTPONED.value,
            Request.owner_id.is_not(None),
        )
        rows = (
            await self.session.execute(
                select(Request, func.count().over())
                .where(*where)
                .order_by(Request.postponed_until.asc().nulls_last(), Request.id)
                .limit(limit)
            )
        ).all()
        return [request for request, _ in rows], (rows[0][1] if rows else 0)
