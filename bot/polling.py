"""Long polling that never loses an update and never handles one twice.

aiogram's own polling confirms a batch to Telegram (by asking for the next offset)
before its handlers have finished, so a crash loses whatever was in flight. Here each
fetched batch is first written to the database inbox, and only then confirmed; handlers
mark their update done in the same transaction as their own work. On start, whatever
the inbox still holds as pending is handled first. An update_id already in the inbox
is never dispatched again, which also makes redelivery harmless.

When Telegram fails while an update is handled (a 5xx, a network error, a 429 of any
length), the update's transaction is rolled back and it is handled again from the
start once the wait is over: it stays pending, and its chat's later updates wait
behind it, so the next answer is never read as the answer to the previous question.
Only a permanent failure (an error the bot caused) marks an update failed. When the
database cannot take a fetched batch (a restart, SQLite locked by another process), the
batch is not confirmed and is fetched again after a pause, so polling outlives it. On stop,
an update still waiting for Telegram, and those not begun, stay pending and are handled
at the next start; one whose handler is still running when the stop's window closes
(``STOP_TIMEOUT``, :mod:`bot.stop_window`) is cut short and stays pending too.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from aiogram import Bot, Dispatcher
from aiogram.exceptions import (
    TelegramConflictError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import GetUpdates
from aiogram.types import Update
from aiogram.utils.backoff import Backoff, BackoffConfig

from bot.failures import is_outage, is_transient, retry_delay
from bot.logs import current_update_id, current_user_id
from bot.loop_failures import LoopFailures
from bot.sending.replay import SentJournal, journaled
from bot.stop_window import StopWindow

logger = logging.getLogger(__name__)

RecordBatch = Callable[[list[Update]], Awaitable[list[int]]]
LoadPending = Callable[[], Awaitable[list[Update]]]
MarkFailed = Callable[[int, str], Awaitable[None]]

_BACKOFF = BackoffConfig(min_delay=0.5, max_delay=10.0, factor=1.6, jitter=0.1)


class PollingConflictError(RuntimeError):
    """Telegram says another process polls with this token (409 Conflict)."""


class WebhookActiveError(RuntimeError):
    """Telegram posts this bot's updates to a webhook, so ``getUpdates`` is refused.

    Another deployment may be running in webhook mode with the same token: polling does
    not delete its webhook (that would leave it deaf), it stops and says where it is.
    """

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def ordering_key(update: Update) -> int:
    """Updates of one chat (or one user outside chats) are handled strictly in order."""
    event = update.event
    chat = getattr(event, "chat", None)
    if chat is None:
        message = getattr(event, "message", None)
        chat = getattr(message, "chat", None)
    if chat is not None:
        return int(chat.id)
    user = getattr(event, "from_user", None)
    return int(user.id) if user is not None else 0


class ReliablePoller:
    """Fetches, records, confirms and dispatches updates; see the module docstring."""

    def __init__(
        self,
        *,
        bot: Bot,
        dispatcher: Dispatcher,
        record: RecordBatch,
        pending: LoadPending,
        mark_failed: MarkFailed,
        stop_window: StopWindow,
        timeout: int = 30,
        allowed_updates: list[str] | None = None,
    ) -> None:
        self._bot = bot
        self._dp = dispatcher
        self._record = record
        self._pending = pending
        self._mark_failed = mark_failed
        self._timeout = timeout
        self._allowed = allowed_updates
        self._tails: dict[int, asyncio.Task[None]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._stopping = asyncio.Event()
        self._fetching: asyncio.Task[list[Update]] | None = None
        self._window = stop_window

    async def run(self) -> None:
        """Poll until `stop()`; then wait for every handler that already started."""
        await self._refuse_beside_a_webhook()
        for update in await self._recorded_before():
            logger.info("event=update.replayed update_id=%s", update.update_id)
            self._dispatch(update)
        offset: int | None = None
        backoff = Backoff(config=_BACKOFF)
        record_backoff = Backoff(config=_BACKOFF)
        record_failures = LoopFailures(logger, "polling.record")
        while not self._stopping.is_set():
            method = GetUpdates(
                offset=offset, timeout=self._timeout, allowed_updates=self._allowed
            )
            self._fetching = asyncio.ensure_future(
                self._bot(method, request_timeout=self._timeout + 10)
            )
            try:
                updates = await self._fetching
            except asyncio.CancelledError:
                if self._stopping.is_set():
                    break
                raise
            except TelegramRetryAfter as error:
                await self._pause(error.retry_after)
                continue
            except TelegramConflictError as error:
                # Two pollers steal each other's updates; only one may run. A webhook set
                # meanwhile is refused the same way.
                self._stopping.set()
                await self.drain()
                await self._refuse_beside_a_webhook()
                raise PollingConflictError(error.message) from None
            except (TelegramNetworkError, TelegramServerError) as error:
                logger.warning("event=polling.error error=%s", type(error).__name__)
                await self._pause(backoff.next_delay)
                next(backoff)
                continue
            backoff.reset()
            if not updates:
                continue
            # Durably recorded before the next getUpdates confirms them to Telegram.
            try:
                fresh = set(await self._record(updates))
            except Exception as error:
                if not is_outage(error):
                    raise
                # Not confirmed: Telegram keeps the batch and the next fetch brings it again.
                record_failures.failed(error, f"updates={len(updates)}")
                await self._pause(record_backoff.next_delay)
                next(record_backoff)
                continue
            record_failures.succeeded()
            record_backoff.reset()
            offset = updates[-1].update_id + 1
            for update in updates:
                if update.update_id in fresh:
                    self._dispatch(update)
                else:
                    logger.info("event=update.duplicate update_id=%s", update.update_id)
        await self._window.finish_or_cut(self._tasks, "updates")

    async def _refuse_beside_a_webhook(self) -> None:
        """Raise :class:`WebhookActiveError` when Telegram has a webhook for the bot."""
        url = (await self._bot.get_webhook_info()).url
        if url:
            raise WebhookActiveError(url)

    async def _recorded_before(self) -> list[Update]:
        """The updates recorded and not handled before this start, to handle first.

        A database out of reach at that moment is waited for, as the fetch loop waits for
        it, rather than ending the poller (and the bot) before it began.
        """
        backoff = Backoff(config=_BACKOFF)
        failures = LoopFailures(logger, "polling.replay")
        while not self._stopping.is_set():
            try:
                pending = await self._pending()
            except Exception as error:
                if not is_outage(error):
                    raise
                failures.failed(error)
                await self._pause(backoff.next_delay)
                next(backoff)
                continue
            failures.succeeded()
            return pending
        return []

    async def _pause(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)

    def stop(self) -> None:
        """Stop fetching; handlers already running may finish within the stop's window."""
        self._window.open()
        self._stopping.set()
        if self._fetching is not None and not self._fetching.done():
            self._fetching.cancel()

    async def drain(self) -> None:
        """Wait until every dispatched update has been handled."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def _dispatch(self, update: Update) -> None:
        key = ordering_key(update)
        previous = self._tails.get(key)
        task = asyncio.create_task(self._handle_after(previous, update))
        self._tails[key] = task
        self._tasks.add(task)

        def _done(finished: asyncio.Task[None]) -> None:
            self._tasks.discard(finished)
            if self._tails.get(key) is finished:
                del self._tails[key]

        task.add_done_callback(_done)

    async def _handle_after(self, previous: asyncio.Task[None] | None, update: Update) -> None:
        if previous is not None:
            await asyncio.wait([previous])
        if self._stopping.is_set():
            # Not begun: the next start handles it, rather than a stop waiting out a
            # chat's backlog one try of a failing Telegram at a time.
            logger.info("event=update.left_pending update_id=%s", update.update_id)
            return
        await self.handle(update)

    async def handle(self, update: Update) -> None:
        """Feed one update to the dispatcher until it is handled or fails for good.

        A transient Telegram failure rolls the update back (the database middleware does)
        and it is fed again after the wait, its earlier calls to Telegram answered from
        the journal instead of made again (``bot/sending/replay.py``); a crash in a handler
        is recorded, not lost.
        """
        update_token = current_update_id.set(update.update_id)
        user = getattr(update.event, "from_user", None)
        user_token = current_user_id.set(user.id if user is not None else None)
        try:
            with journaled() as journal:
                await self._feed(update, journal)
        finally:
            current_user_id.reset(user_token)
            current_update_id.reset(update_token)

    async def _feed(self, update: Update, journal: SentJournal) -> None:
        started = time.perf_counter()
        attempt = 0
        while True:
            attempt += 1
            journal.again()
            try:
                await self._dp.feed_update(self._bot, update)
            except Exception as error:
                if not is_transient(error):
                    logger.exception("event=update.failed")
                    await self._mark_failed(update.update_id, type(error).__name__)
                    return
                delay = retry_delay(error, attempt)
                logger.warning(
                    "event=update.retry attempt=%s wait=%.1f error=%s",
                    attempt,
                    delay,
                    type(error).__name__,
                )
                await self._pause(delay)
                if self._stopping.is_set():
                    logger.warning("event=update.left_pending error=%s", type(error).__name__)
                    return
                continue
            elapsed = (time.perf_counter() - started) * 1000
            logger.info("event=update.handled type=%s ms=%.1f", update.event_type, elapsed)
            return
