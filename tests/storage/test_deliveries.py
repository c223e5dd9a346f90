"""Deliveries: planned with the change that caused them, claimed once by one of many workers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from domain.clock import ManualClock
from integrations.endpoints import Endpoint
from integrations.planner import CREATE_ON, DeliveryPlanner
from integrations.signing import new_secret
from scenarios.loader import load_scenarios
from storage.models import DeliveryStatus
from storage.repositories import NewAnswer, Repositories
from storage.repositories.deliveries import NewDelivery
from storage.repositories.events import add_event_sink
from tests.storage.fixtures import SessionFactory

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
AUTHOR = 100


def _endpoint(events: list[str]) -> Endpoint:
    return Endpoint(name="erp", url="http://127.0.0.1:9/", secrets=[new_secret()], events=events)


async def _request(repo: Repositories) -> int:
    await repo.users.upsert_from_telegram(
        user_id=AUTHOR, first_name="Анна", last_name=None, username=None, language_code="ru"
    )
    request = await repo.requests.create(
        scenario_id="it_erp",
        scenario_version=1,
        author_id=AUTHOR,
        answers=[NewAnswer("company_name", "Acme", "Acme")],
    )
    return request.id


async def test_an_event_plans_its_delivery_in_the_same_transaction_and_a_rollback_undoes_it(
    session_factory: SessionFactory,
) -> None:
    clock = ManualClock(START)
    woken: list[bool] = []
    add_event_sink(
        session_factory,
        DeliveryPlanner(
            endpoints={"erp": _endpoint(["request.created"])},
            clock=clock,
            notify=lambda: woken.append(True),
            scenarios=load_scenarios(),
            crms=frozenset(),
            create_on=CREATE_ON["submitted"],
        ),
    )
    async with session_factory() as session:
        repo = Repositories(session, clock=clock)
        number = await _request(repo)
        await repo.events.add(kind="request.submitted", actor_id=AUTHOR, request_id=number)
        await repo.events.add(kind="request.posted", actor_id=None, request_id=number)
        await session.rollback()
    assert woken == []
    async with session_factory() as session:
        repo = Repositories(session, clock=clock)
        assert await repo.deliveries.find() == []
        number = await _request(repo)
        await repo.events.add(kind="request.submitted", actor_id=AUTHOR, request_id=number)
        await session.commit()
    assert woken == [True]
    async with session_factory() as session:
        [planned] = await Repositories(session, clock=clock).deliveries.find()
    assert (planned.event, planned.endpoint, planned.request_id) == (
        "request.created",
        "erp",
        number,
    )
    assert planned.status == DeliveryStatus.PENDING.value
    assert planned.give_up_at == START + timedelta(hours=24)


async def test_two_workers_claiming_at_once_never_take_the_same_delivery(
    session_factory: SessionFactory,
) -> None:
    clock = ManualClock(START)
    async with session_factory() as session:
        await Repositories(session, clock=clock).deliveries.add_all(
            [
                NewDelivery(f"msg_{n}", "webhook", "erp", "request.taken", None, "{}")
                for n in range(40)
            ],
            give_up_after=timedelta(hours=24),
        )
        await session.commit()

    async def claim(owner: str) -> list[int]:
        async with session_factory() as session:
            claimed = await Repositories(session, clock=clock).deliveries.claim_due(
                owner=owner, now=START, lease=timedelta(minutes=2), limit=25
            )
            await session.commit()
        return [delivery.id for delivery in claimed]

    first, second = await asyncio.gather(claim("a"), claim("b"))
    assert not set(first) & set(second)
    rest = await claim("b")  # on PostgreSQL the loser of the race may have got nothing yet
    assert set(first) | set(second) | set(rest) == set(range(1, 41))
    assert not set(first) & set(rest)

    async with session_factory() as session:
        repo = Repositories(session, clock=clock)
        assert (
            await repo.deliveries.claim_due(
                owner="c", now=START + timedelta(minutes=1), lease=timedelta(minutes=2), limit=50
            )
            == []
        )
        # a worker killed mid-call: its rows go to another once the lease ran out
        taken = await repo.deliveries.claim_due(
            owner="c", now=START + timedelta(minutes=3), lease=timedelta(minutes=2), limit=50
        )
        assert len(taken) == 40
        assert {d.attempts for d in taken} == {2}
        owner, ids = ("a", first) if first else ("b", second)
        assert not await repo.deliveries.delivered(ids[0], owner=owner, now=START, status_code=200)
