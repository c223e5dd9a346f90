"""Reminders arrive in the recipient's own working hours, in their own time zone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from bot.settings import Settings
from domain.clock import ManualClock
from emulator import TelegramEmulator
from storage.models import ReminderStatus
from tests.e2e.reminders.helpers import MONDAY_NOON_MOSCOW, plan, reminder, set_zone
from tests.harness import Person, RunningBot

# 22:00 UTC on Monday is 03:00 on Tuesday in Yekaterinburg (UTC+5).
NIGHT_IN_YEKATERINBURG = datetime(2026, 3, 2, 22, 0, tzinfo=UTC)
MORNING_IN_YEKATERINBURG = datetime(2026, 3, 3, 4, 0, tzinfo=UTC)


async def test_a_reminder_due_at_night_waits_for_nine_in_the_users_own_zone(
    tg: TelegramEmulator,
    settings_for: Callable[..., Settings],
    person: Callable[..., Person],
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    anna = person(1, "Анна")
    async with RunningBot(settings_for(), clock=clock) as running:
        app = running.app
        await anna.ask("/start")
        await set_zone(app, anna.user_id, "Asia/Yekaterinburg")
        planned = await plan(app, recipient_id=anna.user_id, due_at=NIGHT_IN_YEKATERINBURG)

        clock.set(NIGHT_IN_YEKATERINBURG)
        await app.reminders.settled()
        waiting = await reminder(app, planned.id)
        assert waiting.status == ReminderStatus.PENDING
        assert waiting.due_at == MORNING_IN_YEKATERINBURG
        assert len(tg.bot_messages(anna.user_id)) == 1  # only the greeting

        clock.set(MORNING_IN_YEKATERINBURG)
        note = await anna.reply()
        assert "Напоминание" in note.text
        assert "Позвонить клиенту" in note.text
        sent = await reminder(app, planned.id)
        assert sent.status == ReminderStatus.SENT
        assert not sent.late


async def test_an_urgent_reminder_goes_at_night_at_once(
    tg: TelegramEmulator,
    settings_for: Callable[..., Settings],
    person: Callable[..., Person],
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    anna = person(1, "Анна")
    async with RunningBot(settings_for(), clock=clock) as running:
        app = running.app
        await anna.ask("/start")
        await set_zone(app, anna.user_id, "Asia/Yekaterinburg")
        await plan(
            app,
            recipient_id=anna.user_id,
            due_at=NIGHT_IN_YEKATERINBURG,
            text="Горящая заявка",
            urgent=True,
        )
        clock.set(NIGHT_IN_YEKATERINBURG)
        note = await anna.reply()
        assert "Горящая заявка" in note.text


async def test_nothing_is_sent_before_its_time(
    tg: TelegramEmulator,
    settings_for: Callable[..., Settings],
    person: Callable[..., Person],
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    bob = person(2, "Bob", language_code="en")
    async with RunningBot(settings_for(), clock=clock) as running:
        app = running.app
        await bob.ask("/start")
        due = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
        planned = await plan(app, recipient_id=bob.user_id, due_at=due, text="Send the deck")
        clock.set(datetime(2026, 3, 2, 9, 59, tzinfo=UTC))
        await app.reminders.settled()
        assert (await reminder(app, planned.id)).status == ReminderStatus.PENDING
        clock.set(due)
        note = await bob.reply()
        assert note.text.startswith("⏰ Reminder")
        assert "Send the deck" in note.text
