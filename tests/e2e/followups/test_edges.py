"""The edges: the recap in the request's language, a meeting that did not happen, buttons
pressed by the wrong person, and answers that are not answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.services.followup_buttons import StepPreset, StepWhat
from storage.models import MeetingStatus, RecapStatus, Role, Stage
from tests.conftest import ADMIN_ID
from tests.e2e.followups.conftest import Presses, Team, meeting, move_to, next_to, take
from tests.e2e.followups.test_meetings import TUESDAY_10_MOSCOW, plan_meeting

JOHN = 600


async def test_the_recap_for_the_client_is_in_the_requests_language(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    await team.person(JOHN, "John", roles=[Role.LEAD_GENERATOR], member=False, language_code="en")
    number = await team.request(author_id=JOHN)
    await plan_meeting(team, 10, with_colleague="Ольга", number=number)
    taps = Presses(team, 10)
    await move_to(team, TUESDAY_10_MOSCOW + timedelta(hours=1))
    await taps.press(await taps.next("состоялась"), "записать итоги")
    await taps.next("Что обсудили")
    await taps.type("Pilot on two sites")
    who = await taps.type("Send the proposal")
    await taps.press(who, "Ольга")
    await taps.press(await taps.next("срок"), "Завтра 10:00")
    await taps.press(await taps.next("Шагов"), "Это всё")
    recap = await taps.next("Hello")
    assert "Thank you for the meeting" in recap.text
    assert "1. Send the proposal — Ольга, by" in recap.text
    assert "Please confirm" in recap.text
    assert "Что ответил клиент" in (await taps.next("клиент")).text


async def test_a_meeting_that_did_not_happen_returns_the_request_to_work(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    number, meeting_id = await plan_meeting(team, 10, with_colleague="Ольга")
    taps = Presses(team, 10)
    await move_to(team, TUESDAY_10_MOSCOW + timedelta(hours=1))
    asked = await taps.next("состоялась")
    held = asked.callback_data_of("записать итоги")
    await taps.press(asked, "Не состоялась")
    assert "отменена" in asked.text
    late = await team.tg.press(10, asked, held)  # "held" from a stale copy of the question
    assert late is not None
    assert "уже ответили" in (late.text or "")
    assert (await meeting(team, meeting_id)).status == MeetingStatus.CANCELLED
    async with team.repo() as repo:
        request = await repo.requests.get(number)
        assert request is not None
        assert request.stage == Stage.TAKEN
    assert "записать итоги" not in str(asked.buttons)


async def test_not_held_pressed_after_held_says_it_was_answered_and_changes_nothing(
    team: Team,
) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    number, meeting_id = await plan_meeting(team, 10, with_colleague="Ольга")
    taps = Presses(team, 10)
    await move_to(team, TUESDAY_10_MOSCOW + timedelta(hours=1))
    asked = await taps.next("состоялась")
    not_held = asked.callback_data_of("Не состоялась")
    await taps.press(asked, "записать итоги")
    await taps.next("Что обсудили")
    late = await team.tg.press(10, asked, not_held)
    assert late is not None
    assert "уже ответили" in (late.text or "")
    await team.settle(asked, 10)
    assert "отменена" not in asked.text
    assert (await meeting(team, meeting_id)).status == MeetingStatus.HELD
    async with team.repo() as repo:
        request = await repo.requests.get(number)
        assert request is not None
        assert request.stage == Stage.MEETING_HELD
    assert "request.meeting_cancelled" not in await team.events(number)


async def test_the_end_question_of_a_meeting_moved_ahead_refuses_both_answers(
    team: Team,
) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    number, meeting_id = await plan_meeting(team, 10, with_colleague="Ольга")
    saved = next(m for m in reversed(team.tg.transcript(10)) if "запланирована" in m.text)
    taps = Presses(team, 10)
    await move_to(team, TUESDAY_10_MOSCOW + timedelta(hours=1))
    asked = await taps.next("состоялась")
    await taps.press(saved, "Перенести")
    await taps.next("На когда")
    assert "перенесена" in (await taps.type("10.03.2026 12:00")).text
    next_tuesday_noon = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)

    for label in ("записать итоги", "Не состоялась"):
        refused = await team.tg.press(10, asked, asked.callback_data_of(label))
        assert refused is not None
        assert refused.show_alert
        assert "ещё не началась" in (refused.text or ""), refused.text
        assert "10 мар. 2026" in (refused.text or "")
        assert "12:00" in (refused.text or "")
        await team.settle(asked, 10)
    moved = await meeting(team, meeting_id)
    assert (moved.status, moved.starts_at) == (MeetingStatus.PLANNED, next_tuesday_noon)
    async with team.repo() as repo:
        request = await repo.requests.get(number)
        assert request is not None
        assert request.stage == Stage.MEETING_PLANNED
    assert "Что обсудили" not in team.tg.render_transcript(10)


async def test_a_step_belongs_to_its_people_and_wrong_answers_are_asked_again(
    team: Team,
) -> None:
    await team.expert(10, "Пётр")
    await team.expert(12, "Чужой")
    number = await team.request()
    brief = await take(team, 10, number)
    taps = Presses(team, 10)
    stranger = await team.tg.press(12, brief, brief.callback_data_of("Следующий шаг"))
    assert stranger is not None
    assert stranger.show_alert
    await taps.press(brief, "Следующий шаг")
    what = await taps.next("следующий шаг")
    forged = StepWhat(request=number + 1, preset=StepPreset.CALL).pack()
    refused = await team.tg.press(10, what, forged)
    assert refused is not None
    assert refused.show_alert
    await team.tg.send_document(10, "spec.pdf", b"%PDF-1.4")
    assert "Напишите, что нужно сделать" in (await taps.next()).text
    assert "когда" in (await taps.type("Согласовать демо-стенд")).text
    assert "Не понял дату" in (await taps.type("когда-нибудь")).text
    assert "уже прошло" in (await taps.type("сегодня 08:00")).text
    saved = await taps.type("в среду 12:00")
    assert "сохранён" in saved.text
    assert "4 мар. 2026" in saved.text

    await move_to(team, datetime(2026, 3, 4, 9, 0, tzinfo=UTC))
    reminder = await taps.next("Пора")
    refused = await team.tg.press(12, reminder, reminder.callback_data_of("Сделано"))
    assert refused is not None
    assert refused.show_alert
    assert "выполнен" not in reminder.text
    done = reminder.callback_data_of("Сделано")
    await taps.press(reminder, "Сделано")
    assert "выполнен" in reminder.text
    assert reminder.buttons == []
    again = await team.tg.press(10, reminder, done)  # a second press, from a stale copy
    assert again is not None
    assert "уже закрыт" in (again.text or "")


async def test_no_answer_yet_chases_daily_and_with_no_manager_the_admins_hear_of_it(
    team: Team,
) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    await team.person(ADMIN_ID, "Ирина", member=False)
    _, meeting_id = await plan_meeting(team, 10, with_colleague="Ольга")
    taps = Presses(team, 10)
    await move_to(team, TUESDAY_10_MOSCOW + timedelta(hours=1))
    await taps.press(await taps.next("состоялась"), "записать итоги")
    await taps.next("Что обсудили")
    await taps.type("Сроки и бюджет")
    who = await taps.type("Прислать смету")
    await taps.press(who, "Пётр")
    await taps.press(await taps.next("срок"), "Завтра 16:00")
    await taps.press(await taps.next("Шагов"), "Это всё")
    ask = await taps.next("Что ответил клиент")
    await taps.press(ask, "Пока не ответил")
    assert "Напомню завтра" in ask.text
    stored = await meeting(team, meeting_id)
    assert stored.recap_status == RecapStatus.NO_ANSWER
    assert stored.recap_sent_at is not None
    for day in (1, 2):
        await move_to(team, stored.recap_sent_at + timedelta(days=day))
        chase = await taps.next("ещё не подтверждены")
        assert "пока не ответил" in chase.text
    assert not (await meeting(team, meeting_id)).successful
    escalated = await next_to(team, ADMIN_ID, "не подтверждены клиентом")
    assert "2 дн" in escalated.text
    assert "Пётр" in escalated.text


async def test_a_long_brief_in_a_meeting_reminder_stops_at_whole_answers(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    long_answers = {
        f"note_{index:02}": "<b>Очень</b> подробный ответ. " * 20 for index in range(20)
    }
    number = await team.request(answers=long_answers)
    await plan_meeting(team, 10, with_colleague="Ольга", number=number)
    await move_to(team, TUESDAY_10_MOSCOW - timedelta(days=1))
    reminder = await Presses(team, 10).next("Завтра встреча")
    assert len(reminder.text) < 4096
    assert reminder.text.endswith("остальное — в полном брифе по заявке.")
    assert "<b>Очень</b>" in reminder.text  # answers are shown as typed, never as markup
