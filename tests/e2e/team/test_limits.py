"""Claim limits in working time: a reminder, an escalation, then round-robin assignment.

The test moves the bot's clock; the check runs whenever the clock moves, and the test also
calls it directly, so nothing waits in real time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bot.services.buttons import TakeButton
from emulator import EmMessage
from storage.models import Priority, Role
from tests.conftest import ADMIN_ID, TEAM_CHAT_ID
from tests.e2e.team.conftest import AUTHOR_ID, Team

FRIDAY_5PM = datetime(2026, 3, 6, 14, 0, tzinfo=UTC)  # 17:00 in Moscow, an hour before close


async def check_at(team: Team, moment: datetime) -> None:
    team.clock.set(moment)
    await team.bot.app.claim_watch.check_claim_deadlines(moment)


def group_says(team: Team, marker: str) -> list[EmMessage]:
    return [m for m in team.tg.transcript(TEAM_CHAT_ID) if marker in m.text]


async def manager_hears(team: Team, *markers: str) -> EmMessage:
    """The manager's message that carries every marker, whatever else they were sent."""
    found = await team.tg.wait_for(
        lambda: [m for m in team.tg.bot_messages(20) if all(x in m.text for x in markers)],
        what=f"a message to the manager with {markers}",
    )
    return found[0]


async def overdue_levels(team: Team, number: int) -> list[int]:
    async with team.repo() as repo:
        events = await repo.events.for_request(number)
    return [int(e.data["level"]) for e in events if e.kind == "request.claim_overdue"]


async def test_limits_count_working_hours_then_the_least_loaded_expert_gets_it(
    team: Team,
) -> None:
    busy = await team.expert(10, "Пётр")
    free = await team.expert(11, "Ольга")
    await team.expert(12, "Без тегов", tags=["crm"])
    await team.person(20, "Босс", roles=[Role.MANAGER])
    first = await team.request()
    await team.tg.press(busy, team.card(first), TakeButton(request=first).pack())
    await team.tg.next_bot_message(busy)

    team.clock.set(FRIDAY_5PM)
    number = await team.request()
    card = team.card(number)

    # Friday 17:00 + 2 working hours = Monday 10:00 (an hour on Friday, an hour on Monday).
    await check_at(team, datetime(2026, 3, 7, 9, 0, tzinfo=UTC))  # Saturday noon
    await check_at(team, datetime(2026, 3, 9, 6, 59, tzinfo=UTC))  # Monday 09:59
    assert await overdue_levels(team, number) == []

    await check_at(team, datetime(2026, 3, 9, 7, 0, tzinfo=UTC))  # Monday 10:00
    reminder = await team.tg.wait_for(lambda: group_says(team, "⏰"), what="first reminder")
    assert reminder[0].reply_to_message_id == card.message_id
    assert "Пётр" in reminder[0].text
    assert "Ольга" in reminder[0].text
    assert "Без тегов" not in reminder[0].text
    await manager_hears(team, f"#{number}")
    assert await overdue_levels(team, number) == [1]

    # Four working hours: Monday 12:00. Escalated again and given to the least loaded expert.
    await check_at(team, datetime(2026, 3, 9, 9, 0, tzinfo=UTC))
    await team.tg.wait_for(lambda: group_says(team, "🚨"), what="escalation")
    brief = await team.tg.next_bot_message(free)
    assert f"#{number}" in brief.text
    # Other limits (request #1 has been "taken" for a week by now) may reach the manager too.
    await manager_hears(team, f"#{number}", "🚨")
    assert "Ольга" in card.text
    await team.settle(brief, free)
    assert await overdue_levels(team, number) == [1, 2]
    events = await team.events(number)
    assert events[-1] == "request.auto_assigned"
    # The author's notice goes through the outbox, so it may come a moment later.
    await team.tg.wait_for(
        lambda: [
            m
            for m in team.tg.transcript(AUTHOR_ID)
            if f"#{number}" in m.text and "Ольга" in m.text
        ],
        what="the author told who has the request",
    )


async def test_a_hot_request_counts_wall_clock_and_the_supervisor_is_told(
    make_team: Callable[..., Any],
) -> None:
    async with make_team(auto_assign=False) as team:
        expert = await team.expert(10, "Пётр")
        await team.person(20, "Босс", roles=[Role.MANAGER])
        await team.person(21, "Супервайзер", roles=[Role.MANAGER])
        async with team.repo() as repo:
            await repo.users.set_supervisor(expert, 21)
        saturday_night = datetime(2026, 3, 7, 0, 0, tzinfo=UTC)  # 03:00 in Moscow
        team.clock.set(saturday_night)
        number = await team.request(priority=Priority.HOT)

        await check_at(team, saturday_night.replace(minute=14))
        assert await overdue_levels(team, number) == []
        await check_at(team, saturday_night.replace(minute=15))
        await team.tg.wait_for(lambda: group_says(team, "⏰"), what="first reminder")
        assert f"#{number}" in (await team.tg.next_bot_message(21)).text
        await check_at(team, saturday_night.replace(minute=30))
        await team.tg.wait_for(lambda: group_says(team, "🚨"), what="escalation")
        assert "🚨" in (await team.tg.next_bot_message(21)).text
        await team.settle(team.card(number), expert)
        assert await overdue_levels(team, number) == [1, 2]
        assert [m for m in team.tg.transcript(20) if "#" in m.text] == []
        async with team.repo() as repo:
            request = await repo.requests.get(number)
        assert request is not None
        assert request.owner_id is None


async def test_a_released_request_starts_its_clock_again(team: Team) -> None:
    expert = await team.expert(10, "Пётр")
    number = await team.request()
    await team.tg.press(expert, team.card(number), TakeButton(request=number).pack())
    brief = await team.tg.next_bot_message(expert)
    team.clock.set(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))  # Monday 11:00
    await team.tg.press(expert, brief, brief.callback_data_of("Вернуть"))
    await team.settle(brief, expert)
    await check_at(team, datetime(2026, 3, 2, 9, 59, tzinfo=UTC))  # 12:59: under two hours
    assert await overdue_levels(team, number) == []
    await check_at(team, datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
    await team.tg.wait_for(lambda: group_says(team, "⏰"), what="reminder after release")


async def test_a_manager_who_blocked_the_bot_is_passed_over_for_the_admins(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.person(20, "Босс", roles=[Role.MANAGER])
    await team.person(ADMIN_ID, "Ирина", member=False)
    team.tg.block(20)
    await team.tg.wait_for(
        lambda: [m for m in team.tg.bot_messages(ADMIN_ID) if "заблокировал" in m.text],
        what="the admin told that the manager blocked the bot",
    )
    number = await team.request()
    await check_at(team, datetime(2026, 3, 2, 8, 30, tzinfo=UTC))  # Monday 11:30 in Moscow
    await team.tg.wait_for(
        lambda: [m for m in team.tg.bot_messages(ADMIN_ID) if f"#{number}" in m.text],
        what="the escalation to the admin",
    )
    async with team.repo() as repo:
        events = await repo.events.for_request(number)
    [overdue] = [e for e in events if e.kind == "request.claim_overdue"]
    assert overdue.data["managers"] == [ADMIN_ID]


async def test_a_request_the_bot_assigns_is_announced_as_assigned_by_it_not_as_taken(
    team: Team,
) -> None:
    await team.expert(11, "Ольга")
    number = await team.request()
    await check_at(team, datetime(2026, 3, 2, 8, 0, tzinfo=UTC))  # Monday 11:00
    await check_at(team, datetime(2026, 3, 2, 10, 0, tzinfo=UTC))  # Monday 13:00
    await team.tg.wait_for(
        lambda: group_says(team, f"#{number} назначена на Ольга"), what="the assignment"
    )
    assert "бот, по очереди" in group_says(team, f"#{number} назначена")[0].text
    assert group_says(team, "взял(а) Ольга") == []


async def test_the_managers_hear_whom_the_bot_gave_the_request_and_that_the_brief_missed(
    team: Team,
) -> None:
    await team.expert(11, "Ольга")
    await team.person(20, "Босс", roles=[Role.MANAGER])
    team.tg.world.user(11).started = False
    number = await team.request()
    await check_at(team, datetime(2026, 3, 2, 8, 0, tzinfo=UTC))  # Monday 11:00
    await check_at(team, datetime(2026, 3, 2, 10, 0, tzinfo=UTC))  # Monday 13:00
    news = await manager_hears(team, f"#{number}", "🚨")
    assert "Бот назначил её по очереди: Ольга" in news.text
    assert "бриф не дошёл" in news.text
    assert "/assign" not in news.text
