"""Users, their settings and their roles."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import joinedload

from storage.models import Role, User, UserRole
from storage.repositories.base import Repository, rowcount


class UserRepository(Repository):
    """Reads and changes ``users`` and ``user_roles``."""

    async def get(self, user_id: int) -> User | None:
        """The user with this Telegram id, roles included."""
        return await self.session.get(User, user_id)

    async def upsert_from_telegram(
        self,
        *,
        user_id: int,
        first_name: str,
        last_name: str | None,
        username: str | None,
        language_code: str | None,
        now: datetime | None = None,
    ) -> User:
        """Create or refresh a user from the Telegram ``User`` of an update.

        This runs on every update, so the usual case (nothing changed) is a read and
        no write: on SQLite a write would take the database's single write lock.
        A first contact is an insert that ignores a concurrent insert of the same id.
        """
        moment = self._now(now)
        fresh: dict[str, Any] = {
            "first_name": first_name,
            "last_name": last_name,
            "username": username,
            "telegram_language": language_code,
        }
        # Roles joined in: this runs on every update, and a second query for them was
        # as much work again.
        user = await self.session.get(User, user_id, options=[joinedload(User.role_rows)])
        if user is None:
            await self.session.execute(
                self._insert(User)
                .values(id=user_id, tags=[], created_at=moment, updated_at=moment, **fresh)
                .on_conflict_do_nothing(index_elements=[User.id])
            )
            user = await self.session.get(User, user_id)
            if user is None:  # pragma: no cover - the row was just inserted
                raise LookupError(f"user {user_id} vanished right after insert")
            return user
        if any(getattr(user, name) != value for name, value in fresh.items()):
            for name, value in fresh.items():
                setattr(user, name, value)
            user.updated_at = moment
            await self.session.flush()
        return user

    async def set_language(
        self, user_id: int, language: str | None, *, now: datetime | None = None
    ) -> bool:
        """Pin the interface language; ``None`` goes back to Telegram's language."""
        return await self._set(user_id, now, language=language)

    async def set_time_zone(
        self, user_id: int, time_zone: str | None, *, now: datetime | None = None
    ) -> bool:
        """Set the IANA time zone used to show this user times (``None``: the default)."""
        return await self._set(user_id, now, time_zone=time_zone)

    async def set_tags(
        self, user_id: int, tags: Sequence[str], *, now: datetime | None = None
    ) -> bool:
        """Replace the competence tags; duplicates are dropped, order kept."""
        return await self._set(user_id, now, tags=list(dict.fromkeys(tags)))

    async def change_tag(
        self, user_id: int, tag: str, *, add: bool, now: datetime | None = None
    ) -> bool:
        """Add or remove one competence tag; ``False`` if it already was as asked.

        Read with the row locked (on PostgreSQL; SQLite writes one transaction at a time
        anyway), so two admins changing different tags of one person at the same moment
        both keep their change instead of the second writing over the first's list.
        """
        tags = await self.session.scalar(
            select(User.tags).where(User.id == user_id).with_for_update()
        )
        if tags is None or (tag in tags) == add:
            return False
        changed = [*tags, tag] if add else [held for held in tags if held != tag]
        return await self._set(user_id, now, tags=changed)

    async def set_supervisor(
        self, user_id: int, supervisor_id: int | None, *, now: datetime | None = None
    ) -> bool:
        """Choose the manager who receives this expert's escalations."""
        return await self._set(user_id, now, supervisor_id=supervisor_id)

    async def set_blocked(
        self, user_id: int, blocked: bool, *, now: datetime | None = None
    ) -> bool:
        """Remember whether the user has blocked the bot, so nobody tries to write to them."""
        return await self._set(user_id, now, is_blocked=blocked)

    async def mark_blocked(self, user_id: int, *, now: datetime | None = None) -> bool:
        """Record a block once: ``True`` only for the caller that flipped the flag.

        A conditional update, so the sender's refused send and Telegram's own report of
        the block, arriving together, agree on who tells the managers.
        """
        result = await self.session.execute(
            update(User)
            .where(User.id == user_id, User.is_blocked.is_(False))
            .values(is_blocked=True, updated_at=self._now(now))
            .execution_options(synchronize_session="fetch")
        )
        return rowcount(result) == 1

    async def grant_role(self, user_id: int, role: Role) -> bool:
        """Give ``role``; ``False`` if the user already had it."""
        result = await self.session.execute(
            self._insert(UserRole)
            .values(user_id=user_id, role=role.value)
            .on_conflict_do_nothing(index_elements=[UserRole.user_id, UserRole.role])
        )
        await self._refresh_roles(user_id)
        return rowcount(result) == 1

    async def revoke_role(self, user_id: int, role: Role) -> bool:
        """Take ``role`` away; ``False`` if the user did not have it."""
        result = await self.session.execute(
            delete(UserRole).where(UserRole.user_id == user_id, UserRole.role == role.value)
        )
        await self._refresh_roles(user_id)
        return rowcount(result) == 1

    async def has_role(self, user_id: int, role: Role) -> bool:
        """Whether the user holds ``role``."""
        found = await self.session.scalar(
            select(exists().where(UserRole.user_id == user_id, UserRole.role == role.value))
        )
        return bool(found)

    async def with_role(self, role: Role) -> list[User]:
        """Everyone holding ``role``, by Telegram id."""
        result = await self.session.scalars(
            select(User)
            .join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role == role.value)
            .order_by(User.id)
        )
        return list(result.all())

    async def _set(self, user_id: int, now: datetime | None, **values: Any) -> bool:
        result = await self.session.execute(
            update(User)
            .where(User.id == user_id)
            .values(updated_at=self._now(now), **values)
            .execution_options(synchronize_session="fetch")
        )
        return rowcount(result) == 1

    async def _refresh_roles(self, user_id: int) -> None:
        """Keep an already loaded ``User`` honest after a role row changed under it."""
        loaded = self.session.identity_map.get(self.session.identity_key(User, user_id))
        if loaded is not None:
            await self.session.refresh(loaded, attribute_names=["role_rows"])
