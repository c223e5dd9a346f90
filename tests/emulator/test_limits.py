"""Flood limits: 429 with retry_after where Telegram would refuse, and a switch to turn off."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import TelegramRetryAfter
from aiogram.types import BufferedInputFile, InputMediaDocument

from emulator import RateLimits, TelegramEmulator
from emulator.limits import RateLimiter
from tests.emulator.conftest import GROUP_ID, USER_ID


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_private_chat_allows_a_burst_then_one_per_second() -> None:
    clock = FakeClock()
    limiter = RateLimiter(RateLimits(private_burst=3), clock)
    assert [limiter.acquire(1, 10, is_group=False) for _ in range(3)] == [None] * 3
    assert limiter.acquire(1, 10, is_group=False) == 1
    clock.now = 1.0
    assert limiter.acquire(1, 10, is_group=False) is None
    assert limiter.acquire(1, 10, is_group=False) == 1


def test_group_allows_twenty_per_minute() -> None:
    clock = FakeClock()
    limiter = RateLimiter(RateLimits(), clock)
    assert all(limiter.acquire(1, -5, is_group=True) is None for _ in range(20))
    assert limiter.acquire(1, -5, is_group=True) == 3
    clock.now = 3.0
    assert limiter.acquire(1, -5, is_group=True) is None


def test_overall_limit_is_thirty_per_second_across_chats() -> None:
    clock = FakeClock()
    limiter = RateLimiter(RateLimits(), clock)
    assert all(limiter.acquire(1, chat, is_group=False) is None for chat in range(30))
    assert limiter.acquire(1, 99, is_group=False) == 1
    assert limiter.acquire(2, 99, is_group=False) is None  # another bot has its own budget


async def test_bot_gets_retry_after_and_the_429_is_counted(tg: TelegramEmulator, bot: Bot) -> None:
    for number in range(10):
        await bot.send_message(USER_ID, f"burst {number}")
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(USER_ID, "one too many")
    assert caught.value.retry_after >= 1
    assert tg.stats.too_many_requests == 1
    assert tg.calls[-1].error_code == 429
    assert len(tg.transcript(USER_ID)) == 10


async def test_media_group_counts_each_item(tg: TelegramEmulator, bot: Bot) -> None:
    for _ in range(9):
        await bot.send_message(USER_ID, "x")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_media_group(
            USER_ID,
            [
                InputMediaDocument(media=BufferedInputFile(b"1", filename="a.txt")),
                InputMediaDocument(media=BufferedInputFile(b"2", filename="b.txt")),
            ],
        )


async def test_group_limit_over_http(tg: TelegramEmulator, bot: Bot) -> None:
    for _ in range(20):
        await bot.send_message(GROUP_ID, "post")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(GROUP_ID, "post")


@pytest.fixture
async def unlimited() -> AsyncIterator[tuple[TelegramEmulator, Bot]]:
    async with TelegramEmulator(rate_limits=False) as tg:
        tg.add_user(USER_ID, "Ivan")
        session = AiohttpSession(api=tg.api_server)
        yield tg, Bot(tg.bot_token, session=session)
        if session._session is not None:
            await session._session.close()


async def test_limits_can_be_switched_off(unlimited: tuple[TelegramEmulator, Bot]) -> None:
    tg, bot = unlimited
    for number in range(50):
        await bot.send_message(USER_ID, str(number))
    assert tg.stats.too_many_requests == 0
    assert tg.stats.calls["sendMessage"] == 50
