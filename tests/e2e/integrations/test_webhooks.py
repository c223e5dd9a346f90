"""Signed webhooks: what reaches an endpoint, how failures are retried, what admins see."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from emulator import EmMessage
from examples.webhook_receiver import InvalidSignatureError, verify
from handlers.webhooks import Redeliver
from integrations.signing import new_secret
from storage.models import DeliveryStatus
from tests.conftest import ADMIN_ID
from tests.e2e.followups.conftest import move_to, next_to, take
from tests.e2e.followups.test_next_steps import TUESDAY_16_MOSCOW, plan_call_tomorrow
from tests.e2e.intake.flow import fill, open_form, scenario, submit
from tests.e2e.integrations.conftest import deliveries_of, delivery_counts, retry_now
from tests.e2e.integrations.receiver import TIMEOUT
from tests.harness import Person

EXPERT = 10


async def test_a_submitted_request_arrives_signed_and_the_receiver_example_verifies_it(
    hooked: Callable[..., Any],
) -> None:
    async with hooked(events=["request.created"]) as (team, receiver):
        author = Person(team.tg, 600)
        team.tg.add_user(600, "Сергей", language_code="ru")
        summary, _ = await fill(
            author, scenario("it_erp"), "ru", await open_form(author, "it_erp")
        )
        number = await submit(author, summary)

        [attempt] = await receiver.wait_for(1)
        assert attempt.verified
        assert attempt.message_id.startswith("msg_")
        assert attempt.timestamp == int(team.clock.now().timestamp())
        payload = attempt.payload
        assert payload["type"] == "request.created"
        request = payload["data"]["request"]
        assert request["id"] == number
        assert request["form"] == "it_erp"
        assert request["stage"] == "new"
        assert request["answers"]["company_name"] == "ООО «Ромашка»"
        assert payload["data"]["actor_id"] == 600

        await team.expert(EXPERT, "Пётр")
        await team.posted_card(number)
        await take(team, EXPERT, number)
        delivered = await deliveries_of(team, number)
        assert [(d.event, d.status) for d in delivered] == [("request.created", "delivered")]
        assert len(receiver.attempts) == 1  # the endpoint did not ask for request.taken


async def test_an_endpoint_that_wants_everything_hears_take_stage_and_reassignment(
    hooked: Callable[..., Any],
) -> None:
    async with hooked(events=["*"]) as (team, receiver):
        await team.expert(EXPERT, "Пётр")
        await team.expert(11, "Иван", username="ivan")
        number = await team.request()
        brief = await take(team, EXPERT, number)
        await team.tg.press(EXPERT, brief, brief.callback_data_of("КП отправлено"))
        await team.settle(brief, EXPERT)
        await team.tg.send_message(ADMIN_ID, f"/assign {number} @ivan")
        await team.tg.next_bot_message(ADMIN_ID)

        attempts = await receiver.wait_for(3)
        assert all(a.verified for a in attempts)
        assert len({a.message_id for a in attempts}) == 3
        taken, moved, reassigned = (a.payload for a in attempts)
        assert taken["type"] == "request.taken"
        assert taken["data"]["request"]["owner_id"] == EXPERT
        assert moved["type"] == "request.stage_changed"
        assert moved["data"]["previous_stage"] == "taken"
        assert moved["data"]["new_stage"] == "proposal_sent"
        assert reassigned["type"] == "request.reassigned"
        assert reassigned["data"]["previous_owner_id"] == EXPERT
        assert reassigned["data"]["new_owner_id"] == 11
        assert reassigned["data"]["by"] == "manager"


async def test_a_500_and_a_timeout_are_retried_with_the_same_id_until_delivered(
    hooked: Callable[..., Any],
) -> None:
    async with hooked(events=["request.taken"], script=[500, TIMEOUT, 200]) as (team, receiver):
        await team.expert(EXPERT, "Пётр")
        number = await team.request()
        await take(team, EXPERT, number)
        await receiver.wait_for(1)
        [delivery] = await deliveries_of(team, number)
        assert delivery.status == DeliveryStatus.PENDING.value
        assert delivery.last_error == "HTTP 500"
        assert delivery.next_attempt_at > team.clock.now()

        await retry_now(team, delivery)
        [delivery] = await deliveries_of(team, number)
        assert delivery.last_error == "timed out"
        assert delivery.status == DeliveryStatus.PENDING.value

        await retry_now(team, delivery)
        attempts = await receiver.wait_for(3)
        [delivery] = await deliveries_of(team, number)
        assert delivery.status == DeliveryStatus.DELIVERED.value
        assert delivery.attempts == 3
        assert [a.answered for a in attempts] == [500, TIMEOUT, 200]
        assert len({a.message_id for a in attempts}) == 1
        assert len({a.body for a in attempts}) == 1
        assert len({a.timestamp for a in attempts}) == 3  # each attempt signed anew
        assert all(a.verified for a in attempts)


async def test_retries_stop_a_day_after_the_event_and_the_delivery_is_failed(
    hooked: Callable[..., Any],
) -> None:
    async with hooked(events=["request.taken"], script=[503, 503, 503]) as (team, receiver):
        await team.expert(EXPERT, "Пётр")
        number = await team.request()
        started = team.clock.now()
        await take(team, EXPERT, number)
        await receiver.wait_for(1)
        [delivery] = await deliveries_of(team, number)
        assert delivery.give_up_at == started + timedelta(hours=24)

        team.clock.set(started + timedelta(hours=24, seconds=-10))
        await team.bot.app.deliveries.settled()
        [delivery] = await deliveries_of(team, number)
        assert delivery.status == DeliveryStatus.FAILED.value
        assert delivery.attempts == 2
        team.clock.advance(hours=1)
        await team.bot.app.deliveries.settled()
        assert [a.answered for a in receiver.attempts] == [503, 503]
        assert len({a.message_id for a in receiver.attempts}) == 1


async def test_a_400_is_not_retried_and_an_admin_redelivers_it_with_the_same_id(
    hooked: Callable[..., Any],
) -> None:
    async with hooked(events=["request.taken"], script=[400]) as (team, receiver):
        await team.expert(EXPERT, "Пётр")
        number = await team.request()
        await take(team, EXPERT, number)
        await receiver.wait_for(1)
        [delivery] = await deliveries_of(team, number)
        assert delivery.status == DeliveryStatus.FAILED.value
        assert delivery.last_status == 400

        notice = await team.tg.wait_for(
            lambda: [m for m in team.tg.transcript(ADMIN_ID) if "/webhooks" in m.text],
            what="the admin's notice",
        )
        assert f"#{delivery.id}" in notice[0].text
        assert "HTTP 400" in notice[0].text
        team.clock.advance(hours=48)
        await team.bot.app.deliveries.settled()
        assert len(receiver.attempts) == 1

        await team.tg.send_message(ADMIN_ID, "/webhooks")
        listing: EmMessage = await next_to(team, ADMIN_ID, "Отправки в другие системы")
        assert "не доставлено: 1" in listing.text
        assert "request.taken → erp" in listing.text
        answer = await team.tg.press(
            ADMIN_ID, listing, listing.callback_data_of(f"#{delivery.id}")
        )
        assert answer is not None
        assert f"#{delivery.id}" in (answer.text or "")

        attempts = await receiver.wait_for(2)
        assert attempts[1].message_id == attempts[0].message_id
        assert attempts[1].body == attempts[0].body
        assert attempts[1].verified
        [delivery] = await deliveries_of(team, number)
        assert delivery.status == DeliveryStatus.DELIVERED.value
        assert "Недоставленных нет" in listing.text

        stale = Redeliver(delivery=delivery.id).pack()
        again = await team.tg.press(ADMIN_ID, listing, stale)
        assert again is not None
        assert again.show_alert


async def test_during_a_rotation_each_secret_alone_verifies_the_delivery(
    hooked: Callable[..., Any],
) -> None:
    old, new = new_secret(), new_secret()
    async with hooked(events=["request.taken"], secrets=[old, new]) as (team, receiver):
        await team.expert(EXPERT, "Пётр")
        await take(team, EXPERT, await team.request())
        [attempt] = await receiver.wait_for(1)
    headers = {
        "webhook-id": attempt.message_id,
        "webhook-timestamp": str(attempt.timestamp),
        "webhook-signature": attempt.signature,
    }
    assert attempt.signature.count("v1,") == 2
    verify([new], headers, attempt.body, now=attempt.timestamp)
    verify([old], headers, attempt.body, now=attempt.timestamp)
    with pytest.raises(InvalidSignatureError):
        verify([new_secret()], headers, attempt.body, now=attempt.timestamp)


async def test_a_stranger_cannot_list_or_redeliver(hooked: Callable[..., Any]) -> None:
    async with hooked(events=["request.taken"]) as (team, _):
        await team.expert(EXPERT, "Пётр")
        await team.tg.send_message(EXPERT, "/webhooks")
        assert "администратор" in (await team.tg.next_bot_message(EXPERT)).text


async def test_an_overdue_step_reaches_the_endpoint_with_its_step(
    hooked: Callable[..., Any],
) -> None:
    async with hooked(events=["step.overdue"]) as (team, receiver):
        await team.expert(EXPERT, "Пётр")
        number, _ = await plan_call_tomorrow(team, EXPERT)
        await move_to(team, TUESDAY_16_MOSCOW)
        await team.bot.app.deliveries.settled()
        assert receiver.attempts == []  # due is not overdue yet
        await move_to(team, TUESDAY_16_MOSCOW + timedelta(hours=1))
        [attempt] = await receiver.wait_for(1)
    assert attempt.verified
    payload = attempt.payload
    assert payload["type"] == "step.overdue"
    assert payload["data"]["request"]["id"] == number
    assert payload["data"]["text"] == "📞 Позвонить клиенту"
    assert payload["data"]["assignee_id"] == EXPERT
    assert payload["data"]["due_at"] == "2026-03-03T13:00:00+00:00"


async def test_metrics_count_each_attempt_delivered_retried_refused_and_given_up(
    hooked: Callable[..., Any],
) -> None:
    async with hooked(events=["request.taken"], script=[200, 500, 400, 503]) as (team, receiver):
        assert await delivery_counts(team) == {
            ("webhook", result): 0 for result in ("delivered", "retry", "failed", "gave_up")
        }
        await team.expert(EXPERT, "Пётр")
        started = team.clock.now()
        numbers = [await team.request() for _ in range(3)]
        for count, number in enumerate(numbers, start=1):
            await take(team, EXPERT, number)
            await receiver.wait_for(count)
            await deliveries_of(team, number)  # its attempt is recorded
        team.clock.set(started + timedelta(hours=24, seconds=-10))  # the 500's last chance
        await team.bot.app.deliveries.settled()
        assert [a.answered for a in await receiver.wait_for(4)] == [200, 500, 400, 503]
        statuses = [d.status for n in numbers for d in await deliveries_of(team, n)]
        assert statuses == ["delivered", "failed", "failed"]

        counts = await delivery_counts(team)
    assert counts == {
        ("webhook", "delivered"): 1,
        ("webhook", "retry"): 1,
        ("webhook", "failed"): 1,
        ("webhook", "gave_up"): 1,
    }
