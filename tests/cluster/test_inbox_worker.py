"""Two instances' inbox workers on one database and one Redis, without any sweep."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable

from aiogram import Bot
from aiogram.types import Update
from redis.asyncio import Redis

from bot.cluster.inbox_worker import InboxWorker
from bot.cluster.turns import RedisTurns
from bot.stop_window import StopWindow
from domain.clock import SystemClock
from storage.repositories import Repositories
from tests.storage.fixtures import SessionFactory

CHAT = 5


def inbox_worker(
    bot: Bot,
    session_factory: SessionFactory,
    turns: RedisTurns,
    handle: Callable[[Update], Awaitable[None]],
    stop_seconds: float = 20,
    turn_seconds: float = 5,
) -> InboxWorker:
    """An instance's inbox worker on the shared database and Redis, as the runner builds it."""
    return InboxWorker(
        bot=bot,
        session_factory=session_factory,
        clock=SystemClock(),
        turns=turns,
        handle=handle,
        turn_seconds=turn_seconds,
        stop_window=StopWindow(stop_seconds),
    )


async def record(session_factory: SessionFactory, *update_ids: int) -> None:
    """Updates of ``CHAT`` written to the inbox, as the instance that received them does."""
    async with session_factory() as session:
        await Repositories(session).updates.record(
            [(update_id, json.dumps({"update_id": update_id}), CHAT) for update_id in update_ids]
        )
        await session.commit()


async def test_an_update_recorded_while_another_instance_holds_the_chat_is_handled_by_it(
    session_factory: SessionFactory, redis: Redis, prefix: str
) -> None:
    handled: list[tuple[str, int]] = []
    first_started, release_first = asyncio.Event(), asyncio.Event()

    def worker(name: str) -> InboxWorker:
        async def handle(update: Update) -> None:
            handled.append((name, update.update_id))
            if update.update_id == 1:
                first_started.set()
                await release_first.wait()  # the turn stays held meanwhile
            async with session_factory() as session:
                await Repositories(session).updates.take(update.update_id)
                await session.commit()

        turns = RedisTurns(redis, prefix=prefix, owner=name, ttl=5)
        return inbox_worker(bot, session_factory, turns, handle)

    async with Bot("42:TEST") as bot:
        holder, recorder = worker("holder"), worker("recorder")
        await record(session_factory, 1)
        holder.offer(CHAT)
        await first_started.wait()

        await record(session_factory, 2)
        recorder.offer(CHAT)  # the turn is held: it knocks and leaves
        await recorder.drain()
        release_first.set()
        await holder.drain()

    assert handled == [("holder", 1), ("holder", 2)]
    async with session_factory() as session:
        assert await Repositories(session).updates.pending(limit=10) == []


async def test_a_stopped_worker_finishes_the_update_under_way_and_leaves_the_rest_pending(
    session_factory: SessionFactory, redis: Redis, prefix: str
) -> None:
    handled: list[int] = []
    started, release = asyncio.Event(), asyncio.Event()

    async def handle(update: Update) -> None:
        handled.append(update.update_id)
        started.set()
        await release.wait()
        async with session_factory() as session:
            await Repositories(session).updates.take(update.update_id)
            await session.commit()

    await record(session_factory, 1, 2, 3)
    async with Bot("42:TEST") as bot:
        turns = RedisTurns(redis, prefix=prefix, owner="stopping", ttl=5)
        worker = inbox_worker(bot, session_factory, turns, handle)
        worker.offer(CHAT)
        await started.wait()
        worker.stop()
        release.set()
        await worker.drain()

    assert handled == [1]
    async with session_factory() as session:
        pending = await Repositories(session).updates.pending(limit=10)
    assert [update_id for update_id, _ in pending] == [2, 3]
    # The chat's turn was handed back: another instance may take it at once.
    assert await RedisTurns(redis, prefix=prefix, owner="other", ttl=5).take(CHAT)


async def test_a_handler_still_running_when_the_stop_window_closes_is_cut_and_stays_pending(
    session_factory: SessionFactory, redis: Redis, prefix: str
) -> None:
    started = asyncio.Event()

    async def handle(update: Update) -> None:
        started.set()
        await asyncio.Event().wait()  # a Telegram call that never answers

    await record(session_factory, 1)
    async with Bot("42:TEST") as bot:
        turns = RedisTurns(redis, prefix=prefix, owner="hung", ttl=5)
        worker = inbox_worker(bot, session_factory, turns, handle, stop_seconds=0.2)
        worker.offer(CHAT)
        await started.wait()
        worker.stop()
        await worker.finish()

    async with session_factory() as session:
        pending = await Repositories(session).updates.pending(limit=10)
    assert [update_id for update_id, _ in pending] == [1]
    assert await RedisTurns(redis, prefix=prefix, owner="other", ttl=5).take(CHAT)


class WatchedTurns(RedisTurns):
    """Redis turns that say when a renewal found the turn gone."""

    def __init__(self, redis: Redis, *, prefix: str, owner: str, ttl: float) -> None:
        super().__init__(redis, prefix=prefix, owner=owner, ttl=ttl)
        self.lost = asyncio.Event()

    async def renew(self, chat_key: int | None) -> bool:
        renewed = await super().renew(chat_key)
        if not renewed:
            self.lost.set()
        return renewed


async def test_a_holder_whose_turn_ran_out_finishes_its_update_and_leaves_the_rest_to_the_next(
    session_factory: SessionFactory, redis: Redis, prefix: str
) -> None:
    handled: list[tuple[str, int]] = []
    first_started, release_first = asyncio.Event(), asyncio.Event()

    def worker(name: str, turns: RedisTurns) -> InboxWorker:
        async def handle(update: Update) -> None:
            async with session_factory() as session:  # as the database middleware does
                if not await Repositories(session).updates.take(update.update_id):
                    return
                handled.append((name, update.update_id))
                if name == "holder" and update.update_id == 1:
                    first_started.set()
                    await release_first.wait()
                await session.commit()

        return inbox_worker(bot, session_factory, turns, handle, turn_seconds=0.3)

    async with Bot("42:TEST") as bot:
        watched = WatchedTurns(redis, prefix=prefix, owner="holder", ttl=0.3)
        holder = worker("holder", watched)
        successor = worker("successor", RedisTurns(redis, prefix=prefix, owner="next", ttl=0.3))
        await record(session_factory, 1, 2, 3)
        holder.offer(CHAT)
        await first_started.wait()
        await redis.delete(f"{prefix}:turn:{CHAT}")  # the turn ran out (the holder starved)
        await watched.lost.wait()
        successor.offer(CHAT)  # its sweep found the chat waiting
        release_first.set()
        await holder.drain()
        await successor.drain()

    assert handled == [("holder", 1), ("successor", 2), ("successor", 3)]
