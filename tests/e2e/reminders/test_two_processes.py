"""Two bots on one database (SQLite and PostgreSQL): every reminder is sent once."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

from bot.assembly import create_app
from bot.settings import Settings
from domain.clock import ManualClock
from emulator import TelegramEmulator
from storage.models import ReminderStatus
from storage.repositories.holder import Repositories
from tests.e2e.reminders.helpers import MONDAY_NOON_MOSCOW, outbox

USERS = range(1, 41)
PER_USER = 3


async def test_two_engines_on_one_database_send_each_reminder_once(
    tg: TelegramEmulator, settings_for: Callable[..., Settings], database_url: str
) -> None:
    for user_id in USERS:
        tg.add_user(user_id, f"User {user_id}")
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    first = create_app(settings_for(database_url=database_url), clock=clock)
    second = create_app(settings_for(database_url=database_url), clock=clock)
    try:
        async with first.session_factory() as session:
            repo = Repositories(session, clock=clock)
            for number in range(PER_USER):
                for user_id in USERS:
                    await first.reminders.schedule(
                        repo,
                        kind="note",
                        due_at=MONDAY_NOON_MOSCOW + timedelta(minutes=number),
                        recipient_id=user_id,
                        payload={"text": f"#{user_id}-{number}"},
                    )
            await session.commit()

        handed = 0
        for _ in range(PER_USER):
            clock.advance(minutes=1)
            # Both engines race for the same rows, several times over.
            results = await asyncio.gather(
                *(app.reminders.process_due() for app in (first, second, first, second))
            )
            handed += sum(results)
        assert handed == len(USERS) * PER_USER

        async with first.session_factory() as session:
            reminders = await Repositories(session).reminders.find()
        assert {r.status for r in reminders} == {ReminderStatus.SENT}
        assert len({r.outbox_id for r in reminders}) == len(reminders)
        assert len(await outbox(first)) == len(reminders)

        sent = await asyncio.gather(first.sender.drain_now(), second.sender.drain_now())
        assert sum(sent) == len(reminders)
    finally:
        await first.close()
        await second.close()

    delivered = Counter(
        message.text.splitlines()[-1] for user_id in USERS for message in tg.bot_messages(user_id)
    )
    assert set(delivered.values()) == {1}
    assert len(delivered) == len(USERS) * PER_USER
