"""Updates the bot has recorded but does not handle: the admins are told, not left to guess.

An update is recorded in the inbox before it is handled, by the poller or by the webhook.
When Redis is away no chat's turn can be taken (webhook mode) and no dialog read (either mode
with ``REDIS_URL``); when the database fails under the handlers, every try is rolled back.
The updates then wait, each retried, and nothing looks wrong from outside: the webhook
answered 200, Telegram's queue is empty, the process is up. People simply get no answers.

So one instance at a time (a lease) reads the inbox every ``INBOX_WATCH_SECONDS``. When the
oldest recorded update has waited unhandled for ``STALLED_LOOKS`` looks, the admins are told
once, in their language and time zone, how many wait and since when, and once more when
they are handled again. The bot's own messages do not wait for Redis meanwhile
(``bot/cluster/send_limits.py``), so the notice does go out. What was told is kept in the
database (``job_states``), written in the transaction that queues the notice, so the
instance that takes the lease over, or this one after a restart, does not tell it twice.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from bot.cluster.leases import JobLease
from bot.i18n import I18n
from bot.jobs import every
from bot.reminders.windows import WorkingWindows
from bot.sending.managers import admins_to_tell
from bot.sending.outbox import Outbox
from domain.clock import Clock
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)

STALLED_LOOKS = 2
"""Looks the oldest recorded update may wait unhandled before the admins are told."""
JOB = "inbox_watch"
"""The name of the watch's lease and of its memory."""


class InboxWatch:
    """Reads the inbox's oldest waiting update and tells the admins when it is stuck."""

    def __init__(
        self,
        *,
        session_factory: SessionFactory,
        clock: Clock,
        i18n: I18n,
        outbox: Outbox,
        admin_ids: frozenset[int],
        windows: WorkingWindows,
        interval: float,
    ) -> None:
        self._session_factory = session_factory
        self._clock = clock
        self._i18n = i18n
        self._outbox = outbox
        self._admin_ids = admin_ids
        self._windows = windows
        self._interval = interval

    async def run(self, stop: asyncio.Event, lease: JobLease) -> None:
        """Look every ``interval`` until ``stop``, on the instance holding ``lease``."""
        await every(self._interval, self.look, clock=self._clock, stop=stop, name=JOB, lease=lease)

    async def look(self) -> None:
        """Read the inbox once; tell the admins if a stall began or ended since the last look."""
        async with self._session_factory() as session:
            repo = Repositories(session, clock=self._clock)
            told = bool((await repo.job_states.get(JOB) or {}).get("stalled"))
            waiting, oldest = await repo.updates.waiting()
            patience = timedelta(seconds=self._interval * STALLED_LOOKS)
            stalled = oldest is not None and self._clock.now() - oldest >= patience
            if stalled == told:
                return
            event = "stalled" if stalled else "stall_over"
            logger.warning("event=inbox.%s waiting=%s oldest=%s", event, waiting, oldest)
            for admin in await admins_to_tell(repo, i18n=self._i18n, admin_ids=self._admin_ids):
                if oldest is not None and stalled:
                    zone = self._windows.zone_of(admin.person)
                    since = admin.t.datetime(oldest.astimezone(zone))
                    text = admin.t("inbox-watch-stalled", waiting=waiting, since=since)
                else:
                    text = admin.t("inbox-watch-stalled-over", waiting=waiting)
                await self._outbox.enqueue(repo, chat_id=admin.id, text=text)
            # If the commit fails, neither the notice nor the memory of it is kept, and the
            # next look tells.
            await repo.job_states.put(JOB, {"stalled": stalled})
            await session.commit()
