"""Stage rules: the buttons that used to skip a record lead into it; a manager overrides."""

from __future__ import annotations

from datetime import timedelta

from bot.services.buttons import StageButton
from storage.models import MeetingStatus, Stage
from tests.e2e.followups.conftest import Presses, meeting, move_to, take
from tests.e2e.followups.test_meetings import TUESDAY_10_MOSCOW, plan_meeting
from tests.e2e.process.conftest import (
    EXPERT,
    MANAGER,
    Team,
    hears,
    last_event,
    request_with_petr_and_the_boss,
    stage_of,
    steer,
)
from tests.e2e.team.conftest import AUTHOR_ID


async def test_every_stage_button_that_skipped_a_record_now_leads_into_it(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.expert(11, "Ольга")
    number = await team.request()
    panel = await take(team, EXPERT, number)
    taps = Presses(team, EXPERT)

    # "Meeting planned" opens the planner instead of moving the stage.
    await taps.press(panel, "Встреча назначена")
    assert "Когда" in (await taps.next("#")).text
    assert await stage_of(team, number) == Stage.TAKEN

    number, meeting_id = await plan_meeting(
        team, EXPERT, with_colleague="Ольга", number=number, brief=panel
    )
    # Once it has begun, "Meeting held" asks whether it took place; only "yes" moves on.
    await move_to(team, TUESDAY_10_MOSCOW + timedelta(minutes=30))
    await team.settle(panel, EXPERT)
    await taps.press(panel, "Встреча проведена")
    question = await taps.next("состоялась")
    assert await stage_of(team, number) == Stage.MEETING_PLANNED
    await taps.press(question, "Да, записать итоги")
    assert "Что обсудили" in (await taps.next("Итоги встречи")).text
    assert await stage_of(team, number) == Stage.MEETING_HELD
    assert (await last_event(team, number, "request.stage_changed"))["to"] == "meeting_held"
    assert (await last_event(team, number, "request.meeting_held"))["meeting"] == meeting_id

    # "Recap confirmed" before the recap went to the client: nothing to confirm yet.
    await team.settle(panel, EXPERT)
    await taps.press(panel, "Итоги согласованы")
    assert "нет итогов" in (await taps.next("#")).text
    assert await stage_of(team, number) == Stage.MEETING_HELD
    # A forged press straight to a recorded stage moves nothing either.
    await team.tg.press(
        EXPERT, panel, StageButton(request=number, to=Stage.RECAP_CONFIRMED).pack()
    )
    await team.settle(panel, EXPERT)
    assert await stage_of(team, number) == Stage.MEETING_HELD


async def test_meeting_held_on_the_panel_is_refused_before_the_meeting_begins(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.expert(11, "Ольга")
    number = await team.request()
    panel = await take(team, EXPERT, number)
    number, meeting_id = await plan_meeting(
        team, EXPERT, with_colleague="Ольга", number=number, brief=panel
    )
    async with team.repo() as repo:  # the owner travels: 10:00 in Moscow is 12:00 for them
        await repo.users.set_time_zone(EXPERT, "Asia/Yekaterinburg")
    taps = Presses(team, EXPERT)
    await team.settle(panel, EXPERT)
    await taps.press(panel, "Встреча проведена")
    refused = await taps.next(f"#{number}")
    assert "ещё не началась" in refused.text, refused.text
    assert "3 мар. 2026" in refused.text
    assert "12:00" in refused.text
    assert refused.buttons == []
    assert await stage_of(team, number) == Stage.MEETING_PLANNED
    assert (await meeting(team, meeting_id)).status == MeetingStatus.PLANNED
    assert "request.meeting_held" not in await team.events(number)


async def test_a_manager_overrides_the_rules_with_a_reason_kept_in_the_history(
    team: Team,
) -> None:
    number = await request_with_petr_and_the_boss(team)
    await take(team, EXPERT, number)
    await hears(team, AUTHOR_ID, "взял(а)")

    moves = await steer(team, number)
    # The same button pressed by somebody else is refused.
    refused = await team.tg.press(EXPERT, moves, moves.callback_data_of("Сменить этап"))
    assert refused is not None
    assert "руководители" in (refused.text or "")
    boss = Presses(team, MANAGER)
    await boss.press(moves, "Сменить этап")
    stages = await boss.next("На какой этап")
    await boss.press(stages, "итоги согласованы")
    warning = await boss.next("обходит правила")
    assert "отдельно" in warning.text
    done = await boss.type("Клиент подтвердил итоги по телефону")
    assert "итоги согласованы" in done.text
    assert await stage_of(team, number) == Stage.RECAP_CONFIRMED
    event = await last_event(team, number, "request.stage_changed")
    assert event == {
        "from": "taken",
        "to": "recap_confirmed",
        "reason": "Клиент подтвердил итоги по телефону",
        "override": True,
    }
    told = await hears(team, AUTHOR_ID, f"#{number}")
    assert "Менеджер перевёл" in told.text
    assert "по телефону" in told.text
    owner_told = await hears(team, EXPERT, "Босс перевёл")
    assert "по телефону" in owner_told.text


async def test_a_manager_moves_a_stage_for_an_owner_who_is_away(team: Team) -> None:
    number = await request_with_petr_and_the_boss(team)
    await take(team, EXPERT, number)
    boss = Presses(team, MANAGER)
    await boss.press(await steer(team, number), "Сменить этап")
    await boss.press(await boss.next("На какой этап"), "КП отправлено")
    assert "владелец и автор" in (await boss.next("перейдёт")).text
    await boss.type("Пётр в отпуске, КП ушло от меня")
    assert await stage_of(team, number) == Stage.PROPOSAL_SENT
    event = await last_event(team, number, "request.stage_changed")
    assert "override" not in event
    assert event["reason"] == "Пётр в отпуске, КП ушло от меня"
    assert "в отпуске" in (await hears(team, AUTHOR_ID, "Менеджер перевёл")).text


async def test_a_stage_list_outgrown_meanwhile_says_so_and_becomes_the_fresh_panel(
    team: Team,
) -> None:
    number = await request_with_petr_and_the_boss(team)
    brief = await take(team, EXPERT, number)
    boss = Presses(team, MANAGER)
    await boss.press(await steer(team, number), "Сменить этап")
    stages = await boss.next("На какой этап")
    owner = Presses(team, EXPERT)
    await owner.press(brief, "КП отправлено")
    await owner.press(brief, "Выиграна")

    answer = await team.tg.press(MANAGER, stages, stages.callback_data_of("КП отправлено"))
    assert answer is not None
    assert "больше не подходит" in (answer.text or "")
    await team.settle(stages, MANAGER)
    assert "Переоткрыть" in str(stages.buttons)  # what a won request offers now
    assert await stage_of(team, number) == Stage.WON


async def test_a_reason_typed_after_the_request_was_released_moves_nothing_and_shows_the_panel(
    team: Team,
) -> None:
    number = await request_with_petr_and_the_boss(team)
    brief = await take(team, EXPERT, number)
    boss = Presses(team, MANAGER)
    await boss.press(await steer(team, number), "Сменить этап")
    await boss.press(await boss.next("На какой этап"), "КП отправлено")
    await boss.next("перейдёт")
    await Presses(team, EXPERT).press(brief, "Вернуть в очередь")

    refused = await boss.type("Пётр в отпуске, КП ушло от меня")
    assert "больше не подходит" in refused.text
    assert "новая" in refused.text
    panel = await boss.next(f"#{number}")
    assert "Закрыть как мусор" in str(panel.buttons)
    assert await stage_of(team, number) == Stage.NEW
