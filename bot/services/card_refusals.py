"""A card the group did not take: when to try it again, and what the managers are told.

Apart from :mod:`bot.services.card_posting`, whose job is finding the cards to post and
posting them: this is what a failed try means for the next one, and, when the group refuses
for a reason that will not pass by itself, the fix the managers are asked for.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError, TelegramMigrateToChat

from bot.i18n import Html, I18n
from bot.sending.managers import managers_to_tell
from bot.sending.outbox import Outbox
from storage.repositories.holder import Repositories

LONGEST_WAIT = timedelta(minutes=10)
"""The longest pause between two tries of one card, transient or refused."""


def refusal(error: TelegramAPIError) -> str:
    """Which fix to name to the managers for a group that refuses the card."""
    if isinstance(error, TelegramMigrateToChat):
        return "migrated"
    text = error.message.lower()
    if "chat not found" in text:
        return "not-found"
    if "rights" in text or "write_forbidden" in text or "not allowed" in text:
        return "no-rights"
    if isinstance(error, TelegramForbiddenError):
        return "not-member"
    return "other"


@dataclass
class Retry:
    """When a card that failed may be tried again: once either clock says its wait is over.

    Telegram counts a 429's wait in real seconds, while the bot's clock is the one that
    tests and the playground move by hand (it may stand still for minutes, or jump a
    week). Under the real clock the two agree; under a hand-moved one, a flood wait still
    passes by itself, and a move of the clock still brings a long backoff forward.
    """

    attempts: int
    not_before: datetime
    real_not_before: float
    """The same moment on the monotonic clock."""

    @classmethod
    def after(cls, attempts: int, now: datetime, wait: timedelta) -> Retry:
        return cls(attempts, now + wait, time.monotonic() + wait.total_seconds())

    def due(self, now: datetime) -> bool:
        return now >= self.not_before or time.monotonic() >= self.real_not_before

    def seconds_left(self, now: datetime) -> float:
        left = min(
            (self.not_before - now).total_seconds(), self.real_not_before - time.monotonic()
        )
        return max(0.0, left)


async def tell_managers(
    repo: Repositories,
    outbox: Outbox,
    *,
    i18n: I18n,
    admin_ids: frozenset[int],
    request_id: int,
    error: TelegramAPIError,
) -> None:
    """Once per request: what the group refuses and how to fix it."""
    recipients = await managers_to_tell(repo, i18n=i18n, admin_ids=admin_ids)
    for chat_id, t in recipients:
        problem = t(
            f"claims-card-refused-{refusal(error)}",
            error=error.message,
            new_id=str(getattr(error, "migrate_to_chat_id", "")),
        )
        await outbox.enqueue(
            repo,
            chat_id=chat_id,
            text=t("claims-card-refused", number=request_id, problem=Html(problem)),
            dedup_key=f"card-refused:{request_id}:{chat_id}",
        )
