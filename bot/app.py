"""The running bot as one object: what it owns, its background jobs, and how it closes.

``bot.assembly.create_app`` builds it from settings.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiogram import Bot, Dispatcher
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.cluster.leases import JobLeases
from bot.database_watch import DatabaseWatch
from bot.i18n import I18n
from bot.in_flight import JOB as IN_FLIGHT_JOB
from bot.in_flight import DeadInstances
from bot.inbox import PRUNE_INTERVAL, Inbox
from bot.inbox_watch import JOB as INBOX_WATCH_JOB
from bot.inbox_watch import InboxWatch
from bot.jobs import every
from bot.metrics import Metrics
from bot.polling import ReliablePoller
from bot.reminders.engine import ReminderEngine
from bot.reporting.export import Exports
from bot.sending.outbox import Outbox
from bot.sending.sender import Sender
from bot.services.card_posting import CardPosting
from bot.services.escalation import ClaimWatch
from bot.services.pipeline_watch import PipelineWatch
from bot.services.team_group import TeamGroup
from bot.settings import Settings
from bot.stop_window import StopWindow
from domain.clock import Clock
from handlers.intake.reminders import DraftReminders
from integrations.worker import DeliveryWorker
from scenarios.loader import ScenarioCatalog
from storage.write_turn import TurnSessions, WriteTurn

logger = logging.getLogger(__name__)


@dataclass
class App:
    """Everything one running bot owns, so it can be started, driven and closed as a whole."""

    settings: Settings
    bot: Bot
    dispatcher: Dispatcher
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    write_turn: WriteTurn
    i18n: I18n
    clock: Clock
    fsm_storage: BaseStorage
    scenarios: ScenarioCatalog
    team_group: TeamGroup
    sender: Sender
    outbox: Outbox
    reminders: ReminderEngine
    deliveries: DeliveryWorker
    exports: Exports
    card_posting: CardPosting
    metrics: Metrics
    instance: str
    """Names this process where instances share work (leases, per-chat turns, claims)."""
    inbox: Inbox = field(init=False)
    inbox_watch: InboxWatch = field(init=False)
    database_watch: DatabaseWatch = field(init=False)
    dead_instances: DeadInstances = field(init=False)
    poller: ReliablePoller = field(init=False)
    job_sessions: TurnSessions = field(init=False)
    draft_reminders: DraftReminders = field(init=False)
    claim_watch: ClaimWatch = field(init=False)
    pipeline_watch: PipelineWatch = field(init=False)
    leases: JobLeases = field(init=False)
    stop_window: StopWindow = field(init=False)
    _jobs_stop: asyncio.Event = field(init=False, default_factory=asyncio.Event)
    _jobs: list[asyncio.Task[None]] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.job_sessions = TurnSessions(self.session_factory, self.write_turn)
        self.inbox = Inbox(self.bot, self.session_factory, self.write_turn, self.clock)
        self.inbox_watch = InboxWatch(
            session_factory=self.job_sessions,
            clock=self.clock,
            i18n=self.i18n,
            outbox=self.outbox,
            admin_ids=self.settings.admin_ids,
            windows=self.reminders.windows,
            interval=self.settings.inbox_watch_seconds,
        )
        self.database_watch = DatabaseWatch(
            bot=self.bot,
            session_factory=self.session_factory,
            clock=self.clock,
            i18n=self.i18n,
            admin_ids=self.settings.admin_ids,
            windows=self.reminders.windows,
            redis=self.redis,
            prefix=self.settings.redis_prefix,
            interval=self.settings.database_watch_seconds,
        )
        self.dead_instances = DeadInstances(
            self.job_sessions,
            self.clock,
            own=self.instance,
            grace=self.settings.lease_seconds / 2,
        )
        self.stop_window = StopWindow(self.settings.stop_timeout)
        self.leases = JobLeases(
            session_factory=self.job_sessions,
            clock=self.clock,
            owner=self.instance,
            ttl=self.settings.lease_seconds,
        )
        self.poller = ReliablePoller(
            bot=self.bot,
            dispatcher=self.dispatcher,
            record=self.inbox.record,
            pending=self.inbox.pending,
            mark_failed=self.inbox.mark_failed,
            timeout=self.settings.polling_timeout,
            allowed_updates=self.dispatcher.resolve_used_update_types(),
            stop_window=self.stop_window,
        )
        self.draft_reminders = DraftReminders(
            bot=self.bot,
            session_factory=self.job_sessions,
            storage=self.fsm_storage,
            clock=self.clock,
            i18n=self.i18n,
            settings=self.settings,
            scenarios=self.scenarios,
            outbox=self.outbox,
            windows=self.reminders.windows,
        )
        self.claim_watch = ClaimWatch(
            bot=self.bot,
            session_factory=self.job_sessions,
            clock=self.clock,
            i18n=self.i18n,
            settings=self.settings,
            scenarios=self.scenarios,
            group=self.team_group,
            outbox=self.outbox,
        )
        self.pipeline_watch = PipelineWatch(
            bot=self.bot,
            session_factory=self.job_sessions,
            clock=self.clock,
            i18n=self.i18n,
            settings=self.settings,
            scenarios=self.scenarios,
            group=self.team_group,
            reminders=self.reminders,
            outbox=self.outbox,
        )
        self.pipeline_watch.register_kinds(self.reminders.kinds)

    @property
    def redis(self) -> Redis | None:
        """The Redis the instances share, when one is configured."""
        return self.fsm_storage.redis if isinstance(self.fsm_storage, RedisStorage) else None

    def jobs_running(self) -> bool:
        """Whether every background job started by ``start_jobs`` is still running."""
        return bool(self._jobs) and not any(job.done() for job in self._jobs)

    def start_jobs(self) -> None:
        """Start the background work (the periodic jobs, each under its lease, and the
        workers that send); `close` stops it."""
        leases = self.leases
        stop = self._jobs_stop
        self._jobs += [
            asyncio.create_task(leases.keep_renewed(stop)),
            asyncio.create_task(self.draft_reminders.run(stop, leases.for_job("draft_reminders"))),
            asyncio.create_task(self.claim_watch.run(stop, leases.for_job("claim_limits"))),
            asyncio.create_task(self.pipeline_watch.run(stop, leases.for_job("pipeline"))),
            asyncio.create_task(self.card_posting.run(stop, leases.for_job("card_posting"))),
            asyncio.create_task(self.inbox_watch.run(stop, leases.for_job(INBOX_WATCH_JOB))),
        ]
        # Not under a lease: leases live in the database this one watches.
        self._jobs.append(asyncio.create_task(self.database_watch.run(stop)))
        self._jobs.append(asyncio.create_task(self.sender.run()))
        self._jobs.append(asyncio.create_task(self.reminders.run()))
        self._jobs.append(asyncio.create_task(self.deliveries.run()))
        self._jobs.append(self._leased(PRUNE_INTERVAL, self.inbox.prune, "inbox_prune"))
        dead = self._leased(
            self.settings.lease_seconds / 2, self.take_back_from_the_dead, IN_FLIGHT_JOB
        )
        self._jobs.append(dead)

    def _leased(
        self, interval: float, work: Callable[[], Awaitable[object]], name: str
    ) -> asyncio.Task[None]:
        """A periodic job that one instance at a time runs, under the lease ``name``."""
        job = every(
            interval,
            work,
            clock=self.clock,
            stop=self._jobs_stop,
            name=name,
            lease=self.leases.for_job(name),
        )
        return asyncio.create_task(job)

    async def take_back_from_the_dead(self) -> None:
        """Free what dead instances left claimed, and wake this one's workers to send it."""
        if await self.dead_instances.look():
            self.sender.notify()
            self.reminders.notify()
            self.deliveries.notify()

    async def close(self) -> None:
        """Stop the jobs, then release the HTTP session, the FSM storage and the database."""
        self._jobs_stop.set()
        self.reminders.stop()
        self.deliveries.stop()
        self.sender.stop()
        await self.stop_window.finish_or_cut(self._jobs, "jobs")
        await self.exports.close()
        try:
            await self.leases.release_all()
        except Exception:  # expiry hands them over anyway
            logger.warning("event=lease.release_failed owner=%s", self.instance)
        await self.bot.session.close()
        await self.fsm_storage.close()
        await self.engine.dispose()
