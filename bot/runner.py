"""Running the bot: migrate, announce commands, take updates until a signal, close cleanly.

Long polling is the default; ``MODE=webhook`` (or ``run --webhook``) serves Telegram's
webhook instead, which is what several instances behind one address need.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from urllib.parse import urlsplit

from aiogram.exceptions import TelegramBadRequest

from bot.app import App
from bot.assembly import create_app
from bot.cluster.inbox_worker import InboxWorker
from bot.cluster.reach import require_redis
from bot.cluster.single_poller import sole_poller
from bot.cluster.turns import ChatTurns, LocalTurns, RedisTurns
from bot.commands import set_command_menus, set_team_menus
from bot.in_flight import take_back_in_flight
from bot.settings import Settings, SettingsError, webhook_address
from bot.web.server import WebServer
from bot.web.webhook import WebhookIntake
from bot.web.webhook_watch import JOB as WATCH_JOB
from bot.web.webhook_watch import WebhookWatch
from domain.clock import Clock
from scenarios.loader import ScenarioCatalog
from storage.migrate import upgrade_database
from storage.repositories.holder import Repositories

logger = logging.getLogger(__name__)


def freeze_start_up_heap() -> None:
    """Leave everything built so far out of the garbage collector's later passes.

    After imports and start-up the process holds about 200,000 long-lived objects
    (aiogram's types, pydantic's schemas, SQLAlchemy's mappers, the scenarios). A full
    collection walks all of them, about 170 ms on a shared 2-core machine, and one falls
    on about one ``/work`` in a few dozen: that answer was late by as much. Frozen, they
    are never walked again (and never freed, which they would not be anyway). Only a bot
    process does this: tests build and drop many apps in one process. The collector,
    paused for the start-up by the command line (``bot.cli``), resumes here.
    """
    gc.freeze()
    gc.enable()
    logger.info("event=bot.heap_frozen objects=%s", gc.get_freeze_count())


async def start(app: App, *, alone: bool = False) -> None:
    """Everything that must happen before the first update is handled.

    ``alone``: no other process of the bot runs (polling holds its lock), so what is found
    in flight is a dead predecessor's and goes back to its queue at once.
    """
    await upgrade_database(app.settings.database_url)
    await require_redis(app.redis)
    if alone:
        await take_back_in_flight(app.job_sessions, app.clock)
    await app.leases.stay_alive()
    me = await app.bot.me()
    logger.info("event=bot.started bot_id=%s", me.id)
    await set_command_menus(app.bot, app.i18n)
    async with app.session_factory() as session:
        repo = Repositories(session, clock=app.clock)
        await set_team_menus(app.bot, app.i18n, repo, app.settings.admin_ids)
    app.start_jobs()


def web_server(app: App, webhook: tuple[str, WebhookIntake] | None = None) -> WebServer:
    """Health, readiness and metrics of ``app``, and the webhook when given."""
    return WebServer(
        engine=app.engine,
        session_factory=app.session_factory,
        clock=app.clock,
        redis=app.redis,
        metrics=app.metrics,
        jobs_running=app.jobs_running,
        webhook=webhook,
    )


def chat_turns(app: App) -> ChatTurns:
    """Per-chat turns in Redis when instances share one, else within this process."""
    redis = app.redis
    if redis is None:
        return LocalTurns()
    return RedisTurns(
        redis, prefix=app.settings.redis_prefix, owner=app.instance, ttl=app.settings.lease_seconds
    )


class WebhookBot:
    """The bot in webhook mode: an HTTP server records updates, a worker handles them."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.url, self.secret = webhook_address(app.settings)
        self.worker = InboxWorker(
            bot=app.bot,
            session_factory=app.session_factory,
            clock=app.clock,
            turns=chat_turns(app),
            handle=app.poller.handle,
            turn_seconds=app.settings.lease_seconds,
            stop_window=app.stop_window,
        )
        intake = WebhookIntake(
            bot=app.bot, secret=self.secret, record=app.inbox.record, worker=self.worker
        )
        self.server = web_server(app, (urlsplit(self.url).path or "/", intake))
        self.watch = WebhookWatch(
            bot=app.bot,
            url=self.url,
            session_factory=app.job_sessions,
            clock=app.clock,
            i18n=app.i18n,
            outbox=app.outbox,
            metrics=app.metrics,
            admin_ids=app.settings.admin_ids,
            interval=app.settings.webhook_watch_seconds,
        )
        self._stop = asyncio.Event()
        self._sweeps: asyncio.Task[None] | None = None
        self._watching: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Listen first, then tell Telegram where to post; pending updates are kept."""
        await start(self.app)
        settings = self.app.settings
        await self.server.start(settings.listen_host, settings.listen_port)
        self._sweeps = asyncio.create_task(self.worker.run_sweeps(self._stop))
        try:
            await self.app.bot.set_webhook(
                self.url,
                secret_token=self.secret,
                allowed_updates=self.app.dispatcher.resolve_used_update_types(),
                drop_pending_updates=False,
            )
        except TelegramBadRequest as error:  # an address Telegram will not post to
            raise SettingsError(
                f"Telegram refused WEBHOOK_URL {self.url}: {error.message}"
            ) from None
        logger.info("event=webhook.set port=%s", self.server.port)
        lease = self.app.leases.for_job(WATCH_JOB)
        self._watching = asyncio.create_task(self.watch.run(self._stop, lease))

    def stop(self) -> None:
        """Begin a clean stop (from a signal handler)."""
        self._stop.set()

    async def wait(self) -> None:
        await self._stop.wait()

    async def close(self) -> None:
        """Stop taking updates, let the handlers of those taken finish, close the app.

        The webhook stays registered: the other instances behind the same address go on.
        An update waiting to retry a Telegram failure, and the updates not begun yet, stay
        pending in the inbox for them (or for the next start): a stop while Telegram is
        unreachable ends after the calls under way, not when Telegram is back.
        """
        self._stop.set()
        self.worker.stop()
        self.app.poller.stop()
        await self.server.stop()
        watches = [task for task in (self._sweeps, self._watching) if task is not None]
        await self.app.stop_window.finish_or_cut(watches, "watches")
        await self.worker.finish()
        await self.app.close()


async def run_bot(settings: Settings) -> None:
    """Poll, or serve the webhook, until SIGTERM or SIGINT; in-flight handlers finish."""
    app = create_app(settings)
    if settings.mode == "webhook":
        await _run_webhook(WebhookBot(app))
        return
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, app.poller.stop)
    health = web_server(app) if settings.health_port is not None else None
    try:
        async with sole_poller(settings.database_url, app.bot.id, on_lost=app.poller.stop):
            await start(app, alone=True)
            freeze_start_up_heap()
            if health is not None and settings.health_port is not None:
                await health.start(settings.listen_host, settings.health_port)
            await app.poller.run()
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
        if health is not None:
            await health.stop()
        await app.close()
        logger.info("event=bot.stopped")


async def _run_webhook(webhook: WebhookBot) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, webhook.stop)
    try:
        await webhook.start()
        freeze_start_up_heap()
        await webhook.wait()
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
        await webhook.close()
        logger.info("event=bot.stopped")


class RunningBot:
    """A bot polling in the current event loop, for the demo, the benchmark and tests.

    Entering migrates, announces commands and starts polling; leaving stops polling,
    waits for running handlers and closes everything, like a SIGTERM would.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        scenarios: ScenarioCatalog | None = None,
    ) -> None:
        self.app = create_app(settings, clock=clock, scenarios=scenarios)
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> RunningBot:
        await start(self.app)
        self._task = asyncio.create_task(self.app.poller.run())
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.app.poller.stop()
        if self._task is not None:
            await self._task
        await self.app.close()
