"""Meetings, recaps and estimates reach a subscribed endpoint, signed, with their own data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from tests.e2e.followups.conftest import Presses, move_to, take
from tests.e2e.followups.test_meetings import TUESDAY_10_MOSCOW, plan_meeting
from tests.e2e.integrations.receiver import Receiver
from tests.e2e.process.conftest import hears
from tests.e2e.process.estimating import EXPERT, IRA, ask, deliver, estimators
from tests.e2e.process.test_meeting_moves import THURSDAY_12, TUESDAY_10, planned

OLGA = 11


async def only(receiver: Receiver, event: str) -> dict[str, Any]:
    """The payload of the one delivery of ``event``, once it arrived and verified."""
    [attempt] = await receiver.wait_for_type(event)
    assert attempt.verified, f"{event} does not verify with the endpoint's secret"
    assert attempt.message_id.startswith("msg_")
    return attempt.payload


async def test_a_meeting_planned_held_and_its_recap_confirmed_reach_the_endpoint(
    hooked: Callable[..., Any],
) -> None:
    events = ["meeting.planned", "meeting.held", "recap.confirmed"]
    async with hooked(events=events) as (team, receiver):
        await team.expert(EXPERT, "Пётр")
        await team.expert(OLGA, "Ольга")
        number, meeting_id = await plan_meeting(team, EXPERT, with_colleague="Ольга")
        planned = await only(receiver, "meeting.planned")

        taps = Presses(team, EXPERT)
        await move_to(team, TUESDAY_10_MOSCOW + timedelta(hours=1))
        await taps.press(await taps.next("состоялась"), "записать итоги")
        held = await only(receiver, "meeting.held")

        await taps.next("Что обсудили")
        await taps.type("Пилот на двух объектах")
        who = await taps.type("Отправить КП")
        await taps.press(who, "Ольга")
        await taps.press(await taps.next("срок"), "Завтра 10:00")
        await taps.press(await taps.next("Шагов в итогах: 1"), "Это всё")
        await taps.press(await taps.next("Что ответил клиент"), "Подтвердил")
        confirmed = await only(receiver, "recap.confirmed")

    assert [a.payload["type"] for a in receiver.attempts] == events
    assert len({a.message_id for a in receiver.attempts}) == 3
    for payload in (planned, held, confirmed):
        assert payload["data"]["request"]["id"] == number
        assert payload["data"]["request"]["owner_id"] == EXPERT
        assert payload["data"]["meeting_id"] == meeting_id
        assert payload["data"]["actor_id"] == EXPERT
    assert planned["data"]["starts_at"] == TUESDAY_10_MOSCOW.isoformat()
    assert planned["timestamp"] == "2026-03-02T06:00:00Z"
    assert held["timestamp"] == "2026-03-03T08:00:00Z"


async def test_a_meeting_moved_and_then_cancelled_reaches_the_endpoint_with_both_times(
    hooked: Callable[..., Any],
) -> None:
    async with hooked(events=["meeting.rescheduled", "meeting.cancelled"]) as (team, receiver):
        number, meeting_id, saved = await planned(team)
        owner = Presses(team, EXPERT)
        await owner.press(saved, "Перенести")
        await owner.next("На когда")
        await owner.type("5.03.2026 12:00")
        moved = await only(receiver, "meeting.rescheduled")
        await owner.press(saved, "Отменить встречу")
        await owner.next("Почему отменяется")
        await owner.type("Клиент заболел")
        cancelled = await only(receiver, "meeting.cancelled")

    assert [a.payload["type"] for a in receiver.attempts] == [
        "meeting.rescheduled",
        "meeting.cancelled",
    ]
    for payload in (moved, cancelled):
        assert payload["data"]["request"]["id"] == number
        assert payload["data"]["meeting_id"] == meeting_id
        assert payload["data"]["actor_id"] == EXPERT
    assert moved["data"]["previous_starts_at"] == TUESDAY_10.isoformat()
    assert moved["data"]["starts_at"] == THURSDAY_12.isoformat()
    assert cancelled["data"]["reason"] == "Клиент заболел"


async def test_a_delivered_estimate_reaches_the_endpoint_with_its_summary_and_timeliness(
    hooked: Callable[..., Any],
) -> None:
    async with hooked(events=["estimate.delivered"]) as (team, receiver):
        await estimators(team)
        number = await team.request()
        brief = await take(team, EXPERT, number)
        await ask(team, brief, "Ира", "Внедрение 1С:ERP на две площадки")
        asked = await hears(team, IRA, "Нужна оценка")
        await team.tg.press(IRA, asked, asked.callback_data_of("Принять"))
        await deliver(team, IRA, asked, "1,2 млн ₽, 3 месяца")
        delivered = await only(receiver, "estimate.delivered")
        async with team.repo() as repo:
            (estimate,) = await repo.process.estimates_of(number)

    assert [a.payload["type"] for a in receiver.attempts] == ["estimate.delivered"]
    data = delivered["data"]
    assert data["request"]["id"] == number
    assert data["request"]["owner_id"] == EXPERT
    assert data["actor_id"] == IRA
    assert data["estimate_id"] == estimate.id
    assert data["on_time"] is True
    assert data["summary"] == "1,2 млн ₽, 3 месяца"
