"""The pipeline's periodic check: stage limits, deal life, and planning the daily digests.

Runs beside the claim check and wakes the same way: whenever a test's clock moves, or
every half minute on the real clock. What it decides to say goes out as reminders (in
the recipient's working hours) or through the outbox, never straight to Telegram.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from aiogram import Bot

from bot.cluster.leases import JobLease
from bot.failures import is_outage
from bot.i18n import I18n
from bot.jobs import every
from bot.reminders.engine import ReminderEngine
from bot.reminders.kinds import ReminderContext, ReminderKinds
from bot.reporting.weekly import plan_weekly, weekly_kind
from bot.sending.outbox import Outbox
from bot.services.desk import Desk
from bot.services.digest import digest_kind, plan_digests
from bot.services.nurture import check_deal_life
from bot.services.pipeline import check_stage_limit
from bot.services.pipeline_kinds import STAGE_KINDS, nurture_kind, nurtured_kind
from bot.services.team_group import TeamGroup
from bot.settings import Settings
from domain.clock import Clock
from scenarios.loader import ScenarioCatalog
from storage.repositories.holder import Repositories
from storage.repositories.pipeline import PipelineQueries
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)

CHECK_INTERVAL = 30.0
"""Seconds between checks on the real clock; a test clock wakes the check when moved."""


@dataclass
class PipelineWatch:
    """Checks every request in work and plans digests, each request in its own transaction."""

    bot: Bot
    session_factory: SessionFactory
    clock: Clock
    i18n: I18n
    settings: Settings
    scenarios: ScenarioCatalog
    group: TeamGroup
    reminders: ReminderEngine
    outbox: Outbox

    def register_kinds(self, kinds: ReminderKinds) -> None:
        """The reminders this check plans, rendered with this app's settings and forms."""
        for kind in STAGE_KINDS:
            kinds.register(kind)
        kinds.register(nurture_kind(self._context_desk, self.reminders))
        kinds.register(nurtured_kind(self._context_desk))
        kinds.register(digest_kind(self._context_desk, self.reminders.windows))
        kinds.register(weekly_kind(self._context_desk, self.settings))

    async def check(self, now: datetime | None = None) -> int:
        """Stage limits and deal life of every request in work, then digests; returns changes."""
        moment = now or self.clock.now()
        async with self.session_factory() as session:
            requests = await PipelineQueries(session, self.clock).in_work()
        changed = 0
        for request in requests:
            async with self.session_factory() as session:
                desk = self._desk(Repositories(session, clock=self.clock))
                try:
                    changed += bool(await check_stage_limit(desk, self.reminders, request, moment))
                    changed += await check_deal_life(desk, self.reminders, request, moment)
                    await session.commit()
                except Exception as error:
                    if is_outage(error):
                        raise  # the next would fail too; the beat is logged as failed
                    logger.exception("event=pipeline.check_failed request_id=%s", request.id)
                    await session.rollback()
        async with self.session_factory() as session:
            repo = Repositories(session, clock=self.clock)
            try:
                changed += await plan_digests(repo, self.reminders, self.reminders.windows, moment)
                changed += await plan_weekly(repo, self.reminders, self.settings, moment)
                await session.commit()
            except Exception as error:
                if is_outage(error):
                    raise
                logger.exception("event=pipeline.digest_plan_failed")
                await session.rollback()
        return changed

    async def run(self, stop: asyncio.Event, lease: JobLease | None = None) -> None:
        """Check now, then whenever the clock moves (a test clock) or every half minute."""
        await every(
            CHECK_INTERVAL, self.check, clock=self.clock, stop=stop, name="pipeline", lease=lease
        )

    def _desk(self, repo: Repositories) -> Desk:
        return Desk(
            bot=self.bot,
            repo=repo,
            i18n=self.i18n,
            settings=self.settings,
            scenarios=self.scenarios,
            group=self.group,
            outbox=self.outbox,
        )

    def _context_desk(self, context: ReminderContext) -> Desk:
        return self._desk(context.repo)
