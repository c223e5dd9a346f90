"""Fixtures: a running emulator, an aiogram Bot talking to it, a polling dispatcher."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.enums import ParseMode

from emulator import TelegramEmulator

USER_ID = 1001
OTHER_USER_ID = 1002
GROUP_ID = -100_123
FORUM_ID = -100_456

StartPolling = Callable[[Dispatcher], Awaitable[None]]


@pytest.fixture
async def tg() -> AsyncIterator[TelegramEmulator]:
    """An emulator with two people, a group and a forum."""
    async with TelegramEmulator() as emulator:
        emulator.add_user(USER_ID, "Ivan", last_name="Petrov", username="ivan")
        emulator.add_user(OTHER_USER_ID, "Olga")
        emulator.add_group(GROUP_ID, "Sales", members=[USER_ID], admins=[OTHER_USER_ID])
        emulator.add_group(FORUM_ID, "Presale", forum=True, members=[USER_ID], bot_is_admin=True)
        yield emulator


@pytest.fixture
async def bot(tg: TelegramEmulator) -> AsyncIterator[Bot]:
    """aiogram's own Bot and AiohttpSession, pointed at the emulator."""
    session = AiohttpSession(api=tg.api_server)
    client = Bot(
        tg.bot_token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML)
    )
    yield client
    # AiohttpSession.close() waits 250 ms for TLS shutdown; over plain HTTP there is none,
    # so the underlying client is closed directly to keep the suite fast.
    if session._session is not None:
        await session._session.close()


@pytest.fixture
async def start_polling(bot: Bot) -> AsyncIterator[StartPolling]:
    """Run a dispatcher's long polling in the background for the test's duration."""
    running: list[tuple[Dispatcher, asyncio.Task[None]]] = []

    async def start(dispatcher: Dispatcher) -> None:
        started = asyncio.Event()
        dispatcher.startup.register(started.set)
        task = asyncio.create_task(
            dispatcher.start_polling(bot, handle_signals=False, close_bot_session=False)
        )
        running.append((dispatcher, task))
        await started.wait()

    yield start
    for dispatcher, task in running:
        await dispatcher.stop_polling()
        await task
