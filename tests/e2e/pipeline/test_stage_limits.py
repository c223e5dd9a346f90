"""Stage limits: the owner is warned at 80% of a stage, the manager told when it runs out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.models import ReminderStatus, Role, Stage
from tests.e2e.pipeline.conftest import hears
from tests.e2e.team.conftest import MONDAY_9AM, Team

EXPERT, MANAGER = 10, 20
TUESDAY_9AM_VLADIVOSTOK = datetime(2026, 3, 2, 23, 0, tzinfo=UTC)
"""09:00 on Tuesday in Vladivostok is 23:00 on Monday in UTC, 02:00 in Moscow."""


async def settle(team: Team) -> None:
    """Run the pipeline check at the clock's moment, then a whole reminder pass."""
    await team.bot.app.pipeline_watch.check()
    await team.bot.app.reminders.settled()


async def take(team: Team, number: int) -> None:
    card = team.card(number)
    await team.tg.press(EXPERT, card, card.callback_data_of("Беру"))
    await hears(team.tg, EXPERT, f"#{number}")


async def test_owner_is_warned_before_the_stage_limit_and_the_manager_after(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    async with team.repo() as repo:
        await repo.users.set_supervisor(EXPERT, MANAGER)
    number = await team.request()
    await take(team, number)
    # IT / ERP: "taken" may last 8 working hours; 80% of it is 15:24 on Monday in Moscow.
    team.clock.set(MONDAY_9AM + timedelta(hours=6, minutes=20))
    await settle(team)
    assert "почти вышла за срок" not in team.tg.render_transcript(EXPERT)
    team.clock.set(MONDAY_9AM + timedelta(hours=6, minutes=30))
    warning = await hears(team.tg, EXPERT, "почти вышла за срок")
    assert f"#{number}" in warning.text
    assert "«взята»" in warning.text

    team.clock.set(MONDAY_9AM + timedelta(hours=8, minutes=1))
    overdue = await hears(team.tg, MANAGER, "просрочила этап")
    assert f"#{number}" in overdue.text
    assert "Пётр" in overdue.text
    events = await team.events(number)
    assert events.count("request.stage_limit_warning") == 1
    assert events.count("request.stage_overdue") == 1

    # Later checks repeat nothing.
    team.clock.advance(minutes=30)
    await settle(team)
    assert team.tg.render_transcript(MANAGER).count("просрочила этап") == 1
    assert team.tg.render_transcript(EXPERT).count("почти вышла за срок") == 1


async def test_a_stage_change_before_the_limit_cancels_the_warning(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    await take(team, number)
    team.clock.set(MONDAY_9AM + timedelta(hours=1))
    async with team.repo() as repo:
        await repo.requests.set_stage(number, Stage.MEETING_PLANNED, team.clock.now())
    team.clock.set(MONDAY_9AM + timedelta(hours=7))
    await settle(team)
    assert "почти вышла за срок" not in team.tg.render_transcript(EXPERT)


async def test_a_warning_held_for_a_far_owner_past_the_deadline_is_not_sent(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    async with team.repo() as repo:
        await repo.users.set_supervisor(EXPERT, MANAGER)
        await repo.users.set_time_zone(EXPERT, "Asia/Vladivostok")
    number = await team.request()
    await take(team, number)
    # 80% of the 8 working hours is 15:24 in Moscow, 22:24 in Vladivostok: the warning,
    # not urgent, waits for the owner's morning.
    team.clock.set(MONDAY_9AM + timedelta(hours=6, minutes=30))
    await settle(team)
    # 17:00 in Moscow, midnight in Vladivostok: the stage ran out, the manager is told.
    team.clock.set(MONDAY_9AM + timedelta(hours=8, minutes=1))
    await hears(team.tg, MANAGER, "просрочила этап")
    # The owner's morning comes after the deadline: "it runs out at 00:00" would be false.
    team.clock.set(TUESDAY_9AM_VLADIVOSTOK)
    await settle(team)
    await team.bot.app.sender.drain_now()
    assert "почти вышла за срок" not in team.tg.render_transcript(EXPERT)
    async with team.repo() as repo:
        warnings = await repo.reminders.find(kind="pipeline.stage_warning", recipient_id=EXPERT)
    assert [reminder.status for reminder in warnings] == [ReminderStatus.DROPPED]
