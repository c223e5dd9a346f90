"""Who may submit requests, and how fast.

Intake is open to everyone by default (a first try needs nothing set up). In company mode
only people with a role may submit: a lead generator granted by an admin or a manager, or
someone who followed an invite link (``?start=join-<code>``), which grants that role; that
is how outside partners join. In both modes one person may submit at most
``SUBMIT_RATE_PER_HOUR`` requests an hour, so a runaway partner cannot flood the group.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from enum import StrEnum

from bot.settings import Settings
from storage.models import Invite, Role
from storage.repositories.holder import Repositories

JOIN_PREFIX = "join-"


class SubmitRefusal(StrEnum):
    """Why a submission is refused; each has its text."""

    CLOSED = "closed"
    TOO_FAST = "too-fast"


class Joined(StrEnum):
    """What following an invite link came to."""

    JOINED = "joined"
    ALREADY = "already"
    INVALID = "invalid"


async def has_access(repo: Repositories, settings: Settings, user_id: int) -> bool:
    """Whether the person is part of the company for intake: any role at all."""
    if settings.intake_access == "open" or user_id in settings.admin_ids:
        return True
    user = await repo.users.get(user_id)
    return user is not None and bool(user.roles)


async def submit_refusal(
    repo: Repositories, settings: Settings, user_id: int, now: datetime
) -> SubmitRefusal | None:
    """``None`` if this person may submit a request now."""
    if not await has_access(repo, settings, user_id):
        return SubmitRefusal.CLOSED
    recent = await repo.requests.count_since(user_id, now - timedelta(hours=1))
    if recent >= settings.submit_rate_per_hour:
        return SubmitRefusal.TOO_FAST
    return None


async def create_invite(
    repo: Repositories, manager_id: int, now: datetime, *, uses: int, days: int
) -> Invite:
    """A fresh link code, unguessable, valid for ``days`` days and ``uses`` people."""
    invite = await repo.invites.create(
        code=secrets.token_urlsafe(12),
        created_by=manager_id,
        expires_at=now + timedelta(days=days),
        uses=uses,
    )
    await repo.events.add(
        kind="access.invite_created",
        actor_id=manager_id,
        data={"expires_at": invite.expires_at.isoformat(), "uses": uses},
    )
    return invite


async def join(
    repo: Repositories, settings: Settings, user_id: int, code: str, now: datetime
) -> Joined:
    """Follow an invite: a live link grants the lead-generator role and spends one use."""
    if settings.intake_access == "company" and await has_access(repo, settings, user_id):
        return Joined.ALREADY
    if not await repo.invites.use(code, now):
        return Joined.INVALID
    await repo.users.grant_role(user_id, Role.LEAD_GENERATOR)
    await repo.events.add(kind="access.invite_used", actor_id=user_id, data={"code": code[:4]})
    return Joined.JOINED
