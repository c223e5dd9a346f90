"""Telegram failing mid-update: a bot with a team group, people who type fast, and checks.

Per-chat flood limits are relaxed as in the intake stories (a form is filled in a second
or two); the failures are the ones each story plans with ``tg.fail_next``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest

from bot.settings import Settings
from emulator import TelegramEmulator
from emulator.limits import RateLimits
from storage.models import Request, UpdateStatus
from storage.repositories.holder import Repositories
from tests.conftest import TEAM_CHAT_ID
from tests.harness import RunningBot

FAST_TYPIST = RateLimits(private_per_second=100.0, private_burst=100.0)


@pytest.fixture
async def tg() -> AsyncIterator[TelegramEmulator]:
    async with TelegramEmulator(rate_limits=FAST_TYPIST) as emulator:
        emulator.add_group(TEAM_CHAT_ID, "Presale team", bot_is_admin=True)
        yield emulator


@pytest.fixture
async def bot(settings_for: Callable[..., Settings]) -> AsyncIterator[RunningBot]:
    async with RunningBot(settings_for()) as running:
        yield running


async def stored_request(bot: RunningBot, number: int) -> Request | None:
    """Request ``number`` as the database holds it once every update so far is handled."""
    await bot.app.poller.drain()
    async with bot.app.session_factory() as session:
        return await Repositories(session).requests.with_answers(number)


async def update_status(bot: RunningBot, update_id: int) -> UpdateStatus | None:
    await bot.app.poller.drain()
    async with bot.app.session_factory() as session:
        return await Repositories(session).updates.status(update_id)
