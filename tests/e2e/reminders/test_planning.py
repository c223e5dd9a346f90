"""Planning reminders: once per key, re-planned, cancelled (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from typing import Any

import pytest

from bot.app import App
from bot.assembly import create_app
from bot.reminders import UnknownReminderKindError
from bot.settings import Settings
from domain.clock import ManualClock
from emulator import TelegramEmulator
from storage.models import ReminderStatus
from storage.repositories.holder import Repositories
from tests.e2e.reminders.helpers import MONDAY_NOON_MOSCOW, outbox, reminder

SOON = MONDAY_NOON_MOSCOW + timedelta(minutes=10)


@pytest.fixture
async def app(
    tg: TelegramEmulator, settings_for: Callable[..., Settings], database_url: str
) -> AsyncIterator[App]:
    tg.add_user(1, "Анна")
    built = create_app(
        settings_for(database_url=database_url), clock=ManualClock(MONDAY_NOON_MOSCOW)
    )
    try:
        yield built
    finally:
        await built.close()


async def schedule(app: App, **options: Any) -> int | None:
    async with app.session_factory() as session:
        repo = Repositories(session, clock=app.clock)
        planned = await app.reminders.schedule(repo, recipient_id=1, **options)
        await session.commit()
    return planned.id if planned is not None else None


async def test_a_second_plan_under_the_same_key_is_ignored(app: App) -> None:
    first = await schedule(app, kind="note", due_at=SOON, payload={"text": "a"}, dedup_key="k")
    again = await schedule(app, kind="note", due_at=SOON, payload={"text": "b"}, dedup_key="k")
    assert first is not None
    assert again is None
    assert (await reminder(app, first)).payload == {"text": "a"}


async def test_replace_plans_the_same_reminder_anew_even_after_it_was_sent(app: App) -> None:
    first = await schedule(app, kind="note", due_at=SOON, payload={"text": "a"}, dedup_key="k")
    assert first is not None
    assert isinstance(app.clock, ManualClock)
    app.clock.set(SOON)
    assert await app.reminders.process_due() == 1
    later = SOON + timedelta(hours=1)
    again = await schedule(
        app, kind="note", due_at=later, payload={"text": "b"}, dedup_key="k", replace=True
    )
    assert again == first
    replanned = await reminder(app, first)
    assert replanned.status == ReminderStatus.PENDING
    assert replanned.due_at == later
    app.clock.set(later)
    assert await app.reminders.process_due() == 1
    assert [m.text.splitlines()[-1] for m in await outbox(app)] == ["a", "b"]


async def test_a_cancelled_reminder_never_reaches_the_outbox(app: App) -> None:
    kept = await schedule(app, kind="note", due_at=SOON, payload={"text": "kept"})
    gone = await schedule(app, kind="note", due_at=SOON, payload={"text": "gone"})
    assert kept is not None
    assert gone is not None
    async with app.session_factory() as session:
        repo = Repositories(session, clock=app.clock)
        assert await app.reminders.cancel(repo, reminder_id=gone) == 1
        await session.commit()
    assert isinstance(app.clock, ManualClock)
    app.clock.set(SOON)
    assert await app.reminders.process_due() == 1
    assert (await reminder(app, gone)).status == ReminderStatus.CANCELLED
    assert [m.text.splitlines()[-1] for m in await outbox(app)] == ["kept"]


async def test_a_reminder_cancelled_while_being_rendered_is_not_sent(app: App) -> None:
    planned = await schedule(app, kind="note", due_at=SOON, payload={"text": "x"})
    assert planned is not None
    async with app.session_factory() as session:
        repo = Repositories(session, clock=app.clock)
        [claimed] = await repo.reminders.claim_due(
            owner=app.reminders.owner, now=SOON, lease=timedelta(minutes=2)
        )
        await session.commit()
    async with app.session_factory() as session:
        repo = Repositories(session, clock=app.clock)
        assert await app.reminders.cancel(repo, reminder_id=planned) == 1
        await session.commit()
    assert await app.reminders.delivery.handle(claimed, SOON) == 0
    assert (await reminder(app, planned)).status == ReminderStatus.CANCELLED
    assert await outbox(app) == []


async def test_an_unregistered_kind_cannot_be_planned(app: App) -> None:
    with pytest.raises(UnknownReminderKindError):
        await schedule(app, kind="no-such-kind", due_at=SOON)
