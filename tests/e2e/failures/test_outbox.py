"""What the bot sends on its own arrives at least once, or the managers hear why not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from bot.app import App
from bot.sending.sender import Sender
from bot.settings import Settings
from domain.clock import ManualClock
from emulator import TelegramEmulator
from storage.models import OutboxStatus
from storage.repositories.holder import Repositories
from tests.conftest import ADMIN_ID, TEAM_CHAT_ID
from tests.e2e.reminders.helpers import MONDAY_NOON_MOSCOW, outbox, plan
from tests.harness import Person, RunningBot


async def enqueue(app: App, chat_id: int, text: str, not_before: datetime | None = None) -> None:
    async with app.session_factory() as session:
        await app.outbox.enqueue(
            Repositories(session, clock=app.clock),
            chat_id=chat_id,
            text=text,
            not_before=not_before,
        )
        await session.commit()


def sends_to(tg: TelegramEmulator, chat_id: int) -> int:
    return len(
        [c for c in tg.calls_of("sendMessage") if str(c.params.get("chat_id")) == str(chat_id)]
    )


async def test_a_message_refused_for_an_hour_is_still_delivered(
    tg: TelegramEmulator, settings_for: Callable[..., Settings], person: Callable[..., Person]
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    anna = person(81, "Анна")
    async with RunningBot(settings_for(), clock=clock) as running:
        tg.fail_next("sendMessage", 10, kind="5xx", chat_id=81)
        await enqueue(running.app, 81, "Напоминание")
        for _ in range(12):  # ten refusals, a quarter of an hour apart at most
            await running.app.sender.drain_now()
            clock.advance(minutes=16)
        assert (await anna.reply(timeout=10)).text == "Напоминание"
        await running.app.sender.drain_now()
        [row] = await outbox(running.app, 81)
        assert row.status == OutboxStatus.SENT
        assert row.attempts == 11


async def test_a_message_still_failing_when_its_day_is_over_is_reported_to_the_managers(
    tg: TelegramEmulator, settings_for: Callable[..., Settings], person: Callable[..., Person]
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    anna, irina = person(82, "Анна"), person(ADMIN_ID, "Ирина")
    async with RunningBot(settings_for(), clock=clock) as running:
        await anna.ask("/start")
        tg.fail_next("sendMessage", 100, kind="5xx", chat_id=82)
        await enqueue(running.app, 82, "Встреча завтра в 10:00")
        await running.app.sender.drain_now()
        clock.advance(hours=25)
        report = await irina.reply(timeout=10)
        assert "Не удалось доставить сообщение для Анна" in report.text
        assert "Встреча завтра в 10:00" in report.text
        rows = await outbox(running.app, 82)
        assert [row.status for row in rows] == [OutboxStatus.FAILED]


async def test_a_refused_message_is_reported_to_the_managers_with_the_reason(
    tg: TelegramEmulator, settings_for: Callable[..., Settings], person: Callable[..., Person]
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    person(83, "Анна")
    irina = person(ADMIN_ID, "Ирина")
    async with RunningBot(settings_for(), clock=clock) as running:
        tg.fail_next("sendMessage", 1, kind="400", chat_id=83)
        await enqueue(running.app, 83, "Шаг просрочен")
        report = await irina.reply(timeout=10)
        assert "planned failure" in report.text
        assert "Шаг просрочен" in report.text


async def test_a_reminder_accepted_before_a_502_arrives_and_its_row_says_it_may_be_twice(
    tg: TelegramEmulator, settings_for: Callable[..., Settings], person: Callable[..., Person]
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    anna = person(84, "Анна")
    async with RunningBot(settings_for(), clock=clock) as running:
        await anna.ask("/start")
        tg.fail_next("sendMessage", 1, kind="lost", chat_id=84)
        await plan(running.app, recipient_id=84, due_at=clock.now() + timedelta(minutes=1))
        clock.advance(minutes=1)
        first = await anna.reply(timeout=10)
        again = await anna.reply(timeout=10)
        assert first.text == again.text
        await running.app.sender.drain_now()
        [row] = await outbox(running.app, 84)
        assert row.status == OutboxStatus.SENT
        assert "may have arrived" in (row.last_error or "")


async def test_a_chats_next_message_waits_while_another_sender_is_still_sending_its_first(
    tg: TelegramEmulator, settings_for: Callable[..., Settings], person: Callable[..., Person]
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    anna = person(85, "Анна")
    async with RunningBot(settings_for(), clock=clock) as running:
        app = running.app
        # A second instance's sender on the same outbox.
        other = Sender(
            bot=app.bot, session_factory=app.session_factory, clock=clock, i18n=app.i18n
        )
        tg.fail_next("sendMessage", 1, kind="slow", hold=30, chat_id=85)
        await enqueue(app, 85, "Первое")
        await tg.wait_for(lambda: sends_to(tg, 85) == 1, what="the first message on its way")
        await enqueue(app, 85, "Второе")
        assert await other.drain_now() == 0  # the chat's head is still being sent
        assert sends_to(tg, 85) == 1
        tg.release_held()
        assert (await anna.reply(timeout=10)).text == "Первое"
        assert (await anna.reply(timeout=10)).text == "Второе"
        await app.sender.drain_now()
        assert [row.status for row in await outbox(app, 85)] == [OutboxStatus.SENT] * 2


def group_got(tg: TelegramEmulator, text: str) -> bool:
    return any(text in m.text for m in tg.bot_messages(TEAM_CHAT_ID))


async def test_a_message_for_the_team_group_waits_while_the_bot_is_out_and_goes_when_it_is_back(
    tg: TelegramEmulator, settings_for: Callable[..., Settings], person: Callable[..., Person]
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    person(ADMIN_ID, "Ирина")
    async with RunningBot(settings_for(), clock=clock) as running:
        await tg.kick(TEAM_CHAT_ID, tg.bot.id, by=ADMIN_ID)
        await enqueue(running.app, TEAM_CHAT_ID, "Итоги недели")
        await running.app.sender.drain_now()
        [row] = await outbox(running.app, TEAM_CHAT_ID)
        assert row.status == OutboxStatus.PENDING  # kept, not dropped
        assert "Forbidden" in (row.last_error or "")
        assert not group_got(tg, "Итоги недели")

        await tg.join(TEAM_CHAT_ID, tg.bot.id, by=ADMIN_ID)  # at once, not in half an hour
        await tg.wait_for(lambda: group_got(tg, "Итоги недели"), timeout=10, what="the report")


async def test_a_message_for_the_team_group_still_refused_after_its_day_is_reported(
    tg: TelegramEmulator, settings_for: Callable[..., Settings], person: Callable[..., Person]
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    irina = person(ADMIN_ID, "Ирина")
    async with RunningBot(settings_for(), clock=clock) as running:
        await irina.ask("/start")
        await tg.leave(TEAM_CHAT_ID, tg.bot.id)
        await enqueue(running.app, TEAM_CHAT_ID, "Итоги недели")
        for _ in range(3):  # looked at again every half hour meanwhile
            await running.app.sender.drain_now()
            clock.advance(hours=12)
        await running.app.sender.drain_now()
        [report] = await tg.wait_for(
            lambda: [m for m in tg.bot_messages(ADMIN_ID) if "Итоги недели" in m.text],
            timeout=10,
            what="the report of what did not arrive",
        )
        assert "Не удалось доставить" in report.text
        [row] = await outbox(running.app, TEAM_CHAT_ID)
        assert row.status == OutboxStatus.FAILED


async def test_a_message_queued_for_later_does_not_hold_back_one_due_now_in_the_same_chat(
    tg: TelegramEmulator, settings_for: Callable[..., Settings], person: Callable[..., Person]
) -> None:
    clock = ManualClock(MONDAY_NOON_MOSCOW)
    anna = person(86, "Анна")
    async with RunningBot(settings_for(), clock=clock) as running:
        await enqueue(running.app, 86, "Утром", not_before=clock.now() + timedelta(hours=20))
        await enqueue(running.app, 86, "Сейчас")
        assert (await anna.reply(timeout=10)).text == "Сейчас"
        clock.advance(hours=20)
        assert (await anna.reply(timeout=10)).text == "Утром"
