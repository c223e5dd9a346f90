"""One reminder about an abandoned draft, after ``settings.draft_reminder_minutes``, in the
author's working hours (in their zone): a draft left in the evening is reminded about in the
morning, and only if it is still waiting then.

The database decides who is due: a draft row is claimed (``reminded_at`` set) in its own
transaction before the message is sent, so two checks running at once never remind twice.
A draft that moves again becomes eligible for a new reminder later.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import BaseStorage, StorageKey

from bot.cluster.leases import JobLease
from bot.i18n import I18n
from bot.jobs import every
from bot.reminders.windows import WorkingWindows
from bot.sending.outbox import Outbox
from bot.settings import Settings
from domain.clock import Clock
from handlers.intake.draft import load_draft
from handlers.intake.keyboards import draft_keyboard
from scenarios.loader import ScenarioCatalog
from scenarios.schema import localized
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)

CHECK_INTERVAL = 60.0
"""Seconds between checks on the wall clock; a test clock wakes the check when moved."""


@dataclass
class DraftReminders:
    """The periodic check for abandoned drafts."""

    bot: Bot
    session_factory: SessionFactory
    storage: BaseStorage
    clock: Clock
    i18n: I18n
    settings: Settings
    scenarios: ScenarioCatalog
    outbox: Outbox
    windows: WorkingWindows

    async def remind_abandoned_drafts(self, now: datetime | None = None) -> int:
        """Remind every author whose draft has been idle long enough; returns how many."""
        moment = now or self.clock.now()
        idle_since = moment - timedelta(minutes=self.settings.draft_reminder_minutes)
        async with self.session_factory() as session:
            due = await Repositories(session, clock=self.clock).drafts.abandoned(
                idle_since=idle_since
            )
            user_ids = [draft.user_id for draft in due]
        sent = 0
        for user_id in user_ids:
            if await self._remind(user_id, idle_since=idle_since, now=moment):
                sent += 1
        return sent

    async def _remind(self, user_id: int, *, idle_since: datetime, now: datetime) -> bool:
        async with self.session_factory() as session:
            repo = Repositories(session, clock=self.clock)
            user = await repo.users.get(user_id)
            if user is not None and self.windows.send_at(user, now, urgent=False) > now:
                return False  # after hours: a check in their working hours reminds them
            if not await repo.drafts.mark_reminded(user_id, idle_since=idle_since, now=now):
                return False
            state = FSMContext(self.storage, StorageKey(self.bot.id, user_id, user_id))
            draft = await load_draft(state)
            if draft is None or user is None or draft.scenario_id not in self.scenarios:
                await repo.drafts.discard(user_id)
                await session.commit()
                return False
            t = self.i18n.get(self.i18n.pick_locale(user.language, user.telegram_language))
            scenario = self.scenarios.get(draft.scenario_id)
            # Claimed and queued in one transaction: the one sender delivers it once.
            await self.outbox.enqueue(
                repo,
                chat_id=user_id,
                text=t(
                    "intake-reminder",
                    scenario=localized(scenario.title, t.locale),
                    answered=len(draft.answers),
                ),
                reply_markup=draft_keyboard(draft, t),
            )
            await session.commit()
        logger.info("event=intake.reminded user_id=%s", user_id)
        return True

    async def run(self, stop: asyncio.Event, lease: JobLease | None = None) -> None:
        """Check now, then whenever the clock moves (a test clock) or every minute."""
        await every(
            CHECK_INTERVAL,
            self.remind_abandoned_drafts,
            clock=self.clock,
            stop=stop,
            name="draft_reminders",
            lease=lease,
        )
