"""Next steps from the brief: three taps, reminders in working hours, done, moved, escalated."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.models import ReminderStatus, Role, StepStatus
from tests.conftest import ADMIN_ID
from tests.e2e.followups.conftest import (
    Presses,
    Team,
    move_to,
    next_to,
    step,
    steps_of,
    take,
)

TUESDAY_16_MOSCOW = datetime(2026, 3, 3, 13, 0, tzinfo=UTC)
WEDNESDAY_11_MOSCOW = datetime(2026, 3, 4, 8, 0, tzinfo=UTC)
"""Four working hours after Tuesday's 16:00: the step's escalation."""


def steps_told(team: Team, user_id: int) -> list[str]:
    """Escalations of overdue steps this person received."""
    return [m.text for m in team.tg.bot_messages(user_id) if "давно просрочен" in m.text]


async def plan_call_tomorrow(team: Team, expert_id: int) -> tuple[int, Presses]:
    """Take a request and plan "call the client tomorrow at 16:00" from its brief."""
    number = await team.request()
    brief = await take(team, expert_id, number)
    taps = Presses(team, expert_id)
    await taps.press(brief, "Следующий шаг")
    what = await taps.next()
    await taps.press(what, "Позвонить клиенту")
    when = await taps.next()
    await taps.press(when, "Завтра 16:00")
    assert "сохранён" in when.text, when.text
    return number, taps


async def test_call_tomorrow_at_four_takes_three_taps_and_reminds_at_four(team: Team) -> None:
    await team.expert(10, "Пётр")
    number, taps = await plan_call_tomorrow(team, 10)
    assert taps.count == 3
    [planned] = await steps_of(team, number)
    assert planned.due_at == TUESDAY_16_MOSCOW
    assert planned.assignee_id == 10
    assert planned.text == "📞 Позвонить клиенту"

    seen = len(team.tg.bot_messages(10))
    await move_to(team, TUESDAY_16_MOSCOW - timedelta(minutes=1))
    assert len(team.tg.bot_messages(10)) == seen
    await move_to(team, TUESDAY_16_MOSCOW)
    reminder = await taps.next("Пора")
    assert "Позвонить клиенту" in reminder.text
    assert f"#{number}" in reminder.text
    labels = [b.text for row in reminder.buttons for b in row]
    assert labels == [
        "✅ Сделано",
        "⏰ Через час",
        "🌅 Завтра",
        "📅 Перенести",
        f"📄 Открыть заявку #{number}",
    ]


async def test_a_step_due_after_hours_waits_for_the_assignees_morning_in_their_zone(
    team: Team,
) -> None:
    await team.expert(10, "Пётр")
    async with team.repo() as repo:
        await repo.users.set_time_zone(10, "Asia/Yekaterinburg")
    number = await team.request()
    brief = await take(team, 10, number)
    taps = Presses(team, 10)
    await taps.press(brief, "Следующий шаг")
    await taps.next()
    when = await taps.type("Отправить презентацию")
    assert "когда" in when.text
    saved = await taps.type("завтра 20:00")
    assert "сохранён" in saved.text
    [planned] = await steps_of(team, number)
    evening = datetime(2026, 3, 3, 15, 0, tzinfo=UTC)  # 20:00 in Yekaterinburg (UTC+5)
    assert planned.due_at == evening

    await move_to(team, evening)
    async with team.repo() as repo:
        [due] = await repo.reminders.find(kind="step_due", request_id=number)
    assert due.status == ReminderStatus.PENDING
    morning = datetime(2026, 3, 4, 4, 0, tzinfo=UTC)  # 09:00 on Wednesday there
    assert due.due_at == morning
    await move_to(team, morning)
    reminder = await taps.next("Пора")
    assert "Отправить презентацию" in reminder.text


async def test_done_snooze_tomorrow_and_reschedule_move_the_step(team: Team) -> None:
    await team.expert(10, "Пётр")
    number, taps = await plan_call_tomorrow(team, 10)
    [planned] = await steps_of(team, number)

    await move_to(team, TUESDAY_16_MOSCOW)
    reminder = await taps.next("Пора")
    await taps.press(reminder, "Через час")
    assert (await step(team, planned.id)).due_at == TUESDAY_16_MOSCOW + timedelta(hours=1)
    assert "перенесён" in reminder.text

    await move_to(team, TUESDAY_16_MOSCOW + timedelta(hours=1))
    reminder = await taps.next("Пора")
    assert "Позвонить клиенту" in reminder.text
    await taps.press(reminder, "Завтра")
    wednesday_9 = datetime(2026, 3, 4, 6, 0, tzinfo=UTC)
    assert (await step(team, planned.id)).due_at == wednesday_9

    await move_to(team, wednesday_9)
    reminder = await taps.next("Пора")
    await taps.press(reminder, "Перенести")
    ask = await taps.next("когда")
    assert "когда" in ask.text
    assert "перенесён" in (await taps.type("завтра 11:30")).text
    thursday = datetime(2026, 3, 5, 8, 30, tzinfo=UTC)
    assert (await step(team, planned.id)).due_at == thursday

    await move_to(team, thursday)
    reminder = await taps.next("Пора")
    await taps.press(reminder, "Сделано")
    assert "выполнен" in reminder.text
    done = await step(team, planned.id)
    assert done.status == StepStatus.DONE
    assert done.done_at == thursday

    seen = len(team.tg.bot_messages(10))
    await move_to(team, thursday + timedelta(days=2))
    assert not [m for m in team.tg.bot_messages(10)[seen:] if "Позвонить" in m.text]
    assert "request.step_done" in await team.events(number)


async def test_an_overdue_step_tells_the_owner_then_the_assignees_supervisor(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    await team.person(20, "Начальник", roles=[Role.MANAGER])
    await team.person(21, "Другой руководитель", roles=[Role.MANAGER])
    async with team.repo() as repo:
        await repo.users.set_supervisor(11, 20)
    number, taps = await plan_call_tomorrow(team, 10)
    [planned] = await steps_of(team, number)
    saved = team.tg.bot_messages(10)[-1]
    await taps.press(saved, "Передать другому")
    who = await taps.next("Кому")
    await taps.press(who, "Ольга")
    given = await next_to(team, 11, "передал")
    assert "передал(а) вам шаг" in given.text
    assert (await step(team, planned.id)).assignee_id == 11

    await move_to(team, TUESDAY_16_MOSCOW)
    assert "Позвонить клиенту" in (await next_to(team, 11, "Пора")).text
    await move_to(team, TUESDAY_16_MOSCOW + timedelta(hours=1))
    overdue = await taps.next("Просрочен")
    assert "Просрочен" in overdue.text
    assert "Ольга" in overdue.text
    assert not steps_told(team, 20)

    # Four working hours after 16:00 on Tuesday: 18:00, then two more on Wednesday.
    wednesday_11 = WEDNESDAY_11_MOSCOW
    await move_to(team, wednesday_11 - timedelta(minutes=1))
    assert not steps_told(team, 20)
    await move_to(team, wednesday_11)
    escalated = await next_to(team, 20, "просрочен")
    assert "давно просрочен" in escalated.text
    assert "Ольга" in escalated.text
    assert not steps_told(team, 21)
    assert (await step(team, planned.id)).escalation_level == 2


async def test_an_overdue_step_is_escalated_to_the_managers_of_the_day_it_is_late(
    team: Team,
) -> None:
    await team.expert(10, "Пётр")
    await team.person(20, "Начальник", roles=[Role.MANAGER])
    await team.person(ADMIN_ID, "Ирина", member=False)
    number, _ = await plan_call_tomorrow(team, 10)

    # After the step was planned: its manager blocks the bot, and another is appointed.
    team.tg.block(20)
    await team.tg.wait_for(
        lambda: [m for m in team.tg.bot_messages(ADMIN_ID) if "заблокировал" in m.text],
        what="the admin told that the manager blocked the bot",
    )
    await team.person(21, "Новый руководитель", roles=[Role.MANAGER])

    await move_to(team, WEDNESDAY_11_MOSCOW)
    escalated = await next_to(team, 21, "давно просрочен")
    assert f"#{number}" in escalated.text
    assert "Пётр" in escalated.text
    assert not steps_told(team, 20)
    assert not steps_told(team, ADMIN_ID)


async def test_an_overdue_step_in_a_team_with_no_manager_is_escalated_to_the_admins(
    team: Team,
) -> None:
    await team.expert(10, "Пётр")
    await team.person(ADMIN_ID, "Ирина", member=False)
    number, _ = await plan_call_tomorrow(team, 10)

    await move_to(team, WEDNESDAY_11_MOSCOW - timedelta(minutes=1))
    assert not steps_told(team, ADMIN_ID)
    await move_to(team, WEDNESDAY_11_MOSCOW)
    escalated = await next_to(team, ADMIN_ID, "давно просрочен")
    assert f"#{number}" in escalated.text
    assert "Пётр" in escalated.text
    assert (await steps_of(team, number))[0].escalation_level == 2


async def test_a_step_handed_to_a_colleague_who_never_opened_the_bot_is_reported(
    team: Team,
) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    await team.person(20, "Начальник", roles=[Role.MANAGER])
    team.tg.world.user(11).started = False
    number, taps = await plan_call_tomorrow(team, 10)
    saved = team.tg.bot_messages(10)[-1]
    await taps.press(saved, "Передать другому")
    await taps.press(await taps.next("Кому"), "Ольга")

    report = await next_to(team, 20, "Ольга")
    assert "ещё не открывал(а) чат с ботом" in report.text
    assert not team.tg.bot_messages(11)
    [handed] = await steps_of(team, number)
    assert handed.assignee_id == 11  # the hand-over is made all the same


async def test_a_done_step_is_not_handed_over_or_moved_from_an_older_message(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    _number, taps = await plan_call_tomorrow(team, 10)
    saved = team.tg.bot_messages(10)[-1]
    await move_to(team, TUESDAY_16_MOSCOW)
    reminder = await taps.next("Пора")
    move = reminder.callback_data_of("Перенести")
    await taps.press(reminder, "Сделано")
    sent = len(team.tg.bot_messages(10))

    assert "уже закрыт" in await taps.press(saved, "Передать другому")
    answer = await team.tg.press(10, reminder, move)
    assert answer is not None
    assert "уже закрыт" in (answer.text or "")
    await team.settle(reminder, 10)
    assert len(team.tg.bot_messages(10)) == sent  # no colleague nor date asked for
