"""A request closed while its estimate is open cancels it; the old buttons change nothing."""

from __future__ import annotations

from datetime import timedelta

from emulator import EmMessage
from storage.models import EstimateStatus
from tests.e2e.followups.conftest import Presses, move_to, take
from tests.e2e.process.conftest import MANAGER, Team, hears, last_event
from tests.e2e.process.estimating import (
    EXPERT,
    GLEB,
    IRA,
    TUESDAY_6PM,
    WEDNESDAY_9AM,
    accepted,
    ask,
    deliver,
    estimators,
    reminded,
    statuses,
)


async def lose(team: Team, brief: EmMessage) -> None:
    """As the owner: the request is lost to a competitor."""
    owner = Presses(team, EXPERT)
    await owner.press(brief, "Проиграна")
    await owner.press(await owner.next("Почему"), "конкурента")


async def test_a_lost_request_cancels_its_estimate_and_the_estimators_old_buttons_change_nothing(
    team: Team,
) -> None:
    await estimators(team)
    number = await team.request()
    brief = await take(team, EXPERT, number)
    await ask(team, brief, "Ира", "Интеграция со складом")
    request = await hears(team, IRA, "Нужна оценка")
    await lose(team, brief)

    told = await hears(team, IRA, "больше не нужна")
    assert f"#{number}" in told.text
    assert "заявка закрыта" in told.text
    for label in ("Принять", "Отказаться"):
        answer = await team.tg.press(IRA, request, request.callback_data_of(label))
        assert answer is not None
        assert "уже закрыта" in (answer.text or "")
    assert await statuses(team, number) == [EstimateStatus.CANCELLED]
    assert (await last_event(team, number, "estimate.cancelled"))["estimator_id"] == IRA
    async with team.repo() as repo:
        assert await repo.process.open_estimate_counts([IRA]) == {IRA: 0}

    for moment in (TUESDAY_6PM - timedelta(hours=4), TUESDAY_6PM, WEDNESDAY_9AM):
        await move_to(team, moment)
    await team.bot.app.sender.drain_now()
    assert [reminded(team, person) for person in (IRA, EXPERT, MANAGER)] == [[], [], []]
    told_again = [m for m in team.tg.bot_messages(IRA) if "больше не нужна" in m.text]
    assert len(told_again) == 1
    async with team.repo() as repo:
        kinds = [event.kind for event in await repo.events.for_request(number)]
    assert "estimate.overdue" not in kinds
    assert "estimate.accepted" not in kinds


async def test_deliver_and_rework_pressed_after_the_request_closed_say_so_and_change_nothing(
    team: Team,
) -> None:
    await estimators(team)
    number = await team.request()
    brief = await take(team, EXPERT, number)
    licences = await accepted(team, brief, "Глеб", GLEB, "Лицензии")
    await deliver(team, GLEB, licences, "500 тыс. ₽")
    delivered = await hears(team, EXPERT, "сдал(а) оценку")
    rollout = await accepted(team, brief, "Ира", IRA, "Внедрение")
    await team.settle(rollout, IRA)  # the brief shows "Deliver" by now
    await lose(team, brief)
    await hears(team, IRA, "больше не нужна")

    answer = await team.tg.press(IRA, rollout, rollout.callback_data_of("Сдать оценку"))
    assert answer is not None
    assert "уже закрыта" in (answer.text or "")
    assert "уже закрыта" in await Presses(team, EXPERT).press(delivered, "На доработку")
    assert await statuses(team, number) == [EstimateStatus.DELIVERED, EstimateStatus.CANCELLED]
    await team.bot.app.sender.drain_now()
    assert "Пришлите файл" not in team.tg.render_transcript(IRA)
    assert "Что доработать" not in team.tg.render_transcript(EXPERT)
