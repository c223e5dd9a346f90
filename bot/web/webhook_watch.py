"""Telegram's side of the webhook, watched: a bot that hears nothing must say so.

In webhook mode every instance can be up and ready while Telegram cannot reach the
public address (a load balancer down, an expired certificate, a firewall), or posts to
another address (someone ran the same token elsewhere, in polling mode or with another
``WEBHOOK_URL``). Nothing fails on the bot's side then: leads simply stop arriving, and
Telegram drops what it holds after a day. So one instance at a time (a lease) asks
``getWebhookInfo`` every ``WEBHOOK_WATCH_SECONDS`` and tells the admins, once, when:

- Telegram has no webhook for the bot, or one at another address;
- Telegram keeps failing to deliver: a new delivery error since the last look while
  updates wait.

and once more when it is over. Updates that Telegram delivered and the bot recorded but
does not handle are watched apart, in either mode (``bot/inbox_watch.py``).

The number of updates Telegram holds is a gauge of
``/metrics`` on the watching instance. Telegram keeps its last error after deliveries
recover, so only an error newer than the last look counts, and a delivery trouble is
over when nothing waits any more or no new error came for a few looks.

What the watch last saw and told is kept in the database (``job_states``), written in the
transaction that queues the notice: the instance that takes the lease over, or this one
after a restart, neither tells the admins again of a trouble they know of nor forgets
to tell them it is over.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Any

from aiogram import Bot
from aiogram.types import WebhookInfo

from bot.cluster.leases import JobLease
from bot.i18n import I18n
from bot.jobs import every
from bot.metrics import Metrics
from bot.sending.managers import admins_to_tell
from bot.sending.outbox import Outbox
from bot.sending.wakeup import Passes
from domain.clock import Clock
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)

QUIET_LOOKS = 5
"""Looks in a row without a new delivery error after which a delivery trouble is over."""
JOB = "webhook_watch"
"""The name of the watch's lease and of its memory."""


class Trouble(StrEnum):
    """What keeps Telegram's updates from reaching the bot."""

    MISSING = "missing"  # no webhook at all: deleted, or a polling process took the token
    ELSEWHERE = "elsewhere"  # a webhook at another address
    FAILING = "failing"  # the right address, but Telegram's posts to it fail


@dataclass(frozen=True)
class Look:
    """What one ``getWebhookInfo`` said, and what it makes of the trouble."""

    trouble: Trouble | None
    url: str
    pending: int
    error: str


class TroubleJudge:
    """Makes a trouble (or none) of each ``getWebhookInfo``, remembering the looks before."""

    def __init__(self, url: str) -> None:
        self._url = url
        self.trouble: Trouble | None = None
        self._last_error_date: int | None = None
        self._looked = False
        self._quiet = 0

    @classmethod
    def restored(cls, url: str, state: dict[str, Any]) -> TroubleJudge:
        """A judge that goes on from :meth:`state` saved by an earlier one."""
        judge = cls(url)
        judge.trouble = _trouble(state.get("trouble"))
        judge._last_error_date = state.get("last_error_date")
        judge._looked = bool(state.get("looked", False))
        judge._quiet = int(state.get("quiet", 0))
        return judge

    def state(self) -> dict[str, Any]:
        """What the next judge needs of the looks so far, as JSON."""
        return {
            "trouble": self.trouble,
            "last_error_date": self._last_error_date,
            "looked": self._looked,
            "quiet": self._quiet,
        }

    def judge(self, info: WebhookInfo) -> Look:
        pending, error = info.pending_update_count, info.last_error_message or ""
        date = int(info.last_error_date.timestamp()) if info.last_error_date else None
        fresh_error = self._looked and date is not None and date != self._last_error_date
        self._looked, self._last_error_date = True, date
        trouble: Trouble | None
        if info.url != self._url:
            trouble = Trouble.MISSING if not info.url else Trouble.ELSEWHERE
        else:
            failing = self.trouble is Trouble.FAILING
            if fresh_error and pending > 0:
                self._quiet = 0
                failing = True
            elif failing:
                self._quiet += 1
                failing = pending > 0 and self._quiet < QUIET_LOOKS
            trouble = Trouble.FAILING if failing else None
        self.trouble = trouble
        return Look(trouble, info.url, pending, error)


class WebhookWatch:
    """Asks Telegram about the webhook and tells the admins what changed; see the module."""

    def __init__(
        self,
        *,
        bot: Bot,
        url: str,
        session_factory: SessionFactory,
        clock: Clock,
        i18n: I18n,
        outbox: Outbox,
        metrics: Metrics,
        admin_ids: frozenset[int],
        interval: float,
    ) -> None:
        self._bot = bot
        self._url = url
        self._session_factory = session_factory
        self._clock = clock
        self._i18n = i18n
        self._outbox = outbox
        self._metrics = metrics
        self._admin_ids = admin_ids
        self._interval = interval
        self._looks = Passes()

    async def run(self, stop: asyncio.Event, lease: JobLease) -> None:
        """Look now and every ``interval`` until ``stop``, on the instance holding ``lease``."""
        await every(
            self._interval,
            partial(self._looks.run, self.look),
            clock=self._clock,
            stop=stop,
            name="webhook_watch",
            lease=lease,
        )

    async def settled(self) -> None:
        """Wait for a look that starts after this call (a test moves the clock first)."""
        await self._looks.settled()

    async def look(self) -> None:
        """Ask Telegram once; tell the admins what trouble began or ended."""
        info = await self._bot.get_webhook_info()
        self._metrics.webhook_pending.set(info.pending_update_count)
        async with self._session_factory() as session:
            repo = Repositories(session, clock=self._clock)
            memory = await repo.job_states.get(JOB) or {}
            judge = TroubleJudge.restored(self._url, memory.get("judge", {}))
            told = _trouble(memory.get("told"))
            seen = judge.judge(info)
            if seen.trouble != told:
                await self._tell(repo, seen, over=told)
            now = {"judge": judge.state(), "told": seen.trouble}
            if now != memory:  # most looks see what the last one saw: nothing to write
                # If the commit fails, neither the notice nor the memory of it is kept,
                # and the next look tells.
                await repo.job_states.put(JOB, now)
                await session.commit()

    async def _tell(self, repo: Repositories, seen: Look, *, over: Trouble | None) -> None:
        values: dict[str, str | int] = {
            "expected": self._url,
            "actual": seen.url,
            "pending": seen.pending,
            "error": seen.error,
        }
        if seen.trouble is None:
            key = "webhook-watch-over"
            logger.warning("event=webhook.trouble_over was=%s pending=%s", over, seen.pending)
        else:
            key = f"webhook-watch-{seen.trouble}"
            logger.warning(
                "event=webhook.trouble trouble=%s url=%s pending=%s error=%s",
                seen.trouble,
                seen.url or "-",
                seen.pending,
                seen.error or "-",
            )
        for admin in await admins_to_tell(repo, i18n=self._i18n, admin_ids=self._admin_ids):
            await self._outbox.enqueue(repo, chat_id=admin.id, text=admin.t(key, **values))


def _trouble(value: str | None) -> Trouble | None:
    return Trouble(value) if value else None
