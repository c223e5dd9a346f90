"""A burst of 1,000 messages under the emulator's real flood limits: no 429, none lost.

The emulator allows about 30 messages a second overall, so this story takes about 40
seconds of real time. Each group gets 20 messages, exactly its per-minute allowance, so
the test does not wait a minute for the group buckets to refill.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from bot.settings import Settings
from domain.clock import ManualClock
from emulator import TelegramEmulator
from storage.models import OutboxStatus, ReminderStatus
from storage.repositories.holder import Repositories
from tests.e2e.reminders.helpers import MONDAY_NOON_MOSCOW, outbox
from tests.harness import RunningBot

USERS = list(range(1, 301))
GROUPS = [-1002000000001, -1002000000002, -1002000000003]
PER_GROUP = 20
TOTAL = 1000


def plan_recipients() -> list[int]:
    """1,000 recipients in sending order: 60 group messages, the rest spread over users."""
    private = TOTAL - PER_GROUP * len(GROUPS)
    recipients = [USERS[number % len(USERS)] for number in range(private)]
    recipients += [GROUPS[number % len(GROUPS)] for number in range(PER_GROUP * len(GROUPS))]
    return recipients


@pytest.mark.timeout(180)
async def test_a_thousand_reminders_to_300_users_and_3_groups_draw_no_429_and_lose_nothing(
    tg: TelegramEmulator, settings_for: Callable[..., Settings]
) -> None:
    for user_id in USERS:
        tg.add_user(user_id, f"User {user_id}")
    for group_id in GROUPS:
        tg.add_group(group_id, f"Team {group_id}")
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    due = MONDAY_NOON_MOSCOW + timedelta(minutes=5)
    recipients = plan_recipients()
    async with RunningBot(settings_for(), clock=clock) as running:
        app = running.app
        async with app.session_factory() as session:
            repo = Repositories(session, clock=clock)
            for number, recipient in enumerate(recipients):
                await app.reminders.schedule(
                    repo,
                    kind="note",
                    due_at=due,
                    recipient_id=recipient,
                    payload={"text": f"#{number}"},
                )
            await session.commit()

        clock.set(due)
        await tg.wait_for(
            lambda: tg.stats.messages_sent_by_bots >= TOTAL,
            timeout=150,
            what=f"{TOTAL} messages delivered",
        )
        await app.sender.drain_now()
        async with app.session_factory() as session:
            reminders = await Repositories(session).reminders.find()
        assert {r.status for r in reminders} == {ReminderStatus.SENT}
        assert {m.status for m in await outbox(app)} == {OutboxStatus.SENT}

    assert tg.stats.too_many_requests == 0
    assert tg.stats.messages_sent_by_bots == TOTAL
    for chat_id in USERS + GROUPS:
        numbers = [int(m.text.splitlines()[-1].lstrip("#")) for m in tg.bot_messages(chat_id)]
        expected = [n for n, recipient in enumerate(recipients) if recipient == chat_id]
        assert numbers == expected, f"chat {chat_id} got {numbers}, expected {expected}"
