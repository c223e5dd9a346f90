"""What a dead predecessor left claimed goes back to its queue, whatever its lease."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.in_flight import DeadInstances, take_back_in_flight
from domain.clock import ManualClock
from storage.repositories import Repositories
from storage.repositories.deliveries import NewDelivery
from tests.storage.fixtures import SessionFactory

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=2)


async def claim_one_of_each(repo: Repositories, owner: str, chat_id: int) -> None:
    """A message, a reminder and a delivery, each claimed by ``owner``."""
    message = await repo.outbox.add(chat_id=chat_id, text=f"{owner}'s message")
    assert message is not None
    await repo.outbox.claim([message.id], owner=owner, now=START, lease=LEASE)
    await repo.reminders.add(
        kind="note", due_at=START, recipient_id=chat_id, payload={"text": "x"}, urgent=True
    )
    assert len(await repo.reminders.claim_due(owner=owner, now=START, lease=LEASE)) == 1
    await repo.deliveries.add_all(
        [NewDelivery(f"m-{owner}", "webhook", "erp", "request.created", None, "{}")],
        give_up_after=timedelta(days=1),
    )
    claimed = await repo.deliveries.claim_due(owner=owner, now=START, lease=LEASE, limit=10)
    assert len(claimed) == 1


async def test_every_claim_goes_back_to_its_queue_at_once_and_the_chat_keeps_its_order(
    session_factory: SessionFactory,
) -> None:
    clock = ManualClock(START)
    async with session_factory() as session:
        repo = Repositories(session, clock=clock)
        await claim_one_of_each(repo, "dead", 1)
        await repo.outbox.add(chat_id=1, text="behind it")
        await session.commit()

    await take_back_in_flight(session_factory, clock)  # a moment later: no lease has run out

    async with session_factory() as session:
        repo = Repositories(session, clock=clock)
        heads = await repo.outbox.heads(now=START, limit=10)
        assert [message.text for message, _ in heads] == ["dead's message"]  # first in its chat
        reminders = await repo.reminders.claim_due(owner="next", now=START, lease=LEASE)
        assert len(reminders) == 1  # claimable at once, not when the dead one's lease ends
        deliveries = await repo.deliveries.claim_due(owner="next", now=START, lease=LEASE, limit=9)
        assert len(deliveries) == 1


async def test_only_what_an_instance_whose_own_lease_ran_out_had_claimed_is_freed(
    session_factory: SessionFactory,
) -> None:
    clock = ManualClock(START)
    ttl = timedelta(seconds=30)
    async with session_factory() as session:
        repo = Repositories(session, clock=clock)
        # "me" looks: alive whatever its lease says (a clock that jumped past its renewal).
        for owner in ("dead", "late", "me"):
            await repo.leases.acquire(f"alive:{owner}", owner=owner, ttl=ttl, now=START - 2 * ttl)
        await repo.leases.acquire("alive:live", owner="live", ttl=ttl, now=START)
        await repo.leases.acquire("claim_limits", owner="dead", ttl=ttl, now=START - 2 * ttl)
        # "unknown" holds no lease of its own (an older version): its claims wait them out.
        for chat_id, owner in enumerate(("dead", "late", "live", "unknown", "me"), start=1):
            await claim_one_of_each(repo, owner, chat_id)
        await session.commit()
    real = [100.0]  # seconds of real time, which the grace counts
    dead_instances = DeadInstances(
        session_factory, clock, own="me", grace=15, monotonic=lambda: real[0]
    )

    assert not await dead_instances.look()  # a first sighting: perhaps a database outage
    real[0] += 14
    assert not await dead_instances.look()  # not yet for the grace
    async with session_factory() as session:  # "late" renews its lease, as the living do
        repo = Repositories(session, clock=clock)
        await repo.leases.acquire("alive:late", owner="late", ttl=ttl)
        await session.commit()
    real[0] += 1
    taken = await dead_instances.look()

    assert [message.text for message in taken.messages] == ["dead's message"]
    assert (taken.reminders, taken.deliveries) == (1, 1)
    async with session_factory() as session:
        repo = Repositories(session, clock=clock)
        gone = [lease.owner for lease in await repo.leases.expired("alive:")]
        assert gone == ["me"]  # the dead's lease is forgotten; the looker's own is not its
        assert not await repo.leases.acquire("alive:live", owner="other", ttl=LEASE)
        kept = await repo.leases.expired("claim")
        assert [(lease.name, lease.owner) for lease in kept] == [("claim_limits", "dead")]
        heads = await repo.outbox.heads(now=START, limit=10)
        assert [message.text for message, _ in heads] == ["dead's message"]
        reminders = await repo.reminders.claim_due(owner="next", now=START, lease=LEASE)
        assert [r.recipient_id for r in reminders] == [1]
        deliveries = await repo.deliveries.claim_due(owner="next", now=START, lease=LEASE, limit=9)
        assert [d.message_id for d in deliveries] == ["m-dead"]
    assert not await dead_instances.look()  # nothing more to free
