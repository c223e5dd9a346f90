"""A receiver that is down: the admins are warned once, get one summary, can redeliver
everything at once, and hear when it is back; CRM pushes go the same way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from emulator import EmMessage
from storage.models import DeliveryStatus
from tests.conftest import ADMIN_ID
from tests.e2e.followups.conftest import next_to, take
from tests.e2e.integrations.conftest import deliveries_of
from tests.e2e.integrations.receiver import Receiver
from tests.e2e.team.conftest import MONDAY_9AM, Team

EXPERT = 10
SAM = 1001
"""A second admin, who reads English."""

DOWN_RU, DOWN_EN = "ничего не принимает", "has taken nothing"
GAVE_UP_RU, GAVE_UP_EN = "не доставлены за 24 часа", "gave up after 24 hours"
BACK_RU, BACK_EN = "снова принимает отправки", "takes deliveries again"
ONE_BY_ONE = "не доставлена:"
"""The notice of a single delivery, as every give-up used to be told."""


async def team_with_two_admins(team: Team) -> None:
    await team.person(SAM, "Sam", member=False, language_code="en")
    await team.expert(EXPERT, "Пётр")


async def taken_while_down(team: Team, receiver: Receiver, count: int) -> list[int]:
    """``count`` requests taken while the endpoint answers 503; their delivery ids."""
    receiver.otherwise = 503
    ids = []
    for index in range(count):
        number = await team.request()
        await take(team, EXPERT, number)
        await receiver.wait_for(index + 1)
        ids.extend(delivery.id for delivery in await deliveries_of(team, number))
    return ids


async def at(team: Team, moment: datetime) -> None:
    """Move the clock; every due attempt is made and whatever it told the admins sent."""
    team.clock.set(moment)
    await team.bot.app.deliveries.settled()
    await team.bot.app.sender.drain_now()


def said(team: Team, chat_id: int, words: str) -> list[str]:
    return [m.text for m in team.tg.bot_messages(chat_id) if words in m.text]


async def test_an_endpoint_down_for_an_hour_warns_each_admin_once_in_their_language(
    hooked: Callable[..., Any],
) -> None:
    admins = frozenset({ADMIN_ID, SAM})
    async with hooked(events=["request.taken"], admin_ids=admins) as (team, receiver):
        await team_with_two_admins(team)
        started = team.clock.now()
        await taken_while_down(team, receiver, 6)

        await at(team, started + timedelta(minutes=30))
        assert said(team, ADMIN_ID, DOWN_RU) == []

        await at(team, started + timedelta(hours=1))
        [warning] = said(team, ADMIN_ID, DOWN_RU)
        assert "erp" in warning
        assert "HTTP 503" in warning
        assert "Ждут отправки: 6" in warning
        [english] = said(team, SAM, DOWN_EN)
        assert "erp" in english
        assert "HTTP 503" in english
        assert "Waiting: 6" in english

        for hours in (6, 12, 23):
            await at(team, started + timedelta(hours=hours))
        assert len(said(team, ADMIN_ID, DOWN_RU)) == 1
        assert len(said(team, SAM, DOWN_EN)) == 1


async def test_a_receiver_down_and_back_in_the_night_is_told_in_the_admins_morning(
    hooked: Callable[..., Any],
) -> None:
    """One delivery in the outage: its own landing is what ends it."""
    async with hooked(events=["request.taken"]) as (team, receiver):
        await team.expert(EXPERT, "Пётр")
        evening = MONDAY_9AM + timedelta(hours=8, minutes=30)  # 17:30 in Moscow
        team.clock.set(evening)
        await taken_while_down(team, receiver, 1)

        await at(team, evening + timedelta(hours=1))  # down for an hour, after hours
        assert said(team, ADMIN_ID, DOWN_RU) == []
        receiver.otherwise = 200
        for hours in (3, 6, 10):  # back in the night
            await at(team, evening + timedelta(hours=hours))
        assert [a.status for a in await deliveries_of(team, 1)] == [DeliveryStatus.DELIVERED]
        assert said(team, ADMIN_ID, DOWN_RU) == said(team, ADMIN_ID, BACK_RU) == []

        await at(team, MONDAY_9AM + timedelta(days=1))  # 09:00 on Tuesday
        texts = [m.text for m in team.tg.bot_messages(ADMIN_ID)]
        [down] = [n for n, text in enumerate(texts) if DOWN_RU in text]
        [back] = [n for n, text in enumerate(texts) if BACK_RU in text]
        assert down < back
        assert "17:30" in texts[down]  # since when, in the morning as in the evening


async def test_deliveries_that_give_up_together_come_as_one_summary_not_one_message_each(
    hooked: Callable[..., Any],
) -> None:
    admins = frozenset({ADMIN_ID, SAM})
    async with hooked(events=["request.taken"], admin_ids=admins) as (team, receiver):
        await team_with_two_admins(team)
        started = team.clock.now()
        ids = await taken_while_down(team, receiver, 6)

        await at(team, started + timedelta(hours=25))
        async with team.repo() as repo:
            failed = await repo.deliveries.find(status=DeliveryStatus.FAILED)
        assert sorted(d.id for d in failed) == sorted(ids)
        assert said(team, ADMIN_ID, ONE_BY_ONE) == []
        [summary] = said(team, ADMIN_ID, GAVE_UP_RU)
        assert "erp: 6 отправок" in summary
        assert f"с #{min(ids)} по #{max(ids)}" in summary
        assert "HTTP 503" in summary
        [english] = said(team, SAM, GAVE_UP_EN)
        assert "erp: 6 deliveries" in english
        assert f"#{min(ids)} to #{max(ids)}" in english
        assert len(said(team, ADMIN_ID, DOWN_RU)) == 1  # warned first, once

        await at(team, started + timedelta(hours=30))
        assert len(said(team, ADMIN_ID, GAVE_UP_RU)) == 1


async def test_redeliver_all_sends_every_failed_delivery_of_the_endpoint_once_with_its_id(
    hooked: Callable[..., Any],
) -> None:
    async with hooked(events=["request.taken"]) as (team, receiver):
        await team.expert(EXPERT, "Пётр")
        started = team.clock.now()
        ids = await taken_while_down(team, receiver, 12)  # more than /webhooks lists
        await at(team, started + timedelta(hours=25))
        first_ids = {a.message_id for a in receiver.attempts}
        tried = len(receiver.attempts)
        receiver.otherwise = 200

        await team.tg.send_message(ADMIN_ID, "/webhooks")
        listing: EmMessage = await next_to(team, ADMIN_ID, "Отправки в другие системы")
        button = listing.callback_data_of("Отправить снова все 12 → erp")
        answer = await team.tg.press(ADMIN_ID, listing, button)
        assert answer is not None
        assert "12 отправок в erp снова в очереди" in (answer.text or "")
        again = await team.tg.press(ADMIN_ID, listing, button)  # a double press
        assert again is not None
        assert again.show_alert

        await team.bot.app.deliveries.settled()
        resent = (await receiver.wait_for(tried + 12))[tried:]
        assert sorted(a.message_id for a in resent) == sorted(first_ids)
        assert all(a.verified for a in resent)
        async with team.repo() as repo:
            landed = await repo.deliveries.find(status=DeliveryStatus.DELIVERED)
        assert sorted(d.id for d in landed) == sorted(ids)
        stale = await team.tg.press(ADMIN_ID, listing, button)
        assert stale is not None
        assert stale.show_alert
        await team.bot.app.deliveries.settled()
        assert len(receiver.attempts) == tried + 12


async def test_an_endpoint_back_after_a_warning_is_said_once_to_each_admin(
    hooked: Callable[..., Any],
) -> None:
    admins = frozenset({ADMIN_ID, SAM})
    async with hooked(events=["request.taken"], admin_ids=admins) as (team, receiver):
        await team_with_two_admins(team)
        started = team.clock.now()
        await taken_while_down(team, receiver, 2)
        await at(team, started + timedelta(hours=1))
        assert len(said(team, ADMIN_ID, DOWN_RU)) == 1
        assert said(team, ADMIN_ID, BACK_RU) == []

        receiver.otherwise = 200
        await at(team, started + timedelta(hours=3))
        [back] = said(team, ADMIN_ID, BACK_RU)
        assert "erp" in back
        assert "Недоставленных не осталось" in back
        [english] = said(team, SAM, BACK_EN)
        assert "erp" in english

        await take(team, EXPERT, await team.request())
        await at(team, started + timedelta(hours=4))
        assert len(said(team, ADMIN_ID, BACK_RU)) == 1
        assert len(said(team, ADMIN_ID, DOWN_RU)) == 1
