"""The one outbound sender: drains the outbox under Telegram's limits.

Delivery is at least once per outbox row, within its delivery window (a day by default).
A row is claimed (``sending``, with a lease) before the call to Telegram and marked
``sent`` after it. A transient failure (see :mod:`bot.failures`) gives the row back to
the queue: a 429 after the wait Telegram names; a 5xx or a network error after a backoff,
at first a few real seconds, then (from the fourth try) on the bot's clock in
``not_before``, doubling up to a quarter of an hour, so the schedule survives a restart.
A row whose sender died mid-call is taken back once its lease runs out and sent again.

An ambiguous failure (a 5xx, a timeout or a lost connection after Telegram may already
have delivered the message) is retried too: the message may then arrive twice, and the
row says so in ``last_error``; a gap is worse than a duplicate for what the bot says on
its own. What finally cannot be delivered (refused for good, or still failing when its
window closes) is marked ``failed`` and reported to the managers, never dropped
silently; only a user who blocked the bot has their messages dropped (and the managers
are told once). What each answer makes of the row is written by ``outcomes.py``.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardMarkup, ReplyKeyboardRemove, ReplyParameters

from bot.i18n import I18n
from bot.loop_failures import LoopFailures
from bot.sending.blocked import BLOCKED_REASON
from bot.sending.limits import RateGate, SendLimits
from bot.sending.outcomes import Outcomes
from bot.sending.wakeup import clock_moved, wait_any
from domain.clock import Clock
from storage.models import OutboxMessage
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)

# With nothing to do the worker still looks every few seconds, for rows that another
# process queued without being able to nudge this one.
IDLE_LOOK = 5.0
STALE_LOOK = 10.0

CLAIM_LEASE = timedelta(minutes=2)
"""How long a claimed row is the claimer's: a call to Telegram and its quick retries fit."""


class Sender:
    """Sends queued messages: ``run()`` in the background, ``stop()`` to end it."""

    def __init__(
        self,
        *,
        bot: Bot,
        session_factory: SessionFactory,
        clock: Clock,
        i18n: I18n,
        admin_ids: frozenset[int] = frozenset(),
        limits: SendLimits | None = None,
        concurrency: int = 16,
        delivery_window: timedelta = timedelta(days=1),
        lease: timedelta = CLAIM_LEASE,
        request_timeout: int = 20,
        jitter: Callable[[], float] = random.random,
        owner: str | None = None,
    ) -> None:
        self.bot = bot
        self.owner = owner or f"sender-{uuid.uuid4().hex[:12]}"
        """Whose claims are this sender's: the instance's name (``bot.in_flight``)."""
        self._session_factory = session_factory
        self._clock = clock
        self.gate = RateGate(limits)
        self._concurrency = concurrency
        self._lease = lease
        self._request_timeout = request_timeout
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._lock = asyncio.Lock()
        self._in_flight: dict[int, asyncio.Task[None]] = {}
        self._stale_checked = float("-inf")
        self._outcomes = Outcomes(
            session_factory=session_factory,
            clock=clock,
            i18n=i18n,
            admin_ids=admin_ids,
            gate=self.gate,
            owner=self.owner,
            delivery_window=delivery_window,
            wake=self.notify,
            jitter=jitter,
        )
        self.sent_count = 0

    def notify(self) -> None:
        """Something was queued: look at the outbox now."""
        self._wake.set()

    def stop(self) -> None:
        """Finish the messages in flight and return from ``run``."""
        self._stopping.set()

    async def run(self) -> None:
        """Drain the outbox until ``stop()``; what is left waits in the table for next time."""
        self._stopping.clear()
        logger.info("event=sender.started owner=%s", self.owner)
        failures = LoopFailures(logger, "sender.pass")
        try:
            while not self._stopping.is_set():
                moved = clock_moved(self._clock)
                self._wake.clear()
                try:
                    delay = await self._pass()
                    failures.succeeded()
                except Exception as error:
                    failures.failed(error)
                    delay = IDLE_LOOK
                timeout = IDLE_LOOK if delay is None else min(delay, IDLE_LOOK)
                await wait_any(self._wake, self._stopping, moved, timeout=timeout)
        finally:
            await self._finish_in_flight()
            logger.info("event=sender.stopped owner=%s", self.owner)

    async def drain_now(self) -> int:
        """Send everything due now, waiting out the limits; returns how many went out.

        Returns when no message is due any more (sent, failed, dropped, or waiting for a
        ``not_before`` in the future) and nothing is in flight.
        """
        before = self.sent_count
        while True:
            delay = await self._pass()
            await self._finish_in_flight()
            async with self._session_factory() as session:
                due = await Repositories(session, clock=self._clock).outbox.heads(
                    now=self._clock.now(), limit=1
                )
            if not due:
                return self.sent_count - before
            if delay:
                await wait_any(self._stopping, timeout=delay)

    async def _pass(self) -> float | None:
        """Start every message that may go now; returns seconds until one more may."""
        async with self._lock:
            now = self._clock.now()
            async with self._session_factory() as session:
                repo = Repositories(session, clock=self._clock)
                if time.monotonic() - self._stale_checked >= STALE_LOOK:
                    self._stale_checked = time.monotonic()
                    for stale in await repo.outbox.take_back_stale(owner=self.owner, now=now):
                        logger.warning(
                            "event=sender.sent_again outbox_id=%s chat_id=%s",
                            stale.id,
                            stale.chat_id,
                        )
                heads = await repo.outbox.heads(now=now, limit=500)
                blocked_chats = sorted({m.chat_id for m, blocked in heads if blocked})
                for chat_id in blocked_chats:
                    await repo.outbox.drop_pending(chat_id, reason=BLOCKED_REASON)
                delay: float | None = None
                chosen: list[OutboxMessage] = []
                for message, blocked in heads:
                    if blocked or message.chat_id in self._in_flight:
                        continue
                    if len(self._in_flight) + len(chosen) >= self._concurrency:
                        break
                    wait = self.gate.delay(message.chat_id)
                    if wait > 0:
                        delay = wait if delay is None else min(delay, wait)
                        continue
                    self.gate.take(message.chat_id)
                    chosen.append(message)
                taken = set(
                    await repo.outbox.claim(
                        [m.id for m in chosen], owner=self.owner, now=now, lease=self._lease
                    )
                )
                later = await repo.outbox.next_not_before()
                await session.commit()
            for message in chosen:
                if message.id in taken:
                    self._in_flight[message.chat_id] = asyncio.create_task(
                        self._deliver(message), name=f"send-{message.id}"
                    )
            if later is not None and later > now:
                wait = (later - now).total_seconds()
                delay = wait if delay is None else min(delay, wait)
            return delay

    async def _finish_in_flight(self) -> None:
        while self._in_flight:
            await asyncio.gather(*self._in_flight.values(), return_exceptions=True)

    async def _deliver(self, message: OutboxMessage) -> None:
        """One call to Telegram, and what its answer makes of the row (``outcomes``)."""
        outcomes = self._outcomes
        try:
            result = await self.bot.send_message(
                chat_id=message.chat_id,
                text=message.text,
                message_thread_id=message.thread_id,
                reply_markup=_markup(message.reply_markup),
                reply_parameters=(
                    ReplyParameters(message_id=message.reply_to, allow_sending_without_reply=True)
                    if message.reply_to is not None
                    else None
                ),
                request_timeout=self._request_timeout,
            )
        except TelegramRetryAfter as error:
            await outcomes.flooded(message, error.retry_after)
        except TelegramForbiddenError as error:
            await outcomes.forbidden(message, error)
        except (TelegramServerError, TelegramNetworkError) as error:
            await outcomes.retry_later(message, error)
        except TelegramAPIError as error:
            await outcomes.rejected(message, error)
        else:
            await outcomes.sent(message, result.message_id)
            self.sent_count += 1
        finally:
            self._in_flight.pop(message.chat_id, None)
            self._wake.set()


def _markup(data: dict[str, Any] | None) -> InlineKeyboardMarkup | ReplyKeyboardRemove | None:
    if data is None:
        return None
    if data.get("remove_keyboard"):
        return ReplyKeyboardRemove.model_validate(data)
    return InlineKeyboardMarkup.model_validate(data)
