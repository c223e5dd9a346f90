"""The team group as the bot sees it: who is in it (asked briefly cached), whether it is a forum.

One object per running bot, created by the app factory; it holds no database state.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from aiogram import Bot
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramAPIError

from bot.failures import is_transient
from domain.clock import Clock

logger = logging.getLogger(__name__)

MEMBER_TTL = timedelta(seconds=60)
"""Long enough that fifty presses on one card ask Telegram once, short enough to notice leavers."""

_MEMBER_STATUSES = frozenset(
    {ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.MEMBER}
)


@dataclass
class _Cached:
    value: bool
    until: datetime


@dataclass
class TeamGroup:
    """Membership and forum facts about the team group, with a short memory."""

    chat_id: int | None
    clock: Clock
    _members: dict[int, _Cached] = field(default_factory=dict)
    _forum: _Cached | None = None
    topic_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    """Held while a scenario topic is opened, so two cards never open two topics."""

    async def is_member(self, bot: Bot, user_id: int) -> bool:
        """Whether ``user_id`` is in the team group now (as of at most a minute ago).

        Telegram having trouble is raised, not read as "not a member": the press or the
        check is tried again once it passes, instead of refusing someone who is in the group.
        """
        if self.chat_id is None:
            return False
        now = self.clock.now()
        cached = self._members.get(user_id)
        if cached is not None and cached.until > now:
            return cached.value
        try:
            member = await bot.get_chat_member(self.chat_id, user_id)
        except TelegramAPIError as error:
            if is_transient(error):
                raise
            logger.warning("event=team.member_check_failed user_id=%s error=%s", user_id, error)
            return False
        status = ChatMemberStatus(member.status)
        present = status in _MEMBER_STATUSES or (
            status is ChatMemberStatus.RESTRICTED and bool(getattr(member, "is_member", False))
        )
        self._members[user_id] = _Cached(present, now + MEMBER_TTL)
        return present

    def forget_member(self, user_id: int) -> None:
        """Someone joined or left: ask Telegram again next time."""
        self._members.pop(user_id, None)

    async def is_forum(self, bot: Bot) -> bool:
        """Whether the team group has topics; checked once every few minutes."""
        if self.chat_id is None:
            return False
        now = self.clock.now()
        if self._forum is not None and self._forum.until > now:
            return self._forum.value
        try:
            chat = await bot.get_chat(self.chat_id)
        except TelegramAPIError as error:
            logger.warning("event=team.chat_check_failed error=%s", error)
            return False
        self._forum = _Cached(bool(chat.is_forum), now + MEMBER_TTL * 5)
        return self._forum.value
