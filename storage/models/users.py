"""People who talk to the bot, and what they may do."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base
from storage.models.enums import Role

_ROLE_VALUES = ", ".join(f"'{role.value}'" for role in Role)


class User(Base):
    """A Telegram user as the bot knows them.

    ``language`` is the user's explicit choice (``/lang``); ``None`` means "follow
    ``telegram_language``", which is refreshed from every update.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    first_name: Mapped[str] = mapped_column(String(256))
    last_name: Mapped[str | None] = mapped_column(String(256))
    username: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(16))
    telegram_language: Mapped[str | None] = mapped_column(String(16))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    tags: Mapped[list[str]] = mapped_column(default=list)
    supervisor_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )
    is_blocked: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    # Roles are read with nearly every user, so they come along in one extra query.
    role_rows: Mapped[list[UserRole]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="UserRole.role"
    )

    @property
    def roles(self) -> frozenset[Role]:
        """The roles granted to this user."""
        return frozenset(Role(row.role) for row in self.role_rows)

    def has_role(self, role: Role) -> bool:
        """Whether this user holds ``role``."""
        return role in self.roles


class UserRole(Base):
    """One role granted to one user.

    A table rather than a JSON list on ``users``: granting and revoking are single-row
    inserts and deletes, so two admins changing roles at once cannot overwrite each
    other, ``with_role`` is an index lookup instead of a scan of every user, and the
    allowed values are checked by the database.
    """

    __tablename__ = "user_roles"
    __table_args__ = (
        CheckConstraint(f"role IN ({_ROLE_VALUES})", name="role_known"),
        Index(None, "role", "user_id"),
    )

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
