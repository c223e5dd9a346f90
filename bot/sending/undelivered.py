"""A message the bot could not deliver is reported to the managers, never dropped silently."""

from __future__ import annotations

from bot.i18n import I18n, plain_text
from bot.sending.blocked import display_name
from bot.sending.managers import managers_to_tell
from storage.models import OutboxMessage
from storage.repositories.holder import Repositories

QUOTE_LIMIT = 300
"""How much of the lost message the report quotes."""
UNDELIVERED_KEY = "undelivered:"
"""Reports carry this key prefix; a report that cannot be delivered is not reported again."""


async def report_undelivered(
    repo: Repositories,
    message: OutboxMessage,
    reason: str,
    *,
    i18n: I18n,
    admin_ids: frozenset[int],
) -> None:
    """Queue, in the caller's transaction, a report to every manager about ``message``."""
    if (message.dedup_key or "").startswith(UNDELIVERED_KEY):
        return
    recipient = display_name(await repo.users.get(message.chat_id), message.chat_id)
    # Tags out (a cut cannot leave one open), entities decoded (the texts layer escapes
    # it again).
    text = plain_text(message.text)
    quote = text if len(text) <= QUOTE_LIMIT else text[:QUOTE_LIMIT] + "…"
    for chat_id, t in await managers_to_tell(repo, i18n=i18n, admin_ids=admin_ids):
        await repo.outbox.add(
            chat_id=chat_id,
            text=t(
                "sender-undelivered",
                recipient=recipient,
                reason=reason,
                text=quote,
            ),
            dedup_key=f"{UNDELIVERED_KEY}{message.id}:{chat_id}",
        )
