"""A person's role shown beside their name in the team group, as Telegram's member tag.

Everyone in the group sees at a glance who is an expert and who the manager is. Telegram
lets only an administrator bot with the "manage tags" right set tags, and only on regular
members (administrators carry their own title): without the right, the admin who changed
the role is told how to give it, rather than the tags silently not appearing.
"""

from __future__ import annotations

import logging

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import ChatMemberAdministrator

from bot.services.desk import Desk
from storage.models import Role, User

logger = logging.getLogger(__name__)

TAGGED_ROLES = (Role.MANAGER, Role.EXPERT, Role.ESTIMATOR, Role.CLOSER, Role.LEAD_GENERATOR)
"""The role a tag shows when a person holds several: the first of these they hold."""


async def show_role_tag(desk: Desk, person: User) -> bool:
    """Tag ``person`` in the team group with their leading role, or take the tag away.

    False only when the bot lacks the right to manage tags there; a person who is not in
    the group, or is one of its administrators, has nothing to tag.
    """
    chat_id = desk.settings.team_chat_id
    if chat_id is None or not await desk.group.is_member(desk.bot, person.id):
        return True
    role = next((role for role in TAGGED_ROLES if role in person.roles), None)
    tag = desk.team_t(f"team-tag-{role.value.replace('_', '-')}") if role else ""
    try:
        await desk.bot.set_chat_member_tag(chat_id, person.id, tag=tag)
    except TelegramBadRequest as error:
        if not await _may_manage_tags(desk, chat_id):
            return False
        logger.info("event=team.tag_not_set user_id=%s error=%s", person.id, error)
    return True


async def _may_manage_tags(desk: Desk, chat_id: int) -> bool:
    me = await desk.bot.get_chat_member(chat_id, desk.bot.id)
    return isinstance(me, ChatMemberAdministrator) and bool(me.can_manage_tags)
