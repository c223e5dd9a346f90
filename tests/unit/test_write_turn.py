"""The write turn: one holder at a time on SQLite, urgent waiters first, no turn lost."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.db import create_engine, create_session_factory
from storage.write_turn import TurnSessions, WriteTurn


async def _hold(turn: WriteTurn, name: str, order: list[str], *, urgent: bool = False) -> None:
    async with turn.hold(urgent=urgent):
        order.append(name)
        await asyncio.sleep(0)


async def test_waiters_get_the_turn_in_order_with_urgent_ones_first() -> None:
    turn = WriteTurn(single_writer=True)
    order: list[str] = []
    release = asyncio.Event()

    async def first() -> None:
        async with turn.hold():
            order.append("first")
            await release.wait()

    holder = asyncio.create_task(first())
    await asyncio.sleep(0)
    waiters = [
        asyncio.create_task(_hold(turn, "handler 1", order)),
        asyncio.create_task(_hold(turn, "handler 2", order)),
        asyncio.create_task(_hold(turn, "poller", order, urgent=True)),
    ]
    await asyncio.sleep(0)
    assert order == ["first"]  # nobody else got in while it was held
    release.set()
    await asyncio.gather(holder, *waiters)
    assert order == ["first", "poller", "handler 1", "handler 2"]


async def test_a_cancelled_waiter_does_not_keep_the_turn() -> None:
    turn = WriteTurn(single_writer=True)
    order: list[str] = []
    release = asyncio.Event()

    async def first() -> None:
        async with turn.hold():
            await release.wait()

    holder = asyncio.create_task(first())
    await asyncio.sleep(0)
    given_up = asyncio.create_task(_hold(turn, "given up", order))
    after = asyncio.create_task(_hold(turn, "after", order))
    await asyncio.sleep(0)
    given_up.cancel()
    release.set()
    await holder
    await after
    with pytest.raises(asyncio.CancelledError):
        await given_up
    assert order == ["after"]
    async with turn.hold():  # and the turn is free again
        pass


async def test_without_a_single_writer_nobody_waits() -> None:
    turn = WriteTurn(single_writer=False)
    inside = asyncio.Event()
    both = asyncio.Event()

    async def holder() -> None:
        async with turn.hold():
            inside.set()
            await both.wait()

    task = asyncio.create_task(holder())
    await inside.wait()
    async with turn.hold(urgent=True):
        both.set()
    await task


async def test_job_sessions_open_only_in_their_turn(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'turn.db'}")
    turn = WriteTurn(single_writer=True)
    sessions = TurnSessions(create_session_factory(engine), turn)
    opened = asyncio.Event()

    async def job() -> None:
        async with sessions() as session:
            await session.execute(text("SELECT 1"))
            opened.set()

    try:
        async with turn.hold():
            task = asyncio.create_task(job())
            for _ in range(5):
                await asyncio.sleep(0)
            assert not opened.is_set()
        await task
        assert opened.is_set()
    finally:
        await engine.dispose()
