"""A bot that was down: late reminders, stale ones, and the outbox across a restart."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot.settings import Settings
from domain.clock import ManualClock
from emulator import TelegramEmulator
from storage.models import OutboxStatus, ReminderStatus
from storage.repositories.holder import Repositories
from tests.e2e.reminders.helpers import MONDAY_NOON_MOSCOW, outbox, plan, reminder
from tests.harness import Person, RunningBot


async def test_a_reminder_due_while_the_bot_was_down_is_sent_once_at_start_marked_late(
    tg: TelegramEmulator,
    settings_for: Callable[..., Settings],
    person: Callable[..., Person],
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    anna = person(1, "Анна")
    settings = settings_for()
    async with RunningBot(settings, clock=clock) as running:
        await anna.ask("/start")
        due = MONDAY_NOON_MOSCOW + timedelta(hours=1)
        planned = await plan(running.app, recipient_id=anna.user_id, due_at=due)

    clock.set(MONDAY_NOON_MOSCOW + timedelta(hours=1, minutes=30))
    async with RunningBot(settings, clock=clock) as running:
        note = await anna.reply()
        assert "с опозданием" in note.text
        assert "Позвонить клиенту" in note.text
        sent = await reminder(running.app, planned.id)
        assert sent.status == ReminderStatus.SENT
        assert sent.late
        await running.app.reminders.settled()
        await running.app.sender.drain_now()

    async with RunningBot(settings, clock=clock) as running:
        await running.app.reminders.settled()
        await running.app.sender.drain_now()
    assert len(tg.bot_messages(anna.user_id)) == 2  # the greeting and one reminder


async def test_a_reminder_past_its_grace_period_is_dropped_not_sent(
    tg: TelegramEmulator,
    settings_for: Callable[..., Settings],
    person: Callable[..., Person],
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    anna = person(1, "Анна")
    settings = settings_for()
    async with RunningBot(settings, clock=clock) as running:
        await anna.ask("/start")
        due = MONDAY_NOON_MOSCOW + timedelta(hours=1)
        planned = await plan(running.app, recipient_id=anna.user_id, due_at=due)

    clock.set(MONDAY_NOON_MOSCOW + timedelta(days=2))  # a note's grace is twelve hours
    async with RunningBot(settings, clock=clock) as running:
        await running.app.reminders.settled()
        dropped = await reminder(running.app, planned.id)
        assert dropped.status == ReminderStatus.DROPPED
        assert dropped.outcome == "past its grace period"
        await running.app.sender.drain_now()
    assert len(tg.bot_messages(anna.user_id)) == 1  # the greeting only


async def test_queued_messages_survive_a_restart_and_go_out_after_it(
    tg: TelegramEmulator,
    settings_for: Callable[..., Settings],
    person: Callable[..., Person],
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    anna = person(1, "Анна")
    settings = settings_for()
    async with RunningBot(settings, clock=clock) as running:
        app = running.app
        await anna.ask("/start")
        # Stop the sender first, so what is queued now is left in the table at exit.
        app.sender.stop()
        async with app.session_factory() as session:
            repo = Repositories(session, clock=clock)
            for number in range(3):
                await app.outbox.enqueue(repo, chat_id=anna.user_id, text=f"Сообщение {number}")
            await session.commit()
        assert [m.status for m in await outbox(app)] == [OutboxStatus.PENDING] * 3

    async with RunningBot(settings, clock=clock):
        texts = [(await anna.reply()).text for _ in range(3)]
    assert texts == ["Сообщение 0", "Сообщение 1", "Сообщение 2"]


async def test_a_message_left_in_flight_by_a_crashed_sender_is_sent_again(
    tg: TelegramEmulator,
    settings_for: Callable[..., Settings],
    person: Callable[..., Person],
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    anna, bob = person(1, "Анна"), person(2, "Bob", language_code="en")
    settings = settings_for()
    async with RunningBot(settings, clock=clock) as running:
        app = running.app
        app.sender.stop()
        async with app.session_factory() as session:
            repo = Repositories(session, clock=clock)
            crashed = await app.outbox.enqueue(repo, chat_id=anna.user_id, text="В полёте")
            assert crashed is not None
            # What a sender that died during the HTTP call leaves behind.
            assert await repo.outbox.claim(
                [crashed.id], owner="sender-dead", now=clock.now(), lease=timedelta(minutes=2)
            )
            await session.commit()

    clock.set(MONDAY_NOON_MOSCOW + timedelta(minutes=5))
    async with RunningBot(settings, clock=clock) as running:
        async with running.app.session_factory() as session:
            repo = Repositories(session, clock=clock)
            await running.app.outbox.enqueue(repo, chat_id=bob.user_id, text="After the crash")
            await session.commit()
        assert (await bob.reply()).text == "After the crash"
        # Nobody knows whether the dead sender's call arrived: at least once, so again.
        assert (await anna.reply()).text == "В полёте"
        await running.app.sender.drain_now()
        in_flight = [m for m in await outbox(running.app) if m.chat_id == anna.user_id]
        assert [m.status for m in in_flight] == [OutboxStatus.SENT]
        assert "may have arrived" in (in_flight[0].last_error or "")
