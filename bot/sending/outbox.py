"""The callers' side of sending: queue a message in your transaction, it goes after commit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from aiogram.types import InlineKeyboardMarkup, ReplyKeyboardRemove
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxMessage
from storage.repositories.holder import Repositories


def after_commit(session: AsyncSession, callback: Callable[[], None]) -> None:
    """Call ``callback`` once, when ``session`` next commits (not if it rolls back)."""

    def fire(_session: object) -> None:
        callback()

    event.listen(session.sync_session, "after_commit", fire, once=True)


Markup = InlineKeyboardMarkup | ReplyKeyboardRemove | dict[str, Any]
"""What a queued message may carry: buttons, or the removal of the reply keyboard."""


def markup_to_json(markup: Markup | None) -> dict[str, Any] | None:
    """A keyboard as the JSON the Bot API takes, for storing in the outbox."""
    if markup is None or isinstance(markup, dict):
        return markup
    return markup.model_dump(mode="json", exclude_none=True)


class Outbox:
    """``outbox.enqueue(repo, chat_id=..., text=...)``: how features send on their own.

    The row is written in the caller's transaction, so the message exists exactly when
    the work that wants it commits, and survives a restart until Telegram takes it. The
    sender worker is nudged after the commit. Delivery is at least once within a day
    (after an ambiguous failure a message may arrive twice); what cannot be delivered is
    reported to the managers (see :mod:`bot.sending.sender`).
    """

    def __init__(self, notify: Callable[[], None]) -> None:
        self._notify = notify

    async def enqueue(
        self,
        repo: Repositories,
        *,
        chat_id: int,
        text: str,
        thread_id: int | None = None,
        reply_markup: Markup | None = None,
        reply_to: int | None = None,
        not_before: datetime | None = None,
        dedup_key: str | None = None,
    ) -> OutboxMessage | None:
        """Queue one HTML message; ``None`` if a message with ``dedup_key`` was queued before."""
        message = await repo.outbox.add(
            chat_id=chat_id,
            text=text,
            thread_id=thread_id,
            reply_markup=markup_to_json(reply_markup),
            reply_to=reply_to,
            not_before=not_before,
            dedup_key=dedup_key,
        )
        if message is not None:
            after_commit(repo.session, self._notify)
        return message

    async def resume(self, repo: Repositories, chat_id: int) -> None:
        """Send what waits for ``chat_id`` now, not at its next look (the bot is back in
        that group)."""
        if await repo.outbox.due_now(chat_id, now=repo.clock.now()):
            after_commit(repo.session, self._notify)
