"""The daily digest: at the start of each person's working day, in their zone, once a day."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.assembly import create_app
from bot.settings import Settings
from domain.clock import ManualClock
from emulator import TelegramEmulator
from storage.migrate import upgrade_database
from storage.models import Meeting, NextStep, ReminderStatus, Role
from storage.repositories.holder import Repositories
from tests.e2e.pipeline.conftest import hears
from tests.e2e.reminders.helpers import outbox
from tests.e2e.team.conftest import MONDAY_9AM, Team
from tests.harness import RunningBot

MANAGER, EXPERT = 20, 10
TUESDAY_9AM_VLADIVOSTOK = datetime(2026, 3, 2, 23, 0, tzinfo=UTC)
"""09:00 on Tuesday in Vladivostok is 23:00 on Monday in UTC, 02:00 in Moscow."""


async def in_zone(team: Team, user_id: int, zone: str) -> None:
    async with team.repo() as repo:
        await repo.users.set_time_zone(user_id, zone)


async def digest_status(team: Team, user_id: int, day: str) -> str | None:
    async with team.repo() as repo:
        reminder = await repo.reminders.by_dedup_key(f"digest:{user_id}:{day}")
        return reminder.status if reminder is not None else None


async def look(team: Team) -> None:
    """Run the pipeline check at the clock's moment, then a whole reminder pass."""
    await team.bot.app.pipeline_watch.check()
    await team.bot.app.reminders.settled()


async def test_a_manager_gets_the_digest_at_the_start_of_their_own_day(team: Team) -> None:
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    await in_zone(team, MANAGER, "Asia/Vladivostok")
    number = await team.request()
    await look(team)
    team.clock.set(TUESDAY_9AM_VLADIVOSTOK - timedelta(minutes=1))
    await look(team)
    assert "Ваш день" not in team.tg.render_transcript(MANAGER)
    team.clock.set(TUESDAY_9AM_VLADIVOSTOK)
    digest = await hears(team.tg, MANAGER, "Ваш день")
    assert "Ждут эксперта (1)" in digest.text
    assert f"#{number}" in digest.text
    assert "Просрочено по команде: 1" in digest.text
    assert await digest_status(team, MANAGER, "2026-03-03") == ReminderStatus.SENT


async def test_nothing_is_sent_when_the_day_holds_nothing(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    await look(team)
    team.clock.set(MONDAY_9AM + timedelta(days=1))
    await look(team)
    await look(team)
    assert await digest_status(team, EXPERT, "2026-03-03") == ReminderStatus.DROPPED
    assert "Ваш день" not in team.tg.render_transcript(EXPERT)


async def test_an_expert_hears_of_a_stage_limit_ending_today(team: Team) -> None:
    await team.expert(EXPERT, "Пётр", language_code="en")
    number = await team.request()
    card = team.card(number)
    # Taken on Monday at 17:00: eight working hours run out on Tuesday at 16:00.
    team.clock.set(MONDAY_9AM + timedelta(hours=8))
    await team.tg.press(EXPERT, card, card.callback_data_of("Беру"))
    await hears(team.tg, EXPERT, f"#{number}")
    team.clock.set(MONDAY_9AM + timedelta(days=1))
    digest = await hears(team.tg, EXPERT, "Your day")
    assert "Stage limits ending today (1)" in digest.text
    assert f"#{number}" in digest.text


async def test_meetings_and_steps_of_the_day_are_in_the_digest(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    now = team.clock.now()
    tuesday = MONDAY_9AM + timedelta(days=1)
    async with team.repo() as repo:
        repo.session.add_all(
            [
                Meeting(
                    request_id=number,
                    starts_at=tuesday + timedelta(hours=2),
                    duration_minutes=60,
                    place="Zoom",
                    our_goal="demo",
                    client_goal="prices",
                    moderator_id=EXPERT,
                    created_by=EXPERT,
                    created_at=now,
                ),
                NextStep(
                    request_id=number,
                    text="send the estimate",
                    due_at=tuesday + timedelta(hours=5),
                    assignee_id=EXPERT,
                    created_by=EXPERT,
                    created_at=now,
                ),
                NextStep(
                    request_id=number,
                    text="call back",
                    due_at=now + timedelta(hours=2),
                    assignee_id=EXPERT,
                    created_by=EXPERT,
                    created_at=now,
                ),
            ]
        )
    await look(team)
    team.clock.set(tuesday)
    digest = await hears(team.tg, EXPERT, "Ваш день")
    assert "Встречи сегодня (1)" in digest.text
    assert "Шаги на сегодня (1)" in digest.text
    assert "Просроченные шаги (1)" in digest.text


async def test_one_digest_a_day_across_a_restart(
    tg: TelegramEmulator,
    settings_for: Callable[..., Settings],
    clock: ManualClock,
    make_team: Callable[..., Any],
) -> None:
    async with make_team() as team:
        await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
        await team.request()
        await look(team)
        team.clock.set(MONDAY_9AM + timedelta(days=1))
        await hears(tg, MANAGER, "Ваш день")
    clock.advance(minutes=5)
    async with RunningBot(settings_for(), clock=clock) as again:
        await again.app.pipeline_watch.check()
        await again.app.reminders.settled()
        clock.advance(hours=1)
        await again.app.pipeline_watch.check()
        await again.app.reminders.settled()
        await again.app.sender.drain_now()
        async with again.app.session_factory() as session:
            planned = await Repositories(session, clock=clock).reminders.find(
                kind="pipeline.digest", recipient_id=MANAGER
            )
    assert tg.render_transcript(MANAGER).count("Ваш день") == 1
    # Tuesday's went out; Wednesday's waits for Wednesday.
    assert [r.status for r in planned] == [ReminderStatus.SENT, ReminderStatus.PENDING]


async def test_two_bot_processes_plan_and_send_one_digest(
    tg: TelegramEmulator, settings_for: Callable[..., Settings], clock: ManualClock
) -> None:
    tg.add_user(MANAGER, "Босс")
    first = create_app(settings_for(), clock=clock)
    second = create_app(settings_for(), clock=clock)
    try:
        await upgrade_database(first.settings.database_url)
        async with first.session_factory() as session:
            repo = Repositories(session, clock=clock)
            await repo.users.upsert_from_telegram(
                user_id=MANAGER,
                first_name="Босс",
                last_name=None,
                username=None,
                language_code="ru",
            )
            await repo.users.grant_role(MANAGER, Role.MANAGER)
            await repo.users.set_time_zone(MANAGER, "Asia/Vladivostok")
            request = await repo.requests.create(
                scenario_id="it_erp", scenario_version=1, author_id=MANAGER, answers=[]
            )
            await repo.team.start_waiting(request.id, clock.now())
            await session.commit()
        await asyncio.gather(first.pipeline_watch.check(), second.pipeline_watch.check())
        clock.set(TUESDAY_9AM_VLADIVOSTOK)
        await asyncio.gather(first.pipeline_watch.check(), second.pipeline_watch.check())
        handed = await asyncio.gather(
            first.reminders.process_due(), second.reminders.process_due()
        )
        assert sum(handed) == 1
        async with first.session_factory() as session:
            planned = await Repositories(session, clock=clock).reminders.find(
                kind="pipeline.digest", recipient_id=MANAGER
            )
        assert [(r.dedup_key, r.status) for r in planned] == [
            (f"digest:{MANAGER}:2026-03-03", ReminderStatus.SENT),
            (f"digest:{MANAGER}:2026-03-04", ReminderStatus.PENDING),
        ]
        assert len(await outbox(first, MANAGER)) == 1
    finally:
        await first.close()
        await second.close()


async def test_a_stage_limit_passed_days_ago_is_listed_as_passed_not_as_ending_today(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    card = team.card(number)
    # Taken on Monday at 09:00: eight working hours run out on Monday at 17:00.
    await team.tg.press(EXPERT, card, card.callback_data_of("Беру"))
    await hears(team.tg, EXPERT, f"#{number}")
    for day in (1, 2):  # Tuesday's digest, and Wednesday's
        team.clock.set(MONDAY_9AM + timedelta(days=day))
        await look(team)
        digest = await hears(team.tg, EXPERT, "Ваш день")
        assert "истекает сегодня" not in digest.text
        assert "Срок этапа истёк (1)" in digest.text
        assert f"#{number} — 2 мар." in digest.text.replace("\u202f", " ")
