"""Meetings that move: rescheduled, edited, cancelled, and "I can't make it"."""

from __future__ import annotations

from datetime import UTC, datetime

from emulator import EmMessage
from storage.models import MeetingStatus, Stage
from tests.e2e.followups.conftest import Presses, meeting, move_to, take
from tests.e2e.followups.test_meetings import plan_meeting
from tests.e2e.process.conftest import Team, hears, last_event, stage_of

EXPERT, OLGA = 10, 11
TUESDAY_10 = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)
"""10:00 in Moscow, the time ``plan_meeting`` picks ("tomorrow 10:00")."""
THURSDAY_12 = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)


async def planned(team: Team) -> tuple[int, int, EmMessage]:
    """A meeting planned with Ольга; returns the request, the meeting and its saved message."""
    await team.expert(EXPERT, "Пётр")
    await team.expert(OLGA, "Ольга")
    number = await team.request()
    number, meeting_id = await plan_meeting(
        team, EXPERT, with_colleague="Ольга", number=number, brief=await take(team, EXPERT, number)
    )
    saved = next(m for m in reversed(team.tg.transcript(EXPERT)) if "запланирована" in m.text)
    return number, meeting_id, saved


async def test_a_rescheduled_meeting_drops_old_reminders_fires_new_ones_and_tells_people(
    team: Team,
) -> None:
    number, meeting_id, saved = await planned(team)
    owner = Presses(team, EXPERT)
    await owner.press(saved, "Перенести")
    await owner.next("На когда")
    moved = await owner.type("5.03.2026 12:00")
    assert "перенесена" in moved.text
    told = await hears(team, OLGA, "перенесена")
    assert "5 мар. 2026" in told.text
    assert "12:00" in told.text
    assert (await meeting(team, meeting_id)).starts_at == THURSDAY_12
    event = await last_event(team, number, "request.meeting_rescheduled")
    assert event["to"] == THURSDAY_12.isoformat()

    # The old meeting's time passes with nothing; the new one's reminders come.
    await move_to(team, TUESDAY_10.replace(hour=9))
    assert "должна была закончиться" not in team.tg.render_transcript(EXPERT)
    assert "Завтра встреча" not in team.tg.render_transcript(OLGA)
    await move_to(team, THURSDAY_12.replace(day=4))
    day_before = await hears(team, OLGA, "Завтра встреча")
    assert "5 мар. 2026" in day_before.text
    await move_to(team, THURSDAY_12.replace(hour=8))
    assert "Через час встреча" in (await hears(team, EXPERT, "Через час")).text


async def test_an_edited_meeting_is_told_to_its_participants(team: Team) -> None:
    number, meeting_id, saved = await planned(team)
    owner = Presses(team, EXPERT)
    await owner.press(saved, "Место")
    await owner.next("Где теперь")
    assert "изменена" in (await owner.type("Офис клиента, Тверская 1")).text
    assert "Тверская 1" in (await hears(team, OLGA, "изменена")).text
    await owner.press(saved, "Цели")
    await owner.next("наша цель")
    assert "пустой формат" in (await owner.type("ок")).text
    await owner.type("Согласовать пилот на двух объектах")
    await owner.type("Понять бюджет на второй этап")
    told = await hears(team, OLGA, "изменена")
    assert "Согласовать пилот" in told.text
    changed = await meeting(team, meeting_id)
    assert (changed.place, changed.client_goal) == (
        "Офис клиента, Тверская 1",
        "Понять бюджет на второй этап",
    )
    assert (await last_event(team, number, "request.meeting_edited"))["fields"] == [
        "client_goal",
        "our_goal",
    ]


async def test_a_cancelled_meeting_tells_everyone_and_asks_for_no_recap(team: Team) -> None:
    number, meeting_id, saved = await planned(team)
    owner = Presses(team, EXPERT)
    await owner.press(saved, "Отменить встречу")
    await owner.next("Почему отменяется")
    assert "отменена" in (await owner.type("Клиент заболел")).text
    assert "Клиент заболел" in (await hears(team, OLGA, "отменена")).text
    assert (await meeting(team, meeting_id)).status == MeetingStatus.CANCELLED
    assert await stage_of(team, number) == Stage.TAKEN
    assert (await last_event(team, number, "request.meeting_cancelled"))["reason"] == (
        "Клиент заболел"
    )
    await move_to(team, TUESDAY_10.replace(hour=9))
    assert "состоялась" not in team.tg.render_transcript(EXPERT)
    again = await team.tg.press(EXPERT, saved, saved.callback_data_of("Перенести"))
    assert again is not None
    assert "уже не запланирована" in (again.text or "")


async def test_back_to_work_is_refused_while_the_meeting_is_planned(team: Team) -> None:
    number, meeting_id, _ = await planned(team)
    await team.tg.send_message(EXPERT, f"/r {number}")
    panel = await hears(team, EXPERT, f"#{number}")
    while not panel.buttons:  # a long view comes in parts, the buttons under the last
        panel = await team.tg.next_bot_message(EXPERT)
    refused = await team.tg.press(EXPERT, panel, panel.callback_data_of("Вернуться к работе"))
    assert refused is not None
    assert "отмените встречу" in (refused.text or "")
    assert await stage_of(team, number) == Stage.MEETING_PLANNED
    assert (await meeting(team, meeting_id)).status == MeetingStatus.PLANNED


async def test_a_participant_who_cannot_come_is_heard_by_the_owner(team: Team) -> None:
    number, _, _ = await planned(team)
    await move_to(team, TUESDAY_10.replace(day=2))
    reminder = await hears(team, OLGA, "Завтра встреча")
    answer = await team.tg.press(OLGA, reminder, reminder.callback_data_of("Не смогу прийти"))
    assert answer is not None
    assert "предупреждён" in (answer.text or "")
    told = await hears(team, EXPERT, "не сможет прийти")
    assert "Ольга" in told.text
    assert (await last_event(team, number, "request.meeting_cant_attend"))["user"] == OLGA
    await move_to(team, TUESDAY_10.replace(hour=6))
    assert "Через час" in (await hears(team, EXPERT, "Через час")).text
    assert "Через час" not in team.tg.render_transcript(OLGA)
