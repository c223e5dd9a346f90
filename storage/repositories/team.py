"""The team group: forum topics, the claim clock, assignment and the people in the team."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import case, delete, func, or_, select, update

from storage.models import (
    FINAL_STAGES,
    Request,
    RequestTracking,
    Role,
    Stage,
    TeamTopic,
    User,
    UserRole,
)
from storage.repositories.base import Repository, rowcount

_FINAL = [stage.value for stage in FINAL_STAGES]


class TeamRepository(Repository):
    """Reads and changes ``team_topics`` and ``request_tracking``, and assigns requests."""

    async def topic(self, chat_id: int, key: str) -> int | None:
        """The thread id of the forum topic opened for ``key``, if there is one."""
        return await self.session.scalar(
            select(TeamTopic.thread_id).where(TeamTopic.chat_id == chat_id, TeamTopic.key == key)
        )

    async def lock_topic(self, chat_id: int, key: str) -> None:
        """Wait until no other transaction is opening this topic, and keep it to ours.

        On PostgreSQL a transaction-scoped advisory lock: held until this transaction
        commits, so whoever waited for it (in this process or another instance) then
        reads the topic we saved instead of opening a second one. SQLite has one writer
        and one process, where the caller's in-process lock is enough.
        """
        if self.session.get_bind().dialect.name != "postgresql":
            return
        name = f"presale-desk:topic:{chat_id}:{key}"
        await self.session.execute(
            select(func.pg_advisory_xact_lock(func.hashtextextended(name, 0)))
        )

    async def save_topic(self, chat_id: int, key: str, thread_id: int) -> int:
        """Remember a topic; if another one was saved first, that one wins and is returned."""
        await self.session.execute(
            self._insert(TeamTopic)
            .values(chat_id=chat_id, key=key, thread_id=thread_id, created_at=self._now(None))
            .on_conflict_do_nothing(index_elements=[TeamTopic.chat_id, TeamTopic.key])
        )
        stored = await self.topic(chat_id, key)
        return stored if stored is not None else thread_id

    async def forget_thread(self, chat_id: int, thread_id: int) -> bool:
        """A forum topic was deleted in the group: whatever it was opened for has none now.

        A scenario's cards or a request's own messages then go to a topic opened anew.
        Returns whether anything remembered it.
        """
        topics = await self.session.execute(
            delete(TeamTopic).where(TeamTopic.chat_id == chat_id, TeamTopic.thread_id == thread_id)
        )
        requests = await self.session.execute(
            update(RequestTracking)
            .where(RequestTracking.thread_id == thread_id)
            .values(thread_id=None, thread_name=None)
            .execution_options(synchronize_session="fetch")
        )
        return rowcount(topics) + rowcount(requests) > 0

    async def tracking(self, request_id: int) -> RequestTracking | None:
        """The team-group state of a request."""
        return await self.session.scalar(
            select(RequestTracking)
            .where(RequestTracking.request_id == request_id)
            .execution_options(populate_existing=True)
        )

    async def request_of_thread(self, thread_id: int) -> int | None:
        """The request whose own forum topic ``thread_id`` is."""
        return await self.session.scalar(
            select(RequestTracking.request_id).where(RequestTracking.thread_id == thread_id)
        )

    async def start_waiting(self, request_id: int, since: datetime) -> None:
        """The request is free to claim from ``since``; its claim clock starts over."""
        values: dict[str, Any] = {
            "waiting_since": since,
            "escalation_level": 0,
            "escalated_at": None,
        }
        await self.session.execute(
            self._insert(RequestTracking)
            .values(request_id=request_id, **values)
            .on_conflict_do_update(index_elements=[RequestTracking.request_id], set_=values)
        )

    async def start_clock(self, request_id: int, since: datetime) -> None:
        """Start the claim clock at ``since`` unless it already runs (set at submission)."""
        await self.session.execute(
            self._insert(RequestTracking)
            .values(request_id=request_id, waiting_since=since, escalation_level=0)
            .on_conflict_do_nothing(index_elements=[RequestTracking.request_id])
        )

    async def stop_waiting(self, request_id: int) -> None:
        """Somebody owns the request now; its claim clock stops."""
        await self.session.execute(
            update(RequestTracking)
            .where(RequestTracking.request_id == request_id)
            .values(waiting_since=None)
        )

    async def raise_escalation(
        self, request_id: int, *, since: datetime, to_level: int, now: datetime
    ) -> bool:
        """Record that limit ``to_level`` was reported; ``False`` if it already was.

        Conditional on the clock the caller saw, so a check that runs twice at once, or
        after a release restarted the clock, reports nothing twice.
        """
        result = await self.session.execute(
            update(RequestTracking)
            .where(
                RequestTracking.request_id == request_id,
                RequestTracking.waiting_since == since,
                RequestTracking.escalation_level < to_level,
            )
            .values(escalation_level=to_level, escalated_at=now)
        )
        return rowcount(result) == 1

    async def set_thread(self, request_id: int, thread_id: int, name: str) -> None:
        """Remember the request's own forum topic and the name it has now."""
        values: dict[str, Any] = {"thread_id": thread_id, "thread_name": name}
        await self.session.execute(
            self._insert(RequestTracking)
            .values(request_id=request_id, escalation_level=0, **values)
            .on_conflict_do_update(index_elements=[RequestTracking.request_id], set_=values)
        )

    async def waiting(self, limit: int = 500) -> list[tuple[Request, RequestTracking]]:
        """Unowned new requests whose claim clock runs, oldest first."""
        result = await self.session.execute(
            select(Request, RequestTracking)
            .join(RequestTracking, RequestTracking.request_id == Request.id)
            .where(
                Request.owner_id.is_(None),
                Request.stage == Stage.NEW.value,
                RequestTracking.waiting_since.is_not(None),
            )
            .order_by(Request.id)
            .limit(limit)
        )
        return [(row[0], row[1]) for row in result.all()]

    async def assign(self, request_id: int, owner_id: int, now: datetime) -> bool:
        """Give an open request to ``owner_id``, whoever had it; a new one becomes taken."""
        is_new = Request.stage == Stage.NEW.value
        result = await self.session.execute(
            update(Request)
            .where(Request.id == request_id, Request.stage.not_in(_FINAL))
            .values(
                owner_id=owner_id,
                stage=case((is_new, Stage.TAKEN.value), else_=Request.stage),
                stage_changed_at=case((is_new, now), else_=Request.stage_changed_at),
                taken_at=now,
                updated_at=now,
            )
            .execution_options(synchronize_session="fetch")
        )
        return rowcount(result) == 1

    async def open_counts(self, user_ids: Collection[int]) -> dict[int, int]:
        """How many requests each user owns that are not won or lost yet."""
        if not user_ids:
            return {}
        result = await self.session.execute(
            select(Request.owner_id, func.count())
            .where(Request.owner_id.in_(list(user_ids)), Request.stage.not_in(_FINAL))
            .group_by(Request.owner_id)
        )
        counts = dict.fromkeys(user_ids, 0)
        for owner_id, count in result.all():
            if owner_id is not None:
                counts[int(owner_id)] = int(count)
        return counts

    async def last_taken(self, user_ids: Collection[int]) -> dict[int, datetime]:
        """When each user last got a request, for users who ever did."""
        if not user_ids:
            return {}
        result = await self.session.execute(
            select(Request.owner_id, func.max(Request.taken_at))
            .where(Request.owner_id.in_(list(user_ids)), Request.taken_at.is_not(None))
            .group_by(Request.owner_id)
        )
        return {int(owner): moment for owner, moment in result.all() if owner and moment}

    async def members(self, *, offset: int = 0, limit: int = 10) -> list[User]:
        """People who ever wrote to the bot, those with roles first, then by name."""
        has_role = (
            select(UserRole.user_id).where(UserRole.user_id == User.id).exists().correlate(User)
        )
        result = await self.session.scalars(
            select(User)
            .order_by(case((has_role, 0), else_=1), User.first_name, User.id)
            .offset(offset)
            .limit(limit)
        )
        return list(result.all())

    async def count_members(self) -> int:
        """How many people ever wrote to the bot."""
        return int(await self.session.scalar(select(func.count()).select_from(User)) or 0)

    async def find_user(self, handle: str) -> User | None:
        """A user by ``@username`` (any case) or by numeric Telegram id."""
        handle = handle.strip().removeprefix("@")
        if not handle:
            return None
        conditions = [func.lower(User.username) == handle.lower()]
        if handle.isdigit():
            conditions.append(User.id == int(handle))
        return await self.session.scalar(select(User).where(or_(*conditions)).limit(1))

    async def users(self, user_ids: Collection[int]) -> dict[int, User]:
        """Several users by id."""
        if not user_ids:
            return {}
        result = await self.session.scalars(select(User).where(User.id.in_(list(user_ids))))
        return {user.id: user for user in result.all()}

    async def managers_for(
        self, expert_ids: Collection[int], admins: Collection[int] = ()
    ) -> list[User]:
        """Who gets escalations about these experts: their supervisors, else every manager,
        else the ``admins``; nobody who blocked the bot, so that an escalation never goes
        only to someone it cannot reach."""
        reachable = User.is_blocked.is_(False)
        if expert_ids:
            supervisor = select(User.supervisor_id).where(
                User.id.in_(list(expert_ids)), User.supervisor_id.is_not(None)
            )
            result = await self.session.scalars(
                select(User).where(User.id.in_(supervisor), reachable).order_by(User.id)
            )
            if supervisors := list(result.all()):
                return supervisors
        result = await self.session.scalars(
            select(User)
            .join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role == Role.MANAGER.value, reachable)
            .order_by(User.id)
        )
        if managers := list(result.all()):
            return managers
        if not admins:
            return []
        result = await self.session.scalars(
            select(User).where(User.id.in_(list(admins)), reachable).order_by(User.id)
        )
        return list(result.all())

    async def owned(self, owner_id: int, *, limit: int = 100) -> list[Request]:
        """An expert's requests that are still open, oldest stage change first."""
        result = await self.session.scalars(
            select(Request)
            .where(Request.owner_id == owner_id, Request.stage.not_in(_FINAL))
            .order_by(Request.stage_changed_at, Request.id)
            .limit(limit)
        )
        return list(result.all())

    async def owner_of(self, request_id: int) -> int | None:
        """Who owns a request as committed now (read fresh, not from the session)."""
        return await self.session.scalar(
            select(Request.owner_id)
            .where(Request.id == request_id)
            .execution_options(populate_existing=True)
        )
