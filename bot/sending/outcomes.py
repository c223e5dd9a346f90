"""What Telegram's answer to one outbox message makes of its row.

The sender (``sender.py``) claims a row and makes the call; each answer is written here in
a transaction of its own: sent; given back to the queue after a 429's wait or a backoff
(``not_before`` on the bot's clock once the quick retries are spent, so the schedule
survives a restart); moved out of a forum topic that was deleted; kept for a group the bot
is out of; dropped for a user who blocked the bot; or failed for good and reported to the
managers. Nothing is dropped without a word.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from datetime import datetime, timedelta

from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError

import bot.failures as failures  # a module: bot.failures itself imports bot.sending
from bot.i18n import I18n
from bot.loop_failures import LoopFailures
from bot.sending.blocked import NOT_STARTED, handle_blocked
from bot.sending.limits import RateGate, backoff_delay
from bot.sending.undelivered import report_undelivered
from domain.clock import Clock
from storage.models import OutboxMessage, OutboxStatus
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)

QUICK_RETRIES = 3
"""Retries paced in real seconds (a blip); later ones are scheduled on the bot's clock."""
LONGEST_BACKOFF = 15 * 60.0
MAYBE_TWICE = "may have arrived, sent again"

OUT_OF_GROUP_LOOK = timedelta(minutes=30)
"""How often a message for a group the bot is out of is tried again, besides its return."""


class Outcomes:
    """Writes how each call went, as the row's claimer ``owner``; ``wake`` the sender."""

    def __init__(
        self,
        *,
        session_factory: SessionFactory,
        clock: Clock,
        i18n: I18n,
        admin_ids: frozenset[int],
        gate: RateGate,
        owner: str,
        delivery_window: timedelta,
        wake: Callable[[], None],
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self._session_factory = session_factory
        self._clock = clock
        self._i18n = i18n
        self._admin_ids = admin_ids
        self._gate = gate
        self._owner = owner
        self._window = delivery_window
        self._wake = wake
        self._jitter = jitter
        self._record_failures = LoopFailures(logger, "sender.record")

    async def sent(self, message: OutboxMessage, telegram_id: int) -> None:
        await self._record(message, telegram_id=telegram_id)

    async def flooded(self, message: OutboxMessage, retry_after: float) -> None:
        """A 429: the chat (or everything) waits; the row goes back to the queue."""
        everyone = self._gate.flooded(message.chat_id, retry_after)
        logger.warning(
            "event=sender.flood_wait chat_id=%s retry_after=%s global=%s",
            message.chat_id,
            retry_after,
            everyone,
        )
        await self._record(message, release=f"429 retry after {retry_after}")

    async def retry_later(self, message: OutboxMessage, error: Exception) -> None:
        """A 5xx or a network error: try again after a backoff, within the window."""
        attempt = message.attempts + 1
        reason = f"{type(error).__name__}: {getattr(error, 'message', error)} ({MAYBE_TWICE})"
        now = self._clock.now()
        if now - message.created_at >= self._window:
            logger.error("event=sender.gave_up outbox_id=%s error=%s", message.id, reason)
            await self._undeliverable(message, reason)
            return
        wait = backoff_delay(attempt, cap=LONGEST_BACKOFF, jitter=self._jitter())
        not_before = None
        if attempt > QUICK_RETRIES:
            not_before = now + timedelta(seconds=wait)
        else:
            self._gate.pause_chat(message.chat_id, wait)
        logger.warning(
            "event=sender.retry outbox_id=%s attempt=%s wait=%.1f error=%s",
            message.id,
            attempt,
            wait,
            reason,
        )
        await self._record(message, release=reason, not_before=not_before)

    async def rejected(self, message: OutboxMessage, error: TelegramAPIError) -> None:
        """Any other refusal: out of a deleted topic, or failed for good and reported."""
        if message.thread_id is not None and failures.thread_gone(error):
            await self._thread_gone(message, message.thread_id, error)
            return
        reason = f"{type(error).__name__}: {error.message}"
        logger.error("event=sender.rejected outbox_id=%s error=%s", message.id, reason)
        await self._undeliverable(message, reason)

    async def forbidden(self, message: OutboxMessage, error: TelegramForbiddenError) -> None:
        """The user blocked the bot: stop writing there. The bot is out of a group: keep
        the message for its day (see :meth:`_out_of_group`)."""
        if message.chat_id < 0:
            await self._out_of_group(message, error)
            return
        async with self._session_factory() as session:
            repo = Repositories(session, clock=self._clock)
            await repo.outbox.finish(
                message.id, owner=self._owner, status=OutboxStatus.DROPPED, error=error.message
            )
            notices = await handle_blocked(
                repo,
                chat_id=message.chat_id,
                i18n=self._i18n,
                admin_ids=self._admin_ids,
                never_started=NOT_STARTED in error.message,
            )
            for chat_id, text in notices:
                await repo.outbox.add(chat_id=chat_id, text=text)
            await session.commit()

    async def _thread_gone(
        self, message: OutboxMessage, thread_id: int, error: TelegramAPIError
    ) -> None:
        """Its forum topic was deleted: the bot forgets the topic, the group still gets it."""
        logger.warning("event=sender.topic_gone outbox_id=%s thread_id=%s", message.id, thread_id)
        async with self._session_factory() as session:
            repo = Repositories(session, clock=self._clock)
            await repo.team.forget_thread(message.chat_id, thread_id)
            await repo.outbox.out_of_thread(message.id, owner=self._owner, error=error.message)
            await session.commit()

    async def _undeliverable(self, message: OutboxMessage, reason: str) -> None:
        """Give up on a message and tell the managers what did not arrive, and why."""
        async with self._session_factory() as session:
            repo = Repositories(session, clock=self._clock)
            await repo.outbox.finish(
                message.id, owner=self._owner, status=OutboxStatus.FAILED, error=reason
            )
            await report_undelivered(
                repo, message, reason, i18n=self._i18n, admin_ids=self._admin_ids
            )
            await session.commit()
        self._wake()

    async def _out_of_group(self, message: OutboxMessage, error: TelegramForbiddenError) -> None:
        """The bot is not in the group (removed, or it left): the managers were told as it
        happened, and the message waits, with the chat's later ones behind it. It is
        looked at again every so often, and at once when the bot is back in the group;
        still refused when its day is over, it is reported like any undelivered one.
        """
        reason = f"Forbidden: {error.message}"
        logger.error("event=sender.out_of_group chat_id=%s error=%s", message.chat_id, reason)
        if self._clock.now() - message.created_at >= self._window:
            await self._undeliverable(message, reason)
            return
        await self._record(
            message, release=reason, not_before=self._clock.now() + OUT_OF_GROUP_LOOK
        )

    async def _record(
        self,
        message: OutboxMessage,
        *,
        telegram_id: int | None = None,
        release: str | None = None,
        not_before: datetime | None = None,
    ) -> None:
        """Mark the row sent, or give it back with ``release`` as its last error."""
        try:
            async with self._session_factory() as session:
                outbox = Repositories(session, clock=self._clock).outbox
                if release is not None:
                    await outbox.release(
                        message.id, owner=self._owner, error=release, not_before=not_before
                    )
                else:
                    await outbox.mark_sent(
                        message.id,
                        owner=self._owner,
                        now=self._clock.now(),
                        telegram_message_id=telegram_id,
                    )
                await session.commit()
            self._record_failures.succeeded()
        except Exception as error:
            # The row stays in ``sending``; after its lease it is taken back and sent again.
            self._record_failures.failed(error, f"outbox_id={message.id}")
