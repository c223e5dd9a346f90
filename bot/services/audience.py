"""Who someone is to a request: it decides what its view shows them and what they may do."""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from bot.services.desk import Desk
from storage.models import Request, Role, User

MANAGING_ROLES = frozenset({Role.MANAGER, Role.ADMIN})
TEAM_ROLES = frozenset({Role.EXPERT, Role.MANAGER, Role.ADMIN})


class Audience(StrEnum):
    """Who someone is to a request, which decides what its view shows them."""

    BRIEF = "brief"
    AUTHOR = "author"
    CARD = "card"
    STRANGER = "stranger"


def roles_held(user: User, admins: Collection[int]) -> frozenset[str]:
    """The roles a person holds, the admins named in the settings included."""
    roles = {str(role) for role in user.roles}
    if user.id in admins:
        roles.add(Role.ADMIN.value)
    return frozenset(roles)


def roles_of(desk: Desk, user: User) -> frozenset[str]:
    """The roles a person holds, as the desk's settings name the admins."""
    return roles_held(user, desk.settings.admin_ids)


async def audience_of(desk: Desk, request: Request, user: User, roles: frozenset[str]) -> Audience:
    """Owner, managers and meeting participants first; then the author; then the team."""
    if request.owner_id == user.id or roles & MANAGING_ROLES:
        return Audience.BRIEF
    if await desk.repo.followups.takes_part(request.id, user.id):
        return Audience.BRIEF
    if request.author_id == user.id:
        return Audience.AUTHOR
    if roles & TEAM_ROLES:
        return Audience.CARD
    return Audience.STRANGER


async def may_read_history(
    desk: Desk, request: Request, user: User, roles: frozenset[str]
) -> bool:
    """The team reads a request's history; the author and strangers do not."""
    return await audience_of(desk, request, user, roles) in (Audience.BRIEF, Audience.CARD)
