"""Job leases: one instance runs each job; another takes it over when the holder stops."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.cluster.leases import JobLeases
from domain.clock import ManualClock
from storage.repositories import Repositories
from tests.storage.fixtures import SessionFactory

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def leases(session_factory: SessionFactory, clock: ManualClock, owner: str) -> JobLeases:
    return JobLeases(session_factory=session_factory, clock=clock, owner=owner, ttl=30)


async def test_one_holder_at_a_time_and_a_take_over_once_the_lease_runs_out(
    session_factory: SessionFactory,
) -> None:
    clock = ManualClock(START)
    first = leases(session_factory, clock, "first").for_job("claim_limits")
    second = leases(session_factory, clock, "second").for_job("claim_limits")

    assert await first()
    assert not await second()
    clock.advance(seconds=29)
    assert await first()  # renewed while its holder lives
    clock.advance(seconds=29)
    assert not await second()

    clock.advance(seconds=31)  # the holder died: nobody renewed it for a whole lease
    assert await second()
    assert not await first()


async def test_the_holder_renews_on_its_beat_and_hands_back_on_a_clean_stop(
    session_factory: SessionFactory,
) -> None:
    clock = ManualClock(START)
    holding = leases(session_factory, clock, "a")  # a 30 s lease, renewed every 10 s
    other = leases(session_factory, clock, "b")
    assert await holding.hold("pipeline")
    stop = asyncio.Event()
    renewing = asyncio.create_task(holding.keep_renewed(stop))
    for _ in range(9):  # three leases long: only the beat's renewals keep it
        clock.advance(seconds=10)
        async with asyncio.timeout(5):  # a missed beat fails here instead of hanging
            await holding.renewed()
    assert not await other.hold("pipeline")
    stop.set()
    await renewing

    await holding.release_all()
    assert await other.hold("pipeline")


async def test_one_piece_of_a_job_is_claimed_by_one_instance_until_handed_back_or_expired(
    session_factory: SessionFactory,
) -> None:
    clock = ManualClock(START)
    first = leases(session_factory, clock, "first").for_job("card_posting")
    second = leases(session_factory, clock, "second").for_job("card_posting")
    minute = timedelta(minutes=1)

    assert await first()  # the job's holder
    assert await second.claim_item(7, minute)  # a piece is free to any instance
    assert not await first.claim_item(7, minute)
    assert await first.claim_item(8, minute)
    assert not await second()  # holding a piece is not holding the job

    await second.release_item(7)
    assert await first.claim_item(7, minute)
    assert not await second.claim_item(7, minute)
    clock.advance(seconds=61)  # the claimer died mid-work: the piece is free again
    assert await second.claim_item(7, minute)


async def dead_instances(session_factory: SessionFactory, clock: ManualClock) -> list[str]:
    async with session_factory() as session:
        expired = await Repositories(session, clock=clock).leases.expired("alive:")
    return [lease.owner for lease in expired]


async def test_an_instances_own_lease_is_ended_at_a_clean_stop_so_its_claims_are_freed(
    session_factory: SessionFactory,
) -> None:
    clock = ManualClock(START)
    holding = leases(session_factory, clock, "a")
    await holding.stay_alive()
    assert await holding.hold("pipeline")
    assert await dead_instances(session_factory, clock) == []

    await holding.release_all()

    # Ended, yet kept, for the look for dead instances (bot.in_flight); the job is free.
    assert await dead_instances(session_factory, clock) == ["a"]
    assert await leases(session_factory, clock, "b").hold("pipeline")
