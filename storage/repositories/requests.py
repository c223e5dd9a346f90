"""Requests: intake, duplicates, and who owns what (the lists people page through are
``request_lists``, the team-group cards ``team_cards``)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from domain.search import search_text
from storage.models import (
    FINAL_STAGES,
    AttachmentKind,
    Priority,
    Request,
    RequestAnswer,
    RequestAttachment,
    RequestSearch,
    Stage,
)
from storage.repositories.base import Repository, rowcount


@dataclass(frozen=True, slots=True)
class NewAnswer:
    """One answered field of a submitted form: the normalized value and its display text."""

    field_id: str
    value: Any
    display: str


@dataclass(frozen=True, slots=True)
class NewAttachment:
    """One file sent as the answer to a field."""

    field_id: str
    kind: AttachmentKind
    file_id: str
    file_unique_id: str
    file_name: str | None = None


class RequestRepository(Repository):
    """Reads and changes ``requests`` with their answers and attachments."""

    async def create(
        self,
        *,
        scenario_id: str,
        scenario_version: int,
        author_id: int,
        answers: Sequence[NewAnswer],
        attachments: Sequence[NewAttachment] = (),
        title: str | None = None,
        client_name: str | None = None,
        company_key: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        priority: Priority = Priority.NORMAL,
        now: datetime | None = None,
    ) -> Request:
        """Add a request in the caller's transaction; its ``id`` is set on return."""
        moment = self._now(now)
        request = Request(
            scenario_id=scenario_id,
            scenario_version=scenario_version,
            author_id=author_id,
            title=title,
            client_name=client_name,
            company_key=company_key,
            phone=phone,
            email=email.lower() if email else None,
            priority=priority.value,
            stage=Stage.NEW.value,
            stage_changed_at=moment,
            created_at=moment,
            updated_at=moment,
            answers=[
                RequestAnswer(field_id=a.field_id, value=a.value, display=a.display)
                for a in answers
            ],
            attachments=[
                RequestAttachment(
                    field_id=a.field_id,
                    kind=a.kind.value,
                    file_id=a.file_id,
                    file_unique_id=a.file_unique_id,
                    file_name=a.file_name,
                )
                for a in attachments
            ],
        )
        self.session.add(request)
        await self.session.flush()
        text = search_text([client_name, email, *(a.display for a in answers)], phone=phone)
        self.session.add(RequestSearch(request_id=request.id, text=text))
        await self.session.flush()
        return request

    async def get(self, request_id: int) -> Request | None:
        """The request alone (its answers are not loaded)."""
        return await self.session.get(Request, request_id)

    async def with_answers(self, request_id: int) -> Request | None:
        """The request with its answers and attachments loaded."""
        return await self.session.scalar(
            select(Request)
            .where(Request.id == request_id)
            .options(selectinload(Request.answers), selectinload(Request.attachments))
            .execution_options(populate_existing=True)
        )

    async def count_since(self, author_id: int, since: datetime) -> int:
        """How many requests an author submitted from ``since`` on: the submission rate."""
        count = await self.session.scalar(
            select(func.count())
            .select_from(Request)
            .where(Request.author_id == author_id, Request.created_at >= since)
        )
        return count or 0

    async def find_duplicates(
        self,
        *,
        phone: str | None,
        email: str | None,
        company_key: str | None,
        since: datetime,
        exclude_author: int | None = None,
        limit: int = 20,
    ) -> list[Request]:
        """Recent requests sharing the phone, the e-mail or the company, newest first."""
        matches: list[ColumnElement[bool]] = []
        if phone:
            matches.append(Request.phone == phone)
        if email:
            matches.append(Request.email == email.lower())
        if company_key:
            matches.append(Request.company_key == company_key)
        if not matches:
            return []
        statement = (
            select(Request)
            .where(or_(*matches), Request.created_at >= since)
            .order_by(Request.id.desc())
            .limit(limit)
        )
        if exclude_author is not None:
            statement = statement.where(Request.author_id != exclude_author)
        result = await self.session.scalars(statement)
        return list(result.all())

    async def claim(self, request_id: int, user_id: int, now: datetime) -> bool:
        """Take a new, unowned request; exactly one of many concurrent claimers wins.

        One conditional UPDATE: the database decides the race, whichever backend.
        """
        return await change_request(
            self.session,
            request_id,
            (Request.owner_id.is_(None), Request.stage == Stage.NEW.value),
            owner_id=user_id,
            stage=Stage.TAKEN.value,
            taken_at=now,
            stage_changed_at=now,
            updated_at=now,
        )

    async def release(self, request_id: int, user_id: int, now: datetime) -> bool:
        """Give an open request back to the queue; only its owner can."""
        return await change_request(
            self.session,
            request_id,
            (
                Request.owner_id == user_id,
                Request.stage.not_in([stage.value for stage in FINAL_STAGES]),
            ),
            owner_id=None,
            stage=Stage.NEW.value,
            taken_at=None,
            stage_changed_at=now,
            updated_at=now,
        )

    async def set_stage(
        self,
        request_id: int,
        stage: Stage,
        now: datetime,
        *,
        only_from: Collection[Stage] | None = None,
        owner_id: int | None = None,
        lost_reason: str | None = None,
        postponed_until: datetime | None = None,
    ) -> bool:
        """Move a request to ``stage``; ``False`` if it is gone or the guard fails.

        ``only_from`` and ``owner_id`` make the move conditional in the same
        statement, so two people pressing buttons at once cannot both succeed.
        ``lost_reason`` and ``postponed_until`` belong to this move: any later move
        clears them.
        """
        guards: list[ColumnElement[bool]] = []
        if only_from is not None:
            guards.append(Request.stage.in_([s.value for s in only_from]))
        if owner_id is not None:
            guards.append(Request.owner_id == owner_id)
        return await change_request(
            self.session,
            request_id,
            guards,
            stage=stage.value,
            stage_changed_at=now,
            updated_at=now,
            lost_reason=lost_reason,
            postponed_until=postponed_until,
        )


async def change_request(
    session: AsyncSession,
    request_id: int,
    guards: Sequence[ColumnElement[bool]],
    **values: Any,
) -> bool:
    """Update one request if ``guards`` hold; whether it did (a guard is the race check)."""
    result = await session.execute(
        update(Request)
        .where(Request.id == request_id, *guards)
        .values(**values)
        .execution_options(synchronize_session="fetch")
    )
    return rowcount(result) == 1
