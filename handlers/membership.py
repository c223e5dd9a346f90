"""A person blocking or unblocking the bot, as Telegram reports it in `my_chat_member`."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from storage.repositories.holder import Repositories

router = Router(name=__name__)
router.my_chat_member.filter(F.chat.type == ChatType.PRIVATE)


@router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=KICKED))
async def blocked(event: ChatMemberUpdated, repo: Repositories) -> None:
    """Stop writing to someone who blocked the bot; reminders to them are dropped."""
    await repo.users.set_blocked(event.from_user.id, True)
    await repo.events.add(kind="user.blocked_bot", actor_id=event.from_user.id)


@router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=MEMBER))
async def unblocked(event: ChatMemberUpdated, repo: Repositories) -> None:
    """Someone who had blocked the bot is back: messages to them may flow again."""
    await repo.users.set_blocked(event.from_user.id, False)
    await repo.events.add(kind="user.unblocked_bot", actor_id=event.from_user.id)
