"""The reliability suite: hostile input, kill -9 cycles and Bot API fault bursts.

Every story here is seeded, so a run can be repeated exactly; each one records its
figures with :func:`report`, and the figures are printed at the end of the run whatever
the output capture (``-s`` or not), for CI's log and README.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from emulator import TelegramEmulator
from emulator.limits import RateLimits
from tests.conftest import TEAM_CHAT_ID

SEED = 20261130
"""One seed for the whole suite; change it to explore, keep it to reproduce."""

FAST_TYPIST = RateLimits(private_per_second=100.0, private_burst=100.0)

_FIGURES: list[str] = []


def report(line: str) -> None:
    """Record one line of figures for the end-of-run summary."""
    _FIGURES.append(line)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _FIGURES:
        return
    terminalreporter.section("reliability figures")
    for line in _FIGURES:
        terminalreporter.write_line(line)


@pytest.fixture
async def tg() -> AsyncIterator[TelegramEmulator]:
    async with TelegramEmulator(rate_limits=FAST_TYPIST) as emulator:
        emulator.add_group(TEAM_CHAT_ID, "Presale team", bot_is_admin=True)
        yield emulator
