"""The database out of reach: the admins hear it from Telegram, not from the logs.

Everything else the bot tells people goes through the outbox, a table, so while the
database does not answer (down, restarting for long, a password rotated under the bot)
nothing can say so: updates are refused (webhook: 500) or not confirmed (polling), the
jobs wait, and ``/readyz`` answers 503 to whoever looks. People just get no answers.

So every instance asks the database a trivial question every ``DATABASE_WATCH_SECONDS``.
When it has not answered ``LOOKS_BEFORE_TELLING`` looks in a row, the admins get one
message straight through Telegram, with when it stopped answering, and one more when it
answers again, each tried again at every look until an admin gets it. It is urgent, so
working hours do not hold it. How the admins read
(language, time zone) is what the last look that reached the database saw; before any
did, the bot's default language and zone. With Redis, the first instance to mark the
outage there tells, and the one that clears the mark tells it is over; without Redis each
instance tells (polling runs one).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import select

from bot.i18n import I18n
from bot.reminders.windows import WorkingWindows
from bot.sending.managers import Reader, admins_to_tell
from bot.sending.wakeup import wait_any
from bot.web.health import CHECK_TIMEOUT
from domain.clock import Clock
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)

LOOKS_BEFORE_TELLING = 2
"""Failed looks in a row before the admins are told: a restart of a few seconds is not."""
TOLD_FOR = 7 * 24 * 3600
"""Seconds the shared mark of a told outage lasts if no instance lives to clear it."""


class DatabaseWatch:
    """Looks at the database on the real clock and tells the admins when it stops answering."""

    def __init__(
        self,
        *,
        bot: Bot,
        session_factory: SessionFactory,
        clock: Clock,
        i18n: I18n,
        admin_ids: frozenset[int],
        windows: WorkingWindows,
        redis: Redis | None,
        prefix: str,
        interval: float,
    ) -> None:
        self._bot = bot
        self._session_factory = session_factory
        self._clock = clock
        self._i18n = i18n
        self._admin_ids = admin_ids
        self._windows = windows
        self._redis = redis
        self._mark = f"{prefix}:database_down"
        self._interval = interval
        self._admins = [Reader(admin, i18n.get(None), None) for admin in sorted(admin_ids)]
        self._seen = False
        self._failed = 0
        self._down_since: datetime | None = None
        self._told = False
        """Whether the outage under way is told (by this instance or another)."""
        self._tells_down: bool | None = None
        self._tells_back: bool | None = None
        """Whether this instance tells the outage, and its end (``None``: not decided yet)."""

    async def run(self, stop: asyncio.Event) -> None:
        """Look every ``interval`` real seconds until ``stop``."""
        while not stop.is_set():
            await self.look()
            await wait_any(stop, timeout=self._interval)

    async def look(self) -> None:
        """Ask the database once (and who the admins are); tell if that changed the story."""
        try:
            async with asyncio.timeout(CHECK_TIMEOUT), self._session_factory() as session:
                await session.execute(select(1))  # asked even when there is nobody to tell
                repo = Repositories(session, clock=self._clock)
                admins = await admins_to_tell(repo, i18n=self._i18n, admin_ids=self._admin_ids)
        except Exception as error:  # whatever it is, the database did not answer
            await self._no_answer(error)
            return
        self._admins = admins
        if not self._seen:
            self._seen = True
            logger.info("event=database.watched admins=%s", len(admins))
        if self._told and not await self._tell_back():
            return  # Telegram refused it: told at the next look
        if self._tells_down and not self._told:
            await self._last_to_know()  # marked, never told: the mark must not silence the next
        self._failed, self._down_since, self._told = 0, None, False
        self._tells_down = self._tells_back = None

    async def _no_answer(self, error: Exception) -> None:
        self._failed += 1
        if self._down_since is None:
            self._down_since = self._clock.now()
        if self._told or self._failed < LOOKS_BEFORE_TELLING:
            return
        if self._tells_down is None:
            logger.warning(
                "event=database.unreachable since=%s looks=%s error=%s",
                self._down_since.isoformat(),
                self._failed,
                type(error).__name__,
            )
            self._tells_down = await self._first_to_tell()
        # Another instance tells, or this one does; whoever clears the mark tells the end.
        self._told = not self._tells_down or await self._tell(
            "database-watch-down", self._down_since
        )

    async def _tell_back(self) -> bool:
        """Tell the admins the outage is over, if this instance is the one to; whether done."""
        if self._tells_back is None:
            logger.warning("event=database.reachable_again")
            self._tells_back = await self._last_to_know()
        return not self._tells_back or await self._tell("database-watch-back", self._down_since)

    async def _first_to_tell(self) -> bool:
        """Mark the outage in Redis; whether this instance marked it (so it tells)."""
        if self._redis is None:
            return True
        try:
            return bool(await self._redis.set(self._mark, "1", nx=True, ex=TOLD_FOR))
        except RedisError:
            return True  # better told twice than not at all

    async def _last_to_know(self) -> bool:
        """Clear the mark in Redis; whether this instance cleared it (so it tells the end)."""
        if self._redis is None:
            return True
        try:
            return bool(await self._redis.delete(self._mark))
        except RedisError:
            return True

    async def _tell(self, key: str, since: datetime | None) -> bool:
        """Send ``key`` to every admin now; whether any of them got it."""
        reached = False
        for admin in self._admins:
            zone = self._windows.zone_of(admin.person)
            when = admin.t.datetime(since.astimezone(zone)) if since is not None else ""
            try:
                await self._bot.send_message(admin.id, admin.t(key, since=when))
                reached = True
            except TelegramAPIError as error:
                logger.warning(
                    "event=database.notice_failed admin_id=%s error=%s", admin.id, error
                )
        return reached or not self._admins
