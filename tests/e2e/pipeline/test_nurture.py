"""Deal life: an idle request goes to nurture, its owner is reminded, and it comes back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.services.followup_buttons import StepAct, StepAction
from emulator import EmMessage
from storage.models import Stage
from tests.conftest import TEAM_CHAT_ID
from tests.e2e.followups.conftest import Presses, steps_of, take
from tests.e2e.pipeline.conftest import hears
from tests.e2e.team.conftest import AUTHOR_ID, MONDAY_9AM, Team

EXPERT = 10
NURTURE_LABEL = "на прогреве"
TUESDAY_3AM_MOSCOW = datetime(2026, 3, 3, 0, 0, tzinfo=UTC)
"""03:00 on Tuesday in Moscow, 10:00 in Vladivostok."""


async def stage_of(team: Team, number: int) -> str:
    async with team.repo() as repo:
        request = await repo.requests.get(number)
        assert request is not None
        return request.stage


async def test_an_idle_request_goes_to_nurture_is_reminded_and_comes_back(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    card = team.card(number)
    await team.tg.press(EXPERT, card, card.callback_data_of("Беру"))
    await hears(team.tg, EXPERT, f"#{number}")
    await hears(team.tg, AUTHOR_ID, "Пётр")
    async with team.repo() as repo:
        await repo.requests.set_stage(number, Stage.PROPOSAL_SENT, team.clock.now())

    # Six days of silence are not enough; seven are (DEAL_LIFE_DAYS=7).
    team.clock.set(MONDAY_9AM + timedelta(days=6))
    await team.bot.app.pipeline_watch.check()
    assert await stage_of(team, number) == Stage.PROPOSAL_SENT
    team.clock.set(MONDAY_9AM + timedelta(days=7, minutes=1))
    moved = await hears(team.tg, EXPERT, "переведена в прогрев")
    assert f"#{number}" in moved.text
    assert "14 дней" in moved.text
    assert "прогрев" in (await hears(team.tg, AUTHOR_ID, f"#{number}")).text
    assert await stage_of(team, number) == Stage.NURTURE
    assert NURTURE_LABEL in team.card(number).text
    assert f"#{number}" in (await hears(team.tg, TEAM_CHAT_ID, "переведена в прогрев")).text

    # The cadence: a reminder every NURTURE_CADENCE_DAYS, with "Back to work".
    team.clock.advance(days=14)
    reminder = await hears(team.tg, EXPERT, "Напоминание о заявке")
    assert f"#{number}" in reminder.text
    answer = await team.tg.press(EXPERT, reminder, reminder.callback_data_of("Вернуть в работу"))
    assert answer is not None
    assert "снова в работе" in (answer.text or "")
    await team.settle(reminder, EXPERT)
    # Back to the stage it came from, not to the start.
    assert await stage_of(team, number) == Stage.PROPOSAL_SENT
    assert "снова в работе" in (await hears(team.tg, AUTHOR_ID, f"#{number}")).text
    events = await team.events(number)
    assert events[-3:] == ["request.nurtured", "request.nurture_reminded", "request.stage_changed"]

    # The next cadence reminder, planned before the press, is not sent any more.
    team.clock.advance(days=14, minutes=1)
    await team.bot.app.reminders.settled()
    assert team.tg.render_transcript(EXPERT).count("Напоминание о заявке") == 1


async def test_a_person_acting_on_the_request_keeps_it_out_of_nurture(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    card = team.card(number)
    await team.tg.press(EXPERT, card, card.callback_data_of("Беру"))
    await hears(team.tg, EXPERT, f"#{number}")
    team.clock.set(MONDAY_9AM + timedelta(days=4))
    async with team.repo() as repo:
        await repo.events.add(kind="request.note", actor_id=EXPERT, request_id=number)
    team.clock.set(MONDAY_9AM + timedelta(days=8))
    await team.bot.app.pipeline_watch.check()
    assert await stage_of(team, number) == Stage.TAKEN
    team.clock.set(MONDAY_9AM + timedelta(days=11, minutes=1))
    await team.bot.app.pipeline_watch.check()
    assert await stage_of(team, number) == Stage.NURTURE


async def test_a_move_to_nurture_at_night_is_told_to_each_in_their_own_working_hours(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    async with team.repo() as repo:
        await repo.users.set_time_zone(EXPERT, "Asia/Vladivostok")
    number = await team.request()
    card = team.card(number)
    await team.tg.press(EXPERT, card, card.callback_data_of("Беру"))
    await hears(team.tg, EXPERT, f"#{number}")
    # The owner's last move: 10:00 on Tuesday his time, 03:00 in Moscow.
    team.clock.set(TUESDAY_3AM_MOSCOW)
    async with team.repo() as repo:
        await repo.requests.set_stage(number, Stage.PROPOSAL_SENT, team.clock.now())

    # Seven days later, 03:00 in Moscow: the request goes to nurture at once, and only the
    # owner, in his working morning, hears of it now.
    team.clock.set(TUESDAY_3AM_MOSCOW + timedelta(days=7))
    await team.bot.app.pipeline_watch.check()
    await team.bot.app.reminders.settled()
    assert await stage_of(team, number) == Stage.NURTURE
    assert f"#{number}" in (await hears(team.tg, EXPERT, "переведена в прогрев")).text
    await team.bot.app.sender.drain_now()
    assert "прогрев" not in team.tg.render_transcript(AUTHOR_ID)
    assert "переведена в прогрев" not in team.tg.render_transcript(TEAM_CHAT_ID)

    # 09:00 in Moscow: the author and the group hear of it.
    team.clock.set(TUESDAY_3AM_MOSCOW + timedelta(days=7, hours=6))
    assert f"#{number}" in (await hears(team.tg, AUTHOR_ID, "прогрев")).text
    assert f"#{number}" in (await hears(team.tg, TEAM_CHAT_ID, "переведена в прогрев")).text
    assert team.tg.render_transcript(EXPERT).count("переведена в прогрев") == 1


async def test_a_meeting_planned_further_than_the_deal_life_keeps_the_request_out_of_nurture(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    taps = Presses(team, EXPERT)
    await taps.press(await take(team, EXPERT, number), "Запланировать встречу")
    await taps.next("Когда")
    await taps.press(await taps.type("16.03 11:00"), "60 мин")
    await taps.next("Где")
    await taps.press(await taps.type("Офис клиента"), "Готово")
    await taps.next("наша цель")
    await taps.type("Договориться о пилоте")
    await taps.press(await taps.type("Понять сроки и стоимость"), "Пётр")
    summary = await taps.next("Участники")
    await taps.press(summary, "Сохранить")
    assert await stage_of(team, number) == Stage.MEETING_PLANNED

    team.clock.set(MONDAY_9AM + timedelta(days=10))
    await team.bot.app.pipeline_watch.check()
    assert await stage_of(team, number) == Stage.MEETING_PLANNED
    # A deal life after the meeting with nothing done, it goes to nurture after all.
    team.clock.set(datetime(2026, 3, 16, 8, 0, tzinfo=UTC) + timedelta(days=7, minutes=1))
    await team.bot.app.pipeline_watch.check()
    assert await stage_of(team, number) == Stage.NURTURE


async def write_step(team: Team, brief: EmMessage, due: str) -> EmMessage:
    """The owner writes "call the client" by ``due`` from the brief; the confirmation."""
    taps = Presses(team, EXPERT)
    await taps.press(brief, "Следующий шаг")
    await taps.press(await taps.next("Какой следующий шаг"), "Позвонить клиенту")
    await taps.next("когда")
    saved = await taps.type(due)
    assert "сохранён" in saved.text, saved.text
    return saved


async def test_an_open_step_due_further_than_the_deal_life_keeps_the_request_out_of_nurture(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    await write_step(team, await take(team, EXPERT, number), "16.03 11:00")

    team.clock.set(MONDAY_9AM + timedelta(days=10))
    await team.bot.app.pipeline_watch.check()
    assert await stage_of(team, number) == Stage.TAKEN
    # A deal life after the deadline with nothing done, it goes to nurture after all.
    team.clock.set(datetime(2026, 3, 16, 8, 0, tzinfo=UTC) + timedelta(days=7, minutes=1))
    await team.bot.app.pipeline_watch.check()
    assert await stage_of(team, number) == Stage.NURTURE


async def test_a_step_done_before_its_deadline_no_longer_keeps_the_request_out_of_nurture(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    saved = await write_step(team, await take(team, EXPERT, number), "20.03 11:00")
    [step] = await steps_of(team, number)

    team.clock.set(MONDAY_9AM + timedelta(days=3))
    done = StepAct(step=step.id, act=StepAction.DONE).pack()  # the step reminder's button
    answer = await team.tg.press(EXPERT, saved, done)
    assert answer is not None
    assert "выполнен" in (answer.text or ""), answer.text
    await team.settle(saved, EXPERT)

    # The deal life counts from the step done, though its deadline is still ahead.
    team.clock.set(MONDAY_9AM + timedelta(days=9))
    await team.bot.app.pipeline_watch.check()
    assert await stage_of(team, number) == Stage.TAKEN
    team.clock.set(MONDAY_9AM + timedelta(days=10, minutes=1))
    await team.bot.app.pipeline_watch.check()
    assert await stage_of(team, number) == Stage.NURTURE
