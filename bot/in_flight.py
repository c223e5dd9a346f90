"""The only process of the bot takes back at once what a killed predecessor left in flight.

Outbox messages, reminders and outgoing deliveries are claimed for a while (a lease) before
their work is done, so that one whose worker dies mid-call is not held forever: another
worker takes it once the lease runs out. Where instances share the work (webhook mode) that
wait is the price of not knowing whether the claimer still lives. A polling process is the
only one (``bot.cluster.single_poller``): every claim it finds at its start was made by a
process that is gone. Left to their leases, a chat's messages would wait up to two minutes
behind the one in flight when the bot was killed, the receipt of a request among them.
What was in flight may have arrived: it is sent again, as after a lease runs out.
"""

from __future__ import annotations

import logging

from domain.clock import Clock
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)


async def take_back_in_flight(session_factory: SessionFactory, clock: Clock) -> None:
    """Return every claimed message, reminder and delivery to its queue."""
    async with session_factory() as session:
        repo = Repositories(session, clock=clock)
        messages = await repo.outbox.take_back_in_flight()
        reminders = await repo.reminders.take_back_in_flight()
        deliveries = await repo.deliveries.take_back_in_flight()
        await session.commit()
    for message in messages:
        logger.warning(
            "event=start.sent_again outbox_id=%s chat_id=%s", message.id, message.chat_id
        )
    if reminders or deliveries:
        logger.warning("event=start.took_back reminders=%s deliveries=%s", reminders, deliveries)
