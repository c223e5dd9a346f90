"""Fixtures shared by every end-to-end test: an emulator, people, and a running bot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.settings import Settings
from emulator import TelegramEmulator
from tests.harness import Person, RunningBot, make_settings, sqlite_url

pytest_plugins = ["tests.storage.fixtures"]

ADMIN_ID = 1000
TEAM_CHAT_ID = -1001000000001


@pytest.fixture
async def tg() -> AsyncIterator[TelegramEmulator]:
    async with TelegramEmulator() as emulator:
        yield emulator


@pytest.fixture
def settings_for(tg: TelegramEmulator, tmp_path: Path) -> Callable[..., Settings]:
    """Settings for a bot on this emulator with a SQLite file in the test's directory."""

    def build(**overrides: Any) -> Settings:
        overrides.setdefault("database_url", sqlite_url(tmp_path))
        overrides.setdefault("admin_ids", frozenset({ADMIN_ID}))
        overrides.setdefault("team_chat_id", TEAM_CHAT_ID)
        return make_settings(tg, **overrides)

    return build


@pytest.fixture
async def bot(settings_for: Callable[..., Settings]) -> AsyncIterator[RunningBot]:
    async with RunningBot(settings_for()) as running:
        yield running


@pytest.fixture
def person(tg: TelegramEmulator) -> Callable[..., Person]:
    """Make a user of the emulator: `alice = person(1, "Alice", language_code="en")`."""

    def build(user_id: int, first_name: str, **kwargs: Any) -> Person:
        tg.add_user(user_id, first_name, **kwargs)
        return Person(tg, user_id)

    return build
