"""The sender against Telegram's answers: a blocked user, server errors, flood waits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot.app import App
from bot.settings import Settings
from domain.clock import ManualClock
from emulator import TelegramEmulator
from storage.models import OutboxStatus, ReminderStatus, Role
from storage.repositories.holder import Repositories
from tests.e2e.reminders.helpers import MONDAY_NOON_MOSCOW, outbox, plan, reminder
from tests.harness import Person, RunningBot


def sends_to(tg: TelegramEmulator, chat_id: int) -> int:
    """sendMessage calls the bot made to one chat, refused ones included."""
    return sum(
        1 for call in tg.calls_of("sendMessage") if str(call.params.get("chat_id")) == str(chat_id)
    )


async def enqueue(app: App, chat_id: int, *texts: str) -> None:
    async with app.session_factory() as session:
        repo = Repositories(session, clock=app.clock)
        for text in texts:
            await app.outbox.enqueue(repo, chat_id=chat_id, text=text)
        await session.commit()


async def test_a_user_who_blocked_the_bot_is_written_to_once_and_a_manager_is_told_once(
    tg: TelegramEmulator,
    settings_for: Callable[..., Settings],
    person: Callable[..., Person],
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    anna, boss = person(1, "Анна", username="anna"), person(8, "Олег")
    async with RunningBot(settings_for(), clock=clock) as running:
        app = running.app
        await anna.ask("/start")
        await boss.ask("/start")
        async with app.session_factory() as session:
            await Repositories(session).users.grant_role(boss.user_id, Role.MANAGER)
            await session.commit()
        tg.block(anna.user_id)

        await enqueue(app, anna.user_id, "Первое", "Второе", "Третье")
        notice = await boss.reply()
        assert "Анна (@anna) заблокировал(а) бота" in notice.text
        await app.sender.drain_now()
        # The greeting, then at most one refused send: the bot may learn of the block from
        # Telegram's my_chat_member update before the sender tries at all.
        assert sends_to(tg, anna.user_id) <= 2
        statuses = [m.status for m in await outbox(app, anna.user_id)]
        assert statuses == [OutboxStatus.DROPPED] * 3

        # Later messages are not even tried, and the manager is not told again.
        await enqueue(app, anna.user_id, "Четвёртое")
        later = await plan(app, recipient_id=anna.user_id, due_at=clock.now(), urgent=True)
        await app.reminders.settled()
        await app.sender.drain_now()
        assert sends_to(tg, anna.user_id) <= 2
        assert (await reminder(app, later.id)).status == ReminderStatus.DROPPED
        assert len(tg.bot_messages(boss.user_id)) == 2  # the greeting and one notice
        async with app.session_factory() as session:
            repo = Repositories(session)
            user = await repo.users.get(anna.user_id)
            events = await repo.events.recent(kind="user.blocked_bot")
        assert user is not None
        assert user.is_blocked
        assert len(events) == 1


async def test_server_errors_are_retried_until_the_message_goes_through(
    tg: TelegramEmulator,
    settings_for: Callable[..., Settings],
    person: Callable[..., Person],
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    anna = person(1, "Анна")
    async with RunningBot(settings_for(), clock=clock) as running:
        app = running.app
        await anna.ask("/start")
        tg.fail_next("sendMessage", 2, kind="5xx")
        await plan(app, recipient_id=anna.user_id, due_at=clock.now() + timedelta(minutes=1))
        clock.advance(minutes=1)
        note = await anna.reply(timeout=10)
        assert "Позвонить клиенту" in note.text
        await app.sender.drain_now()
        [row] = await outbox(app, anna.user_id)
        assert row.status == OutboxStatus.SENT
        assert row.attempts == 3
    assert sends_to(tg, anna.user_id) == 1 + 3
    assert len(tg.bot_messages(anna.user_id)) == 2


async def test_a_flood_wait_is_obeyed_and_the_message_sent_after_it(
    tg: TelegramEmulator,
    settings_for: Callable[..., Settings],
    person: Callable[..., Person],
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    anna = person(1, "Анна")
    async with RunningBot(settings_for(), clock=clock) as running:
        app = running.app
        await anna.ask("/start")
        tg.fail_next("sendMessage", 1, kind="429", retry_after=1)
        await enqueue(app, anna.user_id, "После паузы", "И следующее")
        first, second = await anna.reply(timeout=10), await anna.reply(timeout=10)
        assert (first.text, second.text) == ("После паузы", "И следующее")
        refused, retried = tg.calls_of("sendMessage")[-3:-1]
        assert refused.error_code == 429
        assert retried.ok
        assert retried.time - refused.time >= 1.0
    assert tg.stats.too_many_requests == 1
