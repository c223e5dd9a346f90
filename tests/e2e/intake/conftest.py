"""The intake stories type faster than a person can: per-chat flood limits are relaxed.

Flood control itself is covered by the emulator's and the sender's own tests; here a whole
form is filled in a second or two, which Telegram's one message a second would refuse.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from emulator import TelegramEmulator
from emulator.limits import RateLimits

FAST_TYPIST = RateLimits(private_per_second=100.0, private_burst=100.0)


@pytest.fixture
async def tg() -> AsyncIterator[TelegramEmulator]:
    async with TelegramEmulator(rate_limits=FAST_TYPIST) as emulator:
        yield emulator
