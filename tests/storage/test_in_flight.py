"""What a dead predecessor left claimed goes back to its queue, whatever its lease."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.in_flight import take_back_in_flight
from domain.clock import ManualClock
from storage.repositories import Repositories
from storage.repositories.deliveries import NewDelivery
from tests.storage.fixtures import SessionFactory

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=2)


async def test_every_claim_goes_back_to_its_queue_at_once_and_the_chat_keeps_its_order(
    session_factory: SessionFactory,
) -> None:
    clock = ManualClock(START)
    async with session_factory() as session:
        repo = Repositories(session, clock=clock)
        claimed = await repo.outbox.add(chat_id=1, text="in flight")
        assert claimed is not None
        await repo.outbox.add(chat_id=1, text="behind it")
        await repo.outbox.claim([claimed.id], owner="dead", now=START, lease=LEASE)
        await repo.reminders.add(
            kind="note", due_at=START, recipient_id=1, payload={"text": "x"}, urgent=True
        )
        await repo.deliveries.add_all(
            [NewDelivery("m-1", "webhook", "erp", "request.created", None, "{}")],
            give_up_after=timedelta(days=1),
        )
        await repo.reminders.claim_due(owner="dead", now=START, lease=LEASE)
        await repo.deliveries.claim_due(owner="dead", now=START, lease=LEASE, limit=10)
        await session.commit()

    await take_back_in_flight(session_factory, clock)  # a moment later: no lease has run out

    async with session_factory() as session:
        repo = Repositories(session, clock=clock)
        heads = await repo.outbox.heads(now=START, limit=10)
        assert [message.text for message, _ in heads] == ["in flight"]  # first in its chat again
        reminders = await repo.reminders.claim_due(owner="next", now=START, lease=LEASE)
        assert len(reminders) == 1  # claimable at once, not when the dead one's lease ends
        deliveries = await repo.deliveries.claim_due(owner="next", now=START, lease=LEASE, limit=9)
        assert len(deliveries) == 1
