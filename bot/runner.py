"""Running the bot: migrate, announce commands, poll until a signal, then close cleanly."""

from __future__ import annotations

import asyncio
import logging
import signal

from bot.app import App, create_app
from bot.commands import set_command_menus, set_team_menus
from bot.settings import Settings
from domain.clock import Clock
from storage.migrate import upgrade_database
from storage.repositories.holder import Repositories

logger = logging.getLogger(__name__)


async def start(app: App) -> None:
    """Everything that must happen before the first update is handled."""
    await upgrade_database(app.settings.database_url)
    me = await app.bot.me()
    logger.info("event=bot.started bot_id=%s", me.id)
    await set_command_menus(app.bot, app.i18n)
    async with app.session_factory() as session:
        repo = Repositories(session, clock=app.clock)
        await set_team_menus(app.bot, app.i18n, repo, app.settings.admin_ids)
    app.start_jobs()


async def run_bot(settings: Settings) -> None:
    """Long polling until SIGTERM or SIGINT; in-flight handlers finish before exit."""
    app = create_app(settings)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, app.poller.stop)
    try:
        await start(app)
        await app.poller.run()
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
        await app.close()
        logger.info("event=bot.stopped")


class RunningBot:
    """A bot polling in the current event loop, for the demo, the benchmark and tests.

    Entering migrates, announces commands and starts polling; leaving stops polling,
    waits for running handlers and closes everything, like a SIGTERM would.
    """

    def __init__(self, settings: Settings, *, clock: Clock | None = None) -> None:
        self.app = create_app(settings, clock=clock)
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
