"""A person blocking or unblocking the bot, as Telegram reports it in `my_chat_member`."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from bot.i18n import I18n
from bot.sending.blocked import handle_blocked
from bot.sending.outbox import Outbox
from bot.settings import Settings
from storage.repositories.holder import Repositories

router = Router(name=__name__)
router.my_chat_member.filter(F.chat.type == ChatType.PRIVATE)


@router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=KICKED))
async def blocked(
    event: ChatMemberUpdated,
    repo: Repositories,
    i18n: I18n,
    settings: Settings,
    outbox: Outbox,
) -> None:
    """The same as a refused send: stop writing to them and tell a manager, once."""
    notices = await handle_blocked(
        repo, chat_id=event.from_user.id, i18n=i18n, admin_ids=settings.admin_ids
    )
    for chat_id, text in notices:
        await outbox.enqueue(repo, chat_id=chat_id, text=text)


@router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=MEMBER))
async def unblocked(event: ChatMemberUpdated, repo: Repositories) -> None:
    """Someone who had blocked the bot is back: messages to them may flow again."""
    await repo.users.set_blocked(event.from_user.id, False)
    await repo.events.add(kind="user.unblocked_bot", actor_id=event.from_user.id)
