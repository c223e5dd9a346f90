"""`presale-bot playground`: the bot, the emulator and the page, until Ctrl-C.

Nothing is read from the environment or `.env` and nothing is written outside one
temporary folder, which goes away at the end; the server listens on 127.0.0.1 unless
told otherwise.
"""

from __future__ import annotations

import asyncio
import signal
import tempfile
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from zoneinfo import ZoneInfo

from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from bot.runner import RunningBot, freeze_start_up_heap
from bot.settings import Settings
from domain.clock import ManualClock
from domain.working_hours import WorkingSchedule
from emulator import TelegramEmulator
from emulator.limits import RateLimits
from playground.actions import MOVES, Actions
from playground.feed import Feed
from playground.strings import page_strings
from playground.team import ADMIN, TEAM, TEAM_CHAT_ID, add_people, grant_roles
from playground.tours import TOURS, Tours
from playground.view import chat_view, message_view
from playground.web import PageRoutes

ZONE = "Europe/Moscow"
WORK_HOURS = "09:00-18:00"
WORK_DAYS = "1-5"
LIMITS = RateLimits(
    private_per_second=100.0, private_burst=100.0, group_per_minute=600.0, group_burst=100.0
)
"""One visitor plays a whole team, and the tours type faster than anyone could, so the
per-chat limits are lifted; the bot-wide limit stays Telegram's."""


class PlaygroundSettings(Settings):
    """The bot's settings from the arguments alone: no environment, no `.env`."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


def this_monday_morning(today: datetime) -> datetime:
    """09:00 in the team's zone on this week's Monday: the playground's clock starts there."""
    local = today.astimezone(ZoneInfo(ZONE)).date()
    monday = local - timedelta(days=local.weekday())
    return datetime.combine(monday, time(9, 0), tzinfo=ZoneInfo(ZONE)).astimezone(UTC)


class Playground:
    """Everything `presale-bot playground` runs, started and stopped as one."""

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="presale-playground-")
        self.clock = ManualClock(this_monday_morning(datetime.now(UTC)))
        self.tg = TelegramEmulator(host=host, port=port, rate_limits=LIMITS, clock=self._timestamp)
        add_people(self.tg)
        self._strings = page_strings()
        self.feed = Feed(self.tg.world, self.snapshot)
        self.actions = Actions(
            self.tg,
            self.clock,
            WorkingSchedule.from_text(hours=WORK_HOURS, days=WORK_DAYS, tz=ZONE),
            self.feed,
        )
        self.tours = Tours(self.actions)
        self.tg.mount(PageRoutes(self.tg, self.feed, self.actions, self.tours).mount)
        self._bot: RunningBot | None = None

    def _settings(self) -> Settings:
        return PlaygroundSettings(
            bot_token=self.tg.bot_token,
            telegram_api_url=self.tg.base_url,
            database_url=f"sqlite+aiosqlite:///{Path(self._folder.name) / 'playground.db'}",
            team_chat_id=TEAM_CHAT_ID,
            admin_ids=frozenset({ADMIN.id}),
            timezone=ZONE,
            work_hours=WORK_HOURS,
            work_days=WORK_DAYS,
            log_level="WARNING",
        )

    def _timestamp(self) -> float:
        return self.clock.now().timestamp()

    @property
    def address(self) -> str:
        """The page's address."""
        return self.tg.base_url + "/"

    def snapshot(self) -> dict[str, Any]:
        """Everything the page needs to draw itself from nothing."""
        world = self.tg.world
        return {
            "bot": {"id": self.tg.bot.id, "name": self.tg.bot.first_name},
            "group": TEAM_CHAT_ID,
            "people": [
                {"id": p.id, "name": p.name, "role": p.role, "tags": list(p.tags)} for p in TEAM
            ],
            "zone": ZONE,
            "now": self.clock.now().timestamp(),
            "moves": list(MOVES),
            "tours": list(TOURS),
            "tour": self.tours.current,
            "chats": [chat_view(chat) for chat in world.chats.values()],
            "messages": [
                message_view(message)
                for chat in world.chats.values()
                for message in chat.messages.values()
            ],
            "strings": self._strings,
        }

    async def __aenter__(self) -> Self:
        await self.tg.start()
        self._bot = RunningBot(self._settings(), clock=self.clock)
        await self._bot.__aenter__()
        await grant_roles(self._bot.app)
        self.feed.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.tours.stop()
        await self.feed.stop()
        await self.actions.close()
        if self._bot is not None:
            await self._bot.__aexit__(exc_type, exc, traceback)
        await self.tg.stop()
        self._folder.cleanup()


async def run_playground(host: str, port: int) -> int:
    """Serve the playground until SIGINT or SIGTERM; prints the address, nothing else."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        async with Playground(host=host, port=port) as playground:
            freeze_start_up_heap()
            print(f"Presale Desk playground: {playground.address}", flush=True)
            await stop.wait()
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
    return 0
