"""The weekly report: at the start of the week, in the group's Reports topic and to managers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bot.assembly import create_app
from bot.reporting.weekly_album import WEEKLY_ALBUM_FAILED
from bot.settings import Settings
from domain.clock import ManualClock
from emulator import EmMessage, TelegramEmulator
from storage.migrate import upgrade_database
from storage.models import ReminderStatus, Role, Stage
from storage.repositories.holder import Repositories
from tests.conftest import TEAM_CHAT_ID
from tests.e2e.reports.conftest import png_size, settle_stage
from tests.e2e.team.conftest import Team
from tests.e2e.team.test_lifecycle import take

MANAGER = 20
NEXT_MONDAY_9AM = datetime(2026, 3, 9, 6, 0, tzinfo=UTC)
"""09:00 in Moscow on the Monday after the fixtures' Monday."""


async def look(team: Team) -> None:
    """Run the pipeline check (which plans the report) and a whole reminder pass."""
    await team.bot.app.pipeline_watch.check()
    await team.bot.app.reminders.settled()
    await team.bot.app.sender.drain_now()


async def weekly_status(team: Team, recipient: int, day: str) -> str | None:
    async with team.repo() as repo:
        reminder = await repo.reminders.by_dedup_key(f"weekly:{recipient}:{day}")
        return reminder.status if reminder is not None else None


def weekly_texts(team: Team, chat_id: int) -> list[EmMessage]:
    return [m for m in team.tg.transcript(chat_id) if "Итоги недели" in m.text]


def albums(team: Team, chat_id: int) -> list[list[EmMessage]]:
    groups: dict[str, list[EmMessage]] = {}
    for message in team.tg.transcript(chat_id):
        if "media_group_id" in message.raw and "photo" in message.raw:
            groups.setdefault(message.raw["media_group_id"], []).append(message)
    return list(groups.values())


async def test_the_week_is_reported_in_the_reports_topic_and_to_each_manager(
    make_team: Callable[..., object],
) -> None:
    # No round robin: a week later the untaken request must still count as untaken.
    async with make_team(forum=True, auto_assign=False, weekly_report=True) as team:  # type: ignore[attr-defined]
        await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
        await team.expert(10, "Пётр")
        # Monday 2 March: the week before had no requests, so nothing goes out for it.
        await look(team)
        assert await weekly_status(team, TEAM_CHAT_ID, "2026-03-02") == ReminderStatus.DROPPED
        assert await weekly_status(team, MANAGER, "2026-03-02") == ReminderStatus.DROPPED
        assert not weekly_texts(team, TEAM_CHAT_ID)
        first = await team.request()
        await team.request()
        team.clock.advance(minutes=30)
        await take(team, 10, first)
        await team.settle(team.card(first), 10)

        team.clock.set(NEXT_MONDAY_9AM - timedelta(minutes=1))
        await look(team)
        assert await weekly_status(team, TEAM_CHAT_ID, "2026-03-09") == ReminderStatus.PENDING
        assert not weekly_texts(team, TEAM_CHAT_ID)
        team.clock.set(NEXT_MONDAY_9AM)
        await look(team)
        await look(team)  # a second look plans and sends nothing more
        [text] = weekly_texts(team, TEAM_CHAT_ID)
        topic = text.thread_id
        assert topic is not None
        assert team.tg.world.chats[TEAM_CHAT_ID].topics[topic].name == "Отчёты"
        assert "Итоги недели 2 мар. 2026 г. — 8 мар. 2026 г." in text.text.replace("\u202f", " ")
        assert (
            "За неделю: новых заявок 2 (неделей раньше 0) · взято в работу 1 (неделей раньше 0)"
            in text.text
        )
        assert "Из заявок, поданных за неделю, на сегодня: взято 1 (неделей раньше 0)" in text.text
        assert "цель 25%" in text.text
        [album] = albums(team, TEAM_CHAT_ID)
        assert len(album) == 4
        assert {message.thread_id for message in album} == {topic}
        assert all(png_size(message.document_bytes) == (800, 450) for message in album)

        [private] = weekly_texts(team, MANAGER)
        assert "новых заявок 2" in private.text
        assert len(albums(team, MANAGER)) == 1
        assert await weekly_status(team, MANAGER, "2026-03-09") == ReminderStatus.SENT


async def test_takes_and_wins_are_reported_in_their_own_week_apart_from_the_cohort(
    make_team: Callable[..., object],
) -> None:
    async with make_team(auto_assign=False, weekly_report=True) as team:  # type: ignore[attr-defined]
        await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
        await team.expert(10, "Пётр")
        number = await team.request()  # in the week of 2 March
        # Taken and won on Tuesday 10 March; nothing new is submitted that week.
        team.clock.set(NEXT_MONDAY_9AM + timedelta(days=1))
        await take(team, 10, number)
        await team.settle(team.card(number), 10)
        await settle_stage(team, number, 10, Stage.TAKEN, Stage.WON, after=timedelta(hours=1))

        team.clock.set(NEXT_MONDAY_9AM + timedelta(days=7))
        await look(team)
        [text] = [
            m.text.replace("\u202f", " ")
            for m in weekly_texts(team, MANAGER)
            if "Итоги недели 9 мар." in m.text.replace("\u202f", " ")
        ]
        assert (
            "За неделю: новых заявок 0 (неделей раньше 1)"
            " · взято в работу 1 (неделей раньше 0) · выиграно 1 (неделей раньше 0)"
        ) in text
        assert (
            "Из заявок, поданных за неделю, на сегодня:"
            " взято 0 (неделей раньше 1) · выиграно 0 (неделей раньше 1)"
        ) in text


async def test_a_deleted_reports_topic_is_opened_anew_for_the_next_week(
    make_team: Callable[..., object],
) -> None:
    async with make_team(forum=True, auto_assign=False, weekly_report=True) as team:  # type: ignore[attr-defined]
        await team.expert(10, "Пётр")
        await team.tg.promote(TEAM_CHAT_ID, 10)
        await team.request()
        team.clock.set(NEXT_MONDAY_9AM)
        await look(team)
        [first] = weekly_texts(team, TEAM_CHAT_ID)
        old = first.thread_id
        assert old is not None
        await team.tg.delete_topic(10, TEAM_CHAT_ID, old)  # the report goes with it

        await team.request()
        team.clock.set(NEXT_MONDAY_9AM + timedelta(days=7))
        await look(team)
        [second] = weekly_texts(team, TEAM_CHAT_ID)
        topics = team.tg.world.chats[TEAM_CHAT_ID].topics
        assert second.thread_id in topics
        assert second.thread_id != old
        assert topics[second.thread_id].name == "Отчёты"
        [album] = albums(team, TEAM_CHAT_ID)
        assert {message.thread_id for message in album} == {second.thread_id}


async def test_the_weekly_report_can_be_switched_off(
    make_team: Callable[..., object],
) -> None:
    async with make_team(weekly_report=False) as team:  # type: ignore[attr-defined]
        await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
        await team.request()
        team.clock.set(NEXT_MONDAY_9AM)
        await look(team)
        assert await weekly_status(team, TEAM_CHAT_ID, "2026-03-09") is None
        assert not weekly_texts(team, TEAM_CHAT_ID)


async def test_two_bot_processes_send_the_weekly_report_once(
    tg: TelegramEmulator, settings_for: Callable[..., Settings], clock: ManualClock
) -> None:
    tg.add_user(MANAGER, "Мария")
    tg.add_group(TEAM_CHAT_ID, "Presale team", bot_is_admin=True)
    first = create_app(settings_for(weekly_report=True), clock=clock)
    second = create_app(settings_for(weekly_report=True), clock=clock)
    try:
        await upgrade_database(first.settings.database_url)
        async with first.session_factory() as session:
            repo = Repositories(session, clock=clock)
            await repo.users.upsert_from_telegram(
                user_id=MANAGER,
                first_name="Мария",
                last_name=None,
                username=None,
                language_code="ru",
            )
            await repo.users.grant_role(MANAGER, Role.MANAGER)
            await repo.requests.create(
                scenario_id="it_erp", scenario_version=1, author_id=MANAGER, answers=[]
            )
            await session.commit()
        clock.set(NEXT_MONDAY_9AM)
        await asyncio.gather(first.pipeline_watch.check(), second.pipeline_watch.check())
        await asyncio.gather(first.reminders.process_due(), second.reminders.process_due())
        await asyncio.gather(first.sender.drain_now(), second.sender.drain_now())
    finally:
        await first.close()
        await second.close()
    for chat_id in (TEAM_CHAT_ID, MANAGER):
        texts = [m for m in tg.bot_messages(chat_id) if "Итоги недели" in m.text]
        photos = [m for m in tg.bot_messages(chat_id) if "photo" in m.raw]
        assert len(texts) == 1
        assert len(photos) == 4


async def test_a_manager_in_another_zone_reads_the_overdue_deadlines_in_their_own_time(
    make_team: Callable[..., object],
) -> None:
    """The week is the team's; a deadline is told in the reader's zone, as /tz chose."""
    async with make_team(auto_assign=False, weekly_report=True) as team:  # type: ignore[attr-defined]
        await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
        async with team.repo() as repo:
            await repo.users.set_time_zone(MANAGER, "Asia/Vladivostok")
        await team.expert(10, "Пётр")
        number = await team.request()
        await take(team, 10, number)
        async with team.repo() as repo:
            await repo.followups.add_step(
                request_id=number,
                text="Позвонить",
                due_at=datetime(2026, 3, 5, 15, 0, tzinfo=UTC),  # 18:00 Moscow, 01:00 on the 6th
                assignee_id=10,
                created_by=10,
            )
        team.clock.set(NEXT_MONDAY_9AM)
        await look(team)
        [group] = weekly_texts(team, TEAM_CHAT_ID)
        [private] = weekly_texts(team, MANAGER)
        assert "Пётр, срок был 5 мар. 2026 г., 18:00" in group.text.replace("\u202f", " ")
        assert "Пётр, срок был 6 мар. 2026 г., 01:00" in private.text.replace("\u202f", " ")


async def test_an_album_telegram_fails_twice_arrives_once_after_backing_off(
    make_team: Callable[..., object],
) -> None:
    async with make_team(forum=True, auto_assign=False, weekly_report=True) as team:  # type: ignore[attr-defined]
        await team.request()
        team.tg.fail_next("sendMediaGroup", 2, kind="5xx", chat_id=TEAM_CHAT_ID)
        team.clock.set(NEXT_MONDAY_9AM)
        await look(team)
        assert len(team.tg.calls_of("sendMediaGroup")) == 1  # the next try waits its backoff
        for _ in range(3):  # each try after its backoff; the last one finds nothing to do
            team.clock.advance(minutes=1)
            await look(team)

        assert len(team.tg.calls_of("sendMediaGroup")) == 3
        [album] = albums(team, TEAM_CHAT_ID)
        assert len(album) == 4
        assert len(weekly_texts(team, TEAM_CHAT_ID)) == 1
        assert await weekly_status(team, TEAM_CHAT_ID, "2026-03-09") == ReminderStatus.SENT


async def test_an_album_held_back_by_a_long_flood_wait_arrives_once_after_it(
    make_team: Callable[..., object],
) -> None:
    async with make_team(auto_assign=False, weekly_report=True) as team:  # type: ignore[attr-defined]
        await team.request()
        team.tg.fail_next("sendMediaGroup", kind="429", retry_after=600, chat_id=TEAM_CHAT_ID)
        team.clock.set(NEXT_MONDAY_9AM)
        await look(team)
        team.clock.advance(minutes=5)  # Telegram's wait is not over: no try yet
        await look(team)
        assert len(team.tg.calls_of("sendMediaGroup")) == 1
        team.clock.advance(minutes=6)
        await look(team)
        team.clock.advance(minutes=15)
        await look(team)

        assert len(team.tg.calls_of("sendMediaGroup")) == 2
        assert len(albums(team, TEAM_CHAT_ID)) == 1
        assert len(weekly_texts(team, TEAM_CHAT_ID)) == 1


async def test_an_album_telegram_refuses_is_told_to_the_managers_once(
    make_team: Callable[..., object],
) -> None:
    async with make_team(auto_assign=False, weekly_report=True) as team:  # type: ignore[attr-defined]
        await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
        await team.request()
        team.tg.fail_next(
            "sendMediaGroup",
            kind="400",
            chat_id=TEAM_CHAT_ID,
            description="Bad Request: not enough rights to send photos to the chat",
        )
        team.clock.set(NEXT_MONDAY_9AM)
        await look(team)
        team.clock.advance(hours=1)
        await look(team)

        notices = [m for m in team.tg.transcript(MANAGER) if "Графики" in m.text]
        [notice] = notices
        assert "группы команды" in notice.text
        assert "not enough rights to send photos to the chat" in notice.text
        assert len(team.tg.calls_of("sendMediaGroup")) == 2  # the group's, refused; Мария's
        assert not albums(team, TEAM_CHAT_ID)
        assert len(weekly_texts(team, TEAM_CHAT_ID)) == 1  # the numbers go out without charts
        async with team.repo() as repo:
            [failed] = await repo.events.recent(kind=WEEKLY_ALBUM_FAILED)
        assert failed.data["chat_id"] == TEAM_CHAT_ID


async def test_two_bot_processes_send_an_album_telegram_failed_once(
    tg: TelegramEmulator, settings_for: Callable[..., Settings], clock: ManualClock
) -> None:
    tg.add_group(TEAM_CHAT_ID, "Presale team", bot_is_admin=True)
    tg.fail_next("sendMediaGroup", kind="5xx", chat_id=TEAM_CHAT_ID)
    first = create_app(settings_for(weekly_report=True), clock=clock)
    second = create_app(settings_for(weekly_report=True), clock=clock)
    try:
        await upgrade_database(first.settings.database_url)
        async with first.session_factory() as session:
            repo = Repositories(session, clock=clock)
            await repo.users.upsert_from_telegram(
                user_id=10, first_name="Пётр", last_name=None, username=None, language_code="ru"
            )
            await repo.requests.create(
                scenario_id="it_erp", scenario_version=1, author_id=10, answers=[]
            )
            await session.commit()
        clock.set(NEXT_MONDAY_9AM)
        await first.pipeline_watch.check()
        for _ in range(2):  # the failed try, then both look again after its backoff
            await asyncio.gather(first.reminders.process_due(), second.reminders.process_due())
            clock.advance(minutes=1)
        await asyncio.gather(first.sender.drain_now(), second.sender.drain_now())
    finally:
        await first.close()
        await second.close()
    texts = [m for m in tg.bot_messages(TEAM_CHAT_ID) if "Итоги недели" in m.text]
    photos = [m for m in tg.bot_messages(TEAM_CHAT_ID) if "photo" in m.raw]
    assert len(tg.calls_of("sendMediaGroup")) == 2
    assert len(texts) == 1
    assert len(photos) == 4
