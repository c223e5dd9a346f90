"""When a user blocks the bot: stop writing to them and tell a manager, once."""

from __future__ import annotations

import logging

from bot.i18n import I18n
from bot.sending.managers import managers_to_tell
from storage.models import User
from storage.repositories.holder import Repositories

logger = logging.getLogger(__name__)

BLOCKED_REASON = "blocked by the user"
NOT_STARTED = "can't initiate conversation"
"""Telegram's 403 for a person who never opened the chat with the bot."""


def display_name(user: User | None, chat_id: int) -> str:
    """How a manager recognises the person: name and @username when known."""
    if user is None:
        return str(chat_id)
    name = " ".join(part for part in (user.first_name, user.last_name) if part)
    return f"{name} (@{user.username})" if user.username else name


async def handle_blocked(
    repo: Repositories,
    *,
    chat_id: int,
    i18n: I18n,
    admin_ids: frozenset[int],
    never_started: bool = False,
) -> list[tuple[int, str]]:
    """Mark the user unreachable and drop what waits for them, in the caller's transaction.

    Returns the notices for managers (chat id, text) the first time the user is seen
    unreachable, and nothing when they were already known to be. ``never_started``: they
    did not block the bot, they never opened its chat (a person given a role before they
    pressed Start), and the managers are told that instead; their first message to the
    bot makes them reachable again (``UserContextMiddleware``).
    """
    user = await repo.users.get(chat_id)
    first = await repo.users.mark_blocked(chat_id) if user is not None else True
    dropped = await repo.outbox.drop_pending(chat_id, reason=BLOCKED_REASON)
    logger.warning("event=sender.blocked chat_id=%s dropped=%s", chat_id, dropped)
    if not first:
        return []
    await repo.events.add(
        kind="user.blocked_bot",
        actor_id=chat_id,
        data={"dropped_messages": dropped, "never_started": never_started},
    )
    name = display_name(user, chat_id)
    recipients = await managers_to_tell(repo, i18n=i18n, admin_ids=admin_ids, skip=chat_id)
    key = "sender-user-not-started" if never_started else "sender-user-blocked"
    return [(recipient_id, t(key, name=name)) for recipient_id, t in recipients]
