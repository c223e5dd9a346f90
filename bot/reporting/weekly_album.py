"""The weekly report's charts: one album per recipient and week, delivered once.

The outbox carries text only, so the report's renderer sends the album itself and does
for it what the outbox does for the text, with the reminder engine's claim in place of
the outbox row's. What became of the album is noted on its reminder (``album`` in the
payload) and committed as soon as Telegram answers, so no later try of the reminder
(after Telegram's trouble, a crash, another instance taking over a lapsed claim) sends
it again. Telegram having trouble (a 5xx, a 429, a timeout) gives the reminder back to
the engine (:class:`TryLaterError`) with the outbox's backoff, or after the wait a 429
names; the text waits for the album, so the report arrives whole and in order. A
refusal, or trouble outlasting the report's grace, is told to the managers once and
logged as an event, and the text goes without the charts; a person who blocked the bot
is handled as the outbox handles them.
"""

from __future__ import annotations

import logging
import random
from datetime import datetime, timedelta

from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError, TelegramRetryAfter
from aiogram.types import BufferedInputFile, InputMediaPhoto

from bot.failures import is_transient, thread_gone
from bot.reminders.kinds import ReminderContext, TryLaterError
from bot.sending.blocked import NOT_STARTED, display_name, handle_blocked
from bot.sending.limits import backoff_delay
from bot.sending.outcomes import LONGEST_BACKOFF
from bot.services.desk import Desk

logger = logging.getLogger(__name__)

ALBUM = "album"
"""The payload's note of the album's fate: ``sent`` or ``failed``; absent while it is not
known, and the album is sent on the reminder's next try."""
SENT = "sent"
FAILED = "failed"
TRIES = "album_tries"
"""The payload's count of tries Telegram failed: the backoff grows with it."""
WEEKLY_ALBUM_FAILED = "reports.weekly_album_failed"
"""The event that records an album the managers were told about."""


def album_due(context: ReminderContext) -> bool:
    """Whether the album is still to be sent: no earlier try got Telegram's final answer."""
    return ALBUM not in context.reminder.payload


async def send_album(
    desk: Desk,
    context: ReminderContext,
    images: list[bytes],
    thread_id: int | None,
    *,
    deadline: datetime,
) -> bool:
    """The charts as one media group, its fate noted on the reminder and committed.

    Raises :class:`TryLaterError` while Telegram is having trouble and a try before
    ``deadline`` is left. ``False`` only when the forum topic ``thread_id`` is gone, for
    the caller to open anew.
    """
    try:
        await desk.bot.send_media_group(
            context.reminder.recipient_id,
            [
                InputMediaPhoto(media=BufferedInputFile(image, filename=f"week-{index}.png"))
                for index, image in enumerate(images, start=1)
            ],
            message_thread_id=thread_id,
        )
    except TelegramAPIError as error:
        if thread_id is not None and thread_gone(error):
            return False
        if is_transient(error):
            await _try_later(context, error, deadline)
        await _failed(desk, context, error)
    else:
        await context.repo.reminders.note(context.reminder, {ALBUM: SENT})
    # Now, not with the text: a later try must know, whatever happens to this one.
    await context.repo.commit()
    return True


async def _try_later(
    context: ReminderContext, error: TelegramAPIError, deadline: datetime
) -> None:
    """Give the reminder back for a later try; return if that try would be past
    ``deadline`` (the album has failed then)."""
    tries = int(context.reminder.payload.get(TRIES, 0)) + 1
    if isinstance(error, TelegramRetryAfter):
        after = float(error.retry_after)
    else:
        after = backoff_delay(tries, cap=LONGEST_BACKOFF, jitter=random.random())
    if context.now + timedelta(seconds=after) > deadline:
        return
    await context.repo.reminders.note(context.reminder, {TRIES: tries})
    raise TryLaterError(after, f"{type(error).__name__}: {error.message}")


async def _failed(desk: Desk, context: ReminderContext, error: TelegramAPIError) -> None:
    """The album will not arrive: the managers are told once, and it is recorded."""
    chat_id = context.reminder.recipient_id
    reason = f"{type(error).__name__}: {error.message}"
    logger.error("event=reports.weekly_album_failed chat_id=%s error=%s", chat_id, reason)
    repo = context.repo
    await repo.reminders.note(context.reminder, {ALBUM: FAILED})
    if isinstance(error, TelegramForbiddenError) and chat_id > 0:
        # Blocked, or never started: the text is dropped, and the managers told, as for
        # any message to them.
        never_started = NOT_STARTED in error.message
        for manager_id, text in await handle_blocked(
            repo,
            chat_id=chat_id,
            i18n=desk.i18n,
            admin_ids=desk.settings.admin_ids,
            never_started=never_started,
        ):
            await desk.notify(manager_id, text)
        return
    day = str(context.reminder.payload.get("day", ""))
    await repo.events.add(
        kind=WEEKLY_ALBUM_FAILED,
        actor_id=None,
        data={"chat_id": chat_id, "day": day, "error": reason},
    )
    group = chat_id == desk.settings.team_chat_id
    recipient = "" if group else display_name(await repo.users.get(chat_id), chat_id)
    await desk.notify_managers(
        lambda t: t(
            "weekly-album-failed",
            group="yes" if group else "no",
            recipient=recipient,
            error=error.message,
        ),
        dedup_key=f"weekly-album:{chat_id}:{day}",
    )
