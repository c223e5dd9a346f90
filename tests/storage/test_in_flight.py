"""What a dead predecessor left claimed goes back to its queue, whatever its lease."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.in_flight import take_back_from_the_dead, take_back_in_flight
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
    async with session_factory() as session:
        repo = Repositories(session, clock=clock)
        ttl = timedelta(seconds=30)
        await repo.leases.acquire("alive:dead", owner="dead", ttl=ttl, now=START - 2 * ttl)
        await repo.leases.acquire("alive:live", owner="live", ttl=ttl, now=START)
        await repo.leases.acquire("claim_limits", owner="dead", ttl=ttl, now=START - 2 * ttl)
        # "unknown" holds no lease of its own (an older version): its claims wait them out.
        for chat_id, owner in enumerate(("dead", "live", "unknown"), start=1):
            await claim_one_of_each(repo, owner, chat_id)
        await session.commit()

    taken = await take_back_from_the_dead(session_factory, clock)

    assert [message.text for message in taken.messages] == ["dead's message"]
    assert (taken.reminders, taken.deliveries) == (1, 1)
    async with session_factory() as session:
        repo = Repositories(session, clock=clock)
        assert await repo.leases.expired("alive:") == {}  # the dead's lease is forgotten
        assert not await repo.leases.acquire("alive:live", owner="other", ttl=LEASE)
        assert await repo.leases.expired("claim") == {"claim_limits": "dead"}  # a job's: kept
        heads = await repo.outbox.heads(now=START, limit=10)
        assert [message.text for message, _ in heads] == ["dead's message"]
        reminders = await repo.reminders.claim_due(owner="next", now=START, lease=LEASE)
        assert [r.recipient_id for r in reminders] == [1]
        deliveries = await repo.deliveries.claim_due(owner="next", now=START, lease=LEASE, limit=9)
        assert [d.message_id for d in deliveries] == ["m-dead"]
    assert not await take_back_from_the_dead(session_factory, clock)  # nothing more to free
