"""Claim limits: remind the group, tell the managers, and finally assign round-robin.

A request that nobody takes within its scenario's limit gets a reply under its card that
mentions the experts who may take it, and the managers are told. At the second limit
this happens again and, with ``AUTO_ASSIGN`` on, the request goes to the eligible expert
with the fewest open requests. Limits count working time when the scenario says so.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiogram import Bot

from bot.cluster.leases import JobLease
from bot.failures import is_outage
from bot.i18n import Html, I18n, Translator
from bot.jobs import every
from bot.sending.outbox import Outbox
from bot.services.cards import post_update
from bot.services.claims import Assigned, assign, eligible_experts
from bot.services.desk import Desk, display_name, mention
from bot.services.team_group import TeamGroup
from bot.services.view_buttons import with_open_button
from bot.settings import Settings
from domain.claim_policy import Candidate, pick_round_robin
from domain.clock import Clock
from domain.limits import ClaimLimits, claim_deadlines, overdue_level
from domain.working_hours import WorkingSchedule
from scenarios.loader import ScenarioCatalog
from scenarios.request_rules import ClaimLimit, Priority
from scenarios.request_rules import ClaimLimits as ScenarioLimits
from storage.models import Request, RequestTracking, User
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)

CHECK_INTERVAL = 30.0
"""Seconds between checks on the real clock; a test clock wakes the check when moved."""

FIRST, SECOND = 1, 2


def schedule_of(settings: Settings) -> WorkingSchedule:
    """The team's working windows from the settings."""
    return WorkingSchedule.from_text(
        hours=settings.work_hours, days=settings.work_days, tz=settings.timezone
    )


def limits_of(limit: ClaimLimit) -> ClaimLimits:
    """A scenario's limit for one priority, as the domain counts it."""
    return ClaimLimits(
        first=timedelta(minutes=limit.minutes),
        second=timedelta(minutes=limit.escalate_after_minutes),
        working_time=limit.working_time,
    )


async def check_request(
    desk: Desk, request: Request, tracking: RequestTracking, now: datetime
) -> int:
    """Report whatever limit of one waiting request has newly run out; returns the level."""
    since = tracking.waiting_since
    if since is None:
        return 0
    scenario = desk.scenario(request.scenario_id)
    per_priority = scenario.claim_limits if scenario is not None else ScenarioLimits()
    limit = per_priority.for_priority(Priority(request.priority))
    deadlines = claim_deadlines(schedule_of(desk.settings), since, limits_of(limit))
    level = overdue_level(now, deadlines)
    if level <= tracking.escalation_level:
        return 0
    if not await desk.repo.team.raise_escalation(request.id, since=since, to_level=level, now=now):
        return 0
    await escalate(desk, request, level, limit)
    return level


async def escalate(desk: Desk, request: Request, level: int, limit: ClaimLimit) -> None:
    """Remind the group, record it, at the second limit assign, and tell the managers."""
    experts = await eligible_experts(desk, request)
    managers = await desk.repo.team.managers_for(
        [expert.id for expert in experts], desk.settings.admin_ids
    )
    t = desk.team_t
    minutes = limit.minutes if level == FIRST else limit.escalate_after_minutes
    mentions = Html(", ".join(mention(expert) for expert in experts)) if experts else None
    await post_update(
        desk,
        request,
        t(
            f"claims-overdue-{level}",
            number=request.id,
            minutes=minutes,
            working=str(limit.working_time).lower(),
            experts=mentions or t("claims-overdue-nobody"),
        ),
    )
    await desk.repo.events.add(
        kind="request.claim_overdue",
        actor_id=None,
        request_id=request.id,
        data={
            "level": level,
            "experts": [expert.id for expert in experts],
            "managers": [manager.id for manager in managers],
        },
    )
    given = None
    if level == SECOND and desk.settings.auto_assign:
        given = await assign_round_robin(desk, request, experts)
    for manager in managers:
        manager_t = desk.t_for(manager)
        await desk.notify(
            manager.id,
            manager_news(manager_t, request, level, limit, given),
            reply_markup=with_open_button(manager_t, request.id),
        )


def manager_news(
    t: Translator,
    request: Request,
    level: int,
    limit: ClaimLimit,
    given: tuple[User, Assigned] | None,
) -> str:
    """What a manager hears of an overdue request: that it waits, or whom the bot gave it to.

    Asking them to assign an expert the bot has just assigned would have two people on it,
    and a brief that did not reach the expert would go unnoticed.
    """
    minutes = limit.minutes if level == FIRST else limit.escalate_after_minutes
    working = str(limit.working_time).lower()
    if given is None or given[1] is Assigned.UNCHANGED:
        return t(
            f"claims-manager-overdue-{level}", number=request.id, minutes=minutes, working=working
        )
    expert, assigned = given
    text = t(
        "claims-manager-auto-assigned",
        number=request.id,
        minutes=minutes,
        working=working,
        name=display_name(expert),
    )
    if assigned is Assigned.UNDELIVERED:
        text += "\n" + t("claims-assigned-undelivered", name=display_name(expert))
    return text


async def assign_round_robin(
    desk: Desk, request: Request, experts: Sequence[User]
) -> tuple[User, Assigned] | None:
    """Give the request to the eligible expert with the fewest open requests: who, and how."""
    ids = [expert.id for expert in experts]
    counts = await desk.repo.team.open_counts(ids)
    last = await desk.repo.team.last_taken(ids)
    chosen_id = pick_round_robin(
        [Candidate(expert.id, counts.get(expert.id, 0), last.get(expert.id)) for expert in experts]
    )
    chosen = next((expert for expert in experts if expert.id == chosen_id), None)
    if chosen is None:
        logger.info("event=team.auto_assign_nobody request_id=%s", request.id)
        return None
    return chosen, await assign(desk, request, chosen, by=None, kind="request.auto_assigned")


@dataclass
class ClaimWatch:
    """The periodic check of claim limits, with its own database session per request."""

    bot: Bot
    session_factory: SessionFactory
    clock: Clock
    i18n: I18n
    settings: Settings
    scenarios: ScenarioCatalog
    group: TeamGroup
    outbox: Outbox | None = None

    async def check_claim_deadlines(self, now: datetime | None = None) -> int:
        """Report every limit that has run out by ``now``; returns how many were reported."""
        moment = now or self.clock.now()
        async with self.session_factory() as session:
            waiting = await Repositories(session, clock=self.clock).team.waiting()
        reported = 0
        for request, tracking in waiting:
            async with self.session_factory() as session:
                desk = self._desk(Repositories(session, clock=self.clock))
                try:
                    if await check_request(desk, request, tracking, moment):
                        reported += 1
                    await session.commit()
                except Exception as error:
                    if is_outage(error):
                        raise  # the next would fail too; the beat is logged as failed
                    logger.exception("event=team.claim_check_failed request_id=%s", request.id)
                    await session.rollback()
        return reported

    async def run(self, stop: asyncio.Event, lease: JobLease | None = None) -> None:
        """Check now, then whenever the clock moves (a test clock) or every half minute."""
        await every(
            CHECK_INTERVAL,
            self.check_claim_deadlines,
            clock=self.clock,
            stop=stop,
            name="claim_limits",
            lease=lease,
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
