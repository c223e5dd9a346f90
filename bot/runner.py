"""Running the bot: migrate, announce commands, poll until a signal, then close cleanly."""

from __future__ import annotations

import asyncio
import logging
import signal

from bot.app import App, create_app
from bot.commands import set_command_menus
from bot.settings import Settings
from storage.migrate import upgrade_database

logger = logging.getLogger(__name__)


async def start(app: App) -> None:
    """Everything that must happen before the first update is handled."""
    await upgrade_database(app.settings.database_url)
    me = await app.bot.me()
    logger.info("event=bot.started bot_id=%s", me.id)
    await set_command_menus(app.bot, app.i18n)


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
