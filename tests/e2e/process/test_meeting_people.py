"""Who comes to a planned meeting and who leads it, changed after it was planned."""

from __future__ import annotations

from datetime import timedelta

from emulator import EmMessage
from storage.models import MeetingStatus, ReminderStatus, Role
from tests.e2e.followups.conftest import Presses, meeting, move_to, reminders_of
from tests.e2e.pipeline.test_digest import in_zone
from tests.e2e.process.conftest import Team, hears, last_event
from tests.e2e.process.test_meeting_moves import EXPERT, OLGA, TUESDAY_10, planned
from tests.e2e.team.conftest import AUTHOR_ID
from tests.e2e.workspace.conftest import ask, labels

IVAN, DIRECTOR = 12, 30
BEFORE = {"meeting_day_before", "meeting_hour_before"}


async def edit_people(owner: Presses, saved: EmMessage, *names: str) -> EmMessage:
    """Open "Participants" under the meeting, tick or untick ``names``, press "Done"; the
    list's message, saved."""
    await owner.press(saved, "Участники")
    people = await owner.next("Кто идёт")
    for name in names:
        await owner.press(people, name)
    await owner.press(people, "Готово")
    return people


async def reminded(team: Team, number: int) -> set[int]:
    """Everyone a day-before or hour-before reminder of the request went out to."""
    return {
        r.recipient_id
        for r in await reminders_of(team, number)
        if r.kind in BEFORE and r.status == ReminderStatus.SENT
    }


async def test_people_added_and_removed_are_told_and_reminders_reach_only_those_left(
    team: Team,
) -> None:
    number, meeting_id, saved = await planned(team)  # Пётр's, Ольга leads
    await team.expert(IVAN, "Ivan", language_code="en")
    await in_zone(team, IVAN, "Asia/Yekaterinburg")
    await team.person(DIRECTOR, "Директор", roles=[Role.CLOSER], member=False)
    owner = Presses(team, EXPERT)

    # The closer and a colleague are invited from the meeting's own message.
    people = await edit_people(owner, saved, "Ivan", "Директор")
    assert "изменены" in people.text
    assert "Участники: Ivan, Директор, Ольга, Пётр" in people.text
    invited = await hears(team, IVAN, "invited")
    assert "Mar 3, 2026" in invited.text
    assert "12:00" in invited.text  # 10:00 in Moscow; his zone is two hours ahead
    assert "Led by: Ольга" in invited.text
    assert "🙅 I can't make it" in labels(invited)
    assert f"📄 Open request #{number}" in labels(invited)
    assert "10:00" in (await hears(team, DIRECTOR, "Вас пригласили")).text
    assert (await last_event(team, number, "request.meeting_participants_changed"))["added"] == [
        IVAN,
        DIRECTOR,
    ]

    # The closer is taken off again; the one leading cannot be until someone else leads.
    await owner.press(saved, "Участники")
    again = await owner.next("Кто идёт")
    assert "Ольга ведёт встречу" in await owner.press(again, "Ольга")
    await owner.press(again, "Директор")
    await owner.press(again, "Готово")
    assert "Участники: Ivan, Ольга, Пётр" in again.text
    assert "приходить не нужно" in (await hears(team, DIRECTOR, "больше не участник")).text

    await owner.press(saved, "Ведущий")
    await owner.press(await owner.next("Кто ведёт"), "Пётр")
    assert "теперь ведёт Пётр" in (await hears(team, OLGA, "теперь ведёт")).text
    assert "Пётр leads" in (await hears(team, IVAN, "leads")).text
    assert (await meeting(team, meeting_id)).moderator_id == EXPERT
    await edit_people(owner, saved, "Ольга")
    assert "больше не участник" in (await hears(team, OLGA, "больше не участник")).text

    # A day and an hour before: exactly the people on the list now.
    await move_to(team, TUESDAY_10 - timedelta(days=1))
    assert "Meeting tomorrow" in (await hears(team, IVAN, "Meeting tomorrow")).text
    await move_to(team, TUESDAY_10 - timedelta(hours=1))
    assert "Meeting in an hour" in (await hears(team, IVAN, "Meeting in an hour")).text
    assert await reminded(team, number) == {EXPERT, IVAN}
    assert "Завтра встреча" not in team.tg.render_transcript(OLGA)
    assert "Завтра встреча" not in team.tg.render_transcript(DIRECTOR)


async def test_a_person_taken_off_and_invited_again_is_reminded_again(team: Team) -> None:
    number, _, saved = await planned(team)
    await team.expert(IVAN, "Иван")
    owner = Presses(team, EXPERT)
    await edit_people(owner, saved, "Иван")
    await edit_people(owner, saved, "Иван")
    people = await edit_people(owner, saved, "Иван")
    assert "Участники: Иван, Ольга, Пётр" in people.text
    await move_to(team, TUESDAY_10 - timedelta(hours=1))
    assert await reminded(team, number) == {EXPERT, OLGA, IVAN}


async def test_the_moderator_is_chosen_among_the_participants_and_everyone_is_told(
    team: Team,
) -> None:
    number, meeting_id, saved = await planned(team)
    await team.expert(IVAN, "Иван")
    owner = Presses(team, EXPERT)
    panel = await ask(team, EXPERT, f"/r {number}", f"#{number}")  # the request's panel
    await owner.press(panel, "Изменить встречу")
    await owner.press(await owner.next("Что изменить"), "Ведущий")
    choice = await owner.next("Кто ведёт")
    assert "Сейчас ведёт Ольга" in choice.text
    assert labels(choice) == ["Пётр", "✅ Ольга"]
    await owner.press(choice, "Пётр")
    assert "ведёт Пётр" in choice.text
    assert (await meeting(team, meeting_id)).moderator_id == EXPERT
    assert (await last_event(team, number, "request.meeting_moderator_changed")) == {
        "meeting": meeting_id,
        "from": OLGA,
        "to": EXPERT,
    }
    assert "Пётр" in (await hears(team, OLGA, "теперь ведёт")).text

    # Whoever is no longer on the list cannot be made to lead.
    await owner.press(saved, "Ведущий")
    stale = await owner.next("Кто ведёт")
    await edit_people(owner, saved, "Ольга")
    assert "больше не участник" in await owner.press(stale, "Ольга")
    assert (await meeting(team, meeting_id)).moderator_id == EXPERT


async def test_a_list_opened_before_the_meeting_was_cancelled_says_so_and_shows_the_request(
    team: Team,
) -> None:
    number, meeting_id, saved = await planned(team)
    await team.expert(IVAN, "Иван")
    owner = Presses(team, EXPERT)
    await owner.press(saved, "Участники")
    people = await owner.next("Кто идёт")
    forged = await team.tg.press(EXPERT, people, f"mi:{meeting_id}:{AUTHOR_ID}")
    assert forged is not None
    assert "устарела" in (forged.text or "")  # the author is no team member
    await owner.press(saved, "Отменить встречу")
    await owner.next("Почему отменяется")
    await owner.type("Клиент заболел")

    popup = await owner.press(people, "Иван")
    assert "уже не запланирована: её отменили" in popup
    assert f"#{number}" in people.text
    assert "🗓 Запланировать встречу" in labels(people)  # the request's panel now
    assert "Иван" not in str(people.buttons)
    assert await owner.press(saved, "Ведущий") == popup
    assert "🗓 Запланировать встречу" in labels(saved)
    assert IVAN not in [r.recipient_id for r in await reminders_of(team, number)]
    assert (await meeting(team, meeting_id)).status == MeetingStatus.CANCELLED


async def test_a_reminder_goes_only_to_someone_still_on_the_list_when_it_falls_due(
    team: Team,
) -> None:
    number, meeting_id, _ = await planned(team)
    async with team.repo() as repo:  # taken off the list with the reminders still planned
        await repo.followups.change_participants(meeting_id, add=[], remove=[OLGA])
    await move_to(team, TUESDAY_10 - timedelta(days=1))
    assert "Завтра встреча" in (await hears(team, EXPERT, "Завтра встреча")).text
    assert await reminded(team, number) == {EXPERT}
    assert "Завтра встреча" not in team.tg.render_transcript(OLGA)


async def test_a_change_pressed_after_the_meeting_was_held_says_it_took_place(team: Team) -> None:
    number, meeting_id, saved = await planned(team)
    async with team.repo() as repo:
        assert await repo.followups.mark_held(meeting_id)
    owner = Presses(team, EXPERT)
    assert "уже не запланирована: она уже состоялась" in await owner.press(saved, "Участники")
    assert f"#{number}" in saved.text
    assert "👥 Участники" not in labels(saved)
