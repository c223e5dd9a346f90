"""Small verbs the reminder stories share: plan a reminder, read it back."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.app import App
from storage.models import OutboxMessage, Reminder
from storage.repositories.holder import Repositories

MONDAY_NOON_MOSCOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def plan(
    app: App,
    *,
    recipient_id: int,
    due_at: datetime,
    text: str = "Позвонить клиенту",
    **options: Any,
) -> Reminder:
    """Schedule a note through the app's engine and commit, as a feature would."""
    async with app.session_factory() as session:
        repo = Repositories(session, clock=app.clock)
        reminder = await app.reminders.schedule(
            repo,
            kind="note",
            due_at=due_at,
            recipient_id=recipient_id,
            payload={"text": text},
            **options,
        )
        await session.commit()
    assert reminder is not None
    return reminder


async def reminder(app: App, reminder_id: int) -> Reminder:
    """The reminder as stored now."""
    async with app.session_factory() as session:
        found = await Repositories(session, clock=app.clock).reminders.get(reminder_id)
    assert found is not None
    return found


async def outbox(app: App, chat_id: int | None = None) -> list[OutboxMessage]:
    """The outbox rows (of one chat), oldest first."""
    async with app.session_factory() as session:
        return await Repositories(session, clock=app.clock).outbox.find(chat_id=chat_id)


async def set_zone(app: App, user_id: int, zone: str) -> None:
    async with app.session_factory() as session:
        await Repositories(session, clock=app.clock).users.set_time_zone(user_id, zone)
        await session.commit()
