"""The update inbox records each update once and tracks it until it is handled."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from domain.clock import ManualClock
from storage.models import UpdateStatus
from storage.repositories import Repositories
from tests.storage.fixtures import SessionFactory

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def test_redelivered_updates_are_ignored_and_pending_ones_come_in_order(
    session_factory: SessionFactory,
) -> None:
    async with session_factory() as session:
        inbox = Repositories(session).updates
        assert await inbox.record([(12, '{"update_id": 12}'), (10, '{"update_id": 10}')]) == [
            10,
            12,
        ]
        await session.commit()

    async with session_factory() as session:
        inbox = Repositories(session).updates
        # Telegram sends 12 again (we crashed before confirming it) along with 13.
        assert await inbox.record([(12, '{"update_id": 12}'), (13, '{"update_id": 13}')]) == [13]
        assert await inbox.record([]) == []
        await session.commit()
        assert await inbox.pending(limit=2) == [
            (10, '{"update_id": 10}'),
            (12, '{"update_id": 12}'),
        ]

        assert await inbox.take(10)
        assert not await inbox.take(10)  # already taken: a second handler is told so
        assert await inbox.mark_failed(12, "ValueError")
        await session.commit()

        assert await inbox.status(10) is UpdateStatus.DONE
        assert await inbox.status(12) is UpdateStatus.FAILED
        assert await inbox.status(13) is UpdateStatus.PENDING
        assert await inbox.status(99) is None
        assert [update_id for update_id, _ in await inbox.pending(100)] == [13]


async def test_a_handler_failing_leaves_its_update_pending(
    session_factory: SessionFactory,
) -> None:
    async with session_factory() as session:
        await Repositories(session).updates.record([(1, "{}")])
        await session.commit()

    async with session_factory() as session:
        repo = Repositories(session)
        await repo.events.add(kind="test.work", actor_id=None)
        await repo.updates.take(1)
        await session.rollback()  # the handler crashed before commit

    async with session_factory() as session:
        repo = Repositories(session)
        assert await repo.updates.status(1) is UpdateStatus.PENDING
        assert await repo.events.recent(kind="test.work") == []


async def test_prune_forgets_old_finished_updates_but_never_pending_ones(
    session_factory: SessionFactory,
) -> None:
    async with session_factory() as session:
        inbox = Repositories(session).updates
        await inbox.record([(1, "{}"), (2, "{}")], now=START)
        await inbox.record([(3, "{}")], now=START + timedelta(days=3))
        await inbox.take(1)
        await inbox.take(3)
        assert await inbox.prune(START + timedelta(days=1)) == 1
        await session.commit()
        assert [await inbox.status(i) for i in (1, 2, 3)] == [
            None,
            UpdateStatus.PENDING,
            UpdateStatus.DONE,
        ]


async def _take_in_a_second_session(session_factory: SessionFactory, update_id: int) -> bool:
    async with session_factory() as second:
        taken = await Repositories(second).updates.take(update_id)
        await second.commit()
        return taken


@pytest.mark.parametrize("backend", ["postgres"])
@pytest.mark.parametrize("first_commits", [True, False])
async def test_a_second_handler_of_an_update_waits_for_the_first_and_runs_only_if_it_failed(
    session_factory: SessionFactory, first_commits: bool
) -> None:
    async with session_factory() as session:
        await Repositories(session).updates.record([(7, "{}", 5)])
        await session.commit()

    async with session_factory() as first:
        assert await Repositories(first).updates.take(7)
        second = asyncio.create_task(_take_in_a_second_session(session_factory, 7))
        done, _ = await asyncio.wait([second], timeout=0.3)
        assert not done  # held until the first handler's transaction ends
        if first_commits:
            await first.commit()
        else:
            await first.rollback()  # a transient failure: the update is pending again

    assert await asyncio.wait_for(second, timeout=5) is not first_commits


async def test_an_update_never_recorded_is_handled(session_factory: SessionFactory) -> None:
    async with session_factory() as session:
        assert await Repositories(session).updates.take(404)


async def test_waiting_counts_the_pending_updates_and_names_when_the_oldest_came(
    session_factory: SessionFactory,
) -> None:
    clock = ManualClock(START)
    async with session_factory() as session:
        inbox = Repositories(session, clock=clock).updates
        assert await inbox.waiting() == (0, None)
        await inbox.record([(1, '{"update_id": 1}')])
        clock.advance(seconds=30)
        await inbox.record([(2, '{"update_id": 2}'), (3, '{"update_id": 3}')])
        await inbox.take(1)  # handled: no longer waits
        await inbox.mark_failed(2, "ValueError")  # parked for good: waits for nobody
        await session.commit()
        assert await inbox.waiting() == (1, START + timedelta(seconds=30))
