"""Three webhook instances on PostgreSQL and Redis behind a round-robin proxy: one bot."""

from __future__ import annotations

import asyncio
from collections import Counter
from itertools import cycle

import pytest
from sqlalchemy import select

from bench.load import Recorder
from bench.people import Budget, lead_person, stuck, take_requests
from emulator import TelegramEmulator
from storage.models import InboxUpdate, Request, UpdateStatus
from tests.e2e.cluster.conftest import TEAM_CHAT_ID, Cluster, seed_notes
from tests.e2e.cluster.instances import eventually, logs, replies_in_order
from tests.storage.fixtures import SessionFactory

LEADS = list(range(10_000, 10_006))
EXPERTS = [20_000, 20_001]
CROWD = list(range(30_000, 30_100))
PER_PERSON = 10
COMMANDS = ("/start", "/help")

# Real processes, a thousand messages at Telegram's pace: longer than the usual limit.
pytestmark = pytest.mark.timeout(300)


async def inbox_by_chat(sessions: SessionFactory) -> dict[int | None, list[InboxUpdate]]:
    async with sessions() as session:
        rows = (await session.scalars(select(InboxUpdate).order_by(InboxUpdate.update_id))).all()
    chats: dict[int | None, list[InboxUpdate]] = {}
    for row in rows:
        chats.setdefault(row.chat_key, []).append(row)
    return chats


async def test_three_instances_handle_each_update_once_in_order_and_stay_under_the_limits(
    tg: TelegramEmulator, cluster: Cluster, sessions: SessionFactory
) -> None:
    for user_id in LEADS + CROWD:
        tg.add_user(user_id, f"Гость {user_id}")
    for user_id in EXPERTS:
        tg.add_user(user_id, f"Эксперт {user_id}")
    tg.add_group(TEAM_CHAT_ID, "Пресейл", members=EXPERTS)
    notes = await seed_notes(sessions, LEADS, "seeded")
    instances = await cluster(3)

    # The benchmark's people fill in the form and submit; experts take the requests.
    recorder = Recorder(tg)
    stop, taken = asyncio.Event(), []
    experts = asyncio.create_task(take_requests(tg, EXPERTS, stop, taken))
    budget = Budget(recorder, len(LEADS))  # each starts one request, then stops
    await asyncio.gather(*(lead_person(tg, user_id, budget) for user_id in LEADS))
    assert not stuck, stuck
    try:
        await eventually(lambda: _all_taken(sessions), timeout=60, what="every request taken")
    except AssertionError as error:
        untaken = await _untaken(sessions)
        raise AssertionError(f"{error}: {untaken}\n{logs(instances)}") from None
    stop.set()
    await experts
    assert not stuck, stuck

    # A burst: a hundred people each send ten commands without waiting for answers.
    for number in range(PER_PERSON):
        for user_id in CROWD:
            await tg.send_message(user_id, COMMANDS[number % 2])
    await tg.wait_for(
        lambda: all(len(tg.bot_messages(u)) >= PER_PERSON for u in CROWD),
        timeout=90,
        what="every message of the burst answered",
    )
    await tg.wait_for(
        lambda: all(
            any(text in m.text for u in LEADS for m in tg.bot_messages(u)) for text in notes
        ),
        timeout=30,
        what="the seeded reminders and outbox messages",
    )

    assert tg.stats.too_many_requests == 0
    expected = [c for _, c in zip(range(PER_PERSON), cycle(COMMANDS), strict=False)]
    for user_id in CROWD:
        assert replies_in_order(tg, user_id) == expected, user_id
    sent = Counter(m.text for u in LEADS for m in tg.bot_messages(u))
    for text in notes:
        assert sum(n for t, n in sent.items() if text in t) == 1, text
    async with sessions() as session:
        requests = (await session.scalars(select(Request))).all()
    assert sorted(r.author_id for r in requests) == LEADS
    assert all(r.owner_id in EXPERTS for r in requests), [(r.id, r.owner_id) for r in requests]

    # A handler answers before it commits: the last updates may still be finishing.
    await eventually(lambda: _none_pending(sessions), timeout=30, what="every update marked done")
    chats = await inbox_by_chat(sessions)
    handled = [row for rows in chats.values() for row in rows]
    assert len(handled) == len(tg.world.updates)
    assert {row.status for row in handled} == {UpdateStatus.DONE.value}
    for rows in chats.values():  # each chat's updates were handled in the order they came
        finished = [row.handled_at for row in rows]
        assert finished == sorted(finished)
    assert all(i.alive() for i in instances), logs(instances)
    # SIGTERM: each stops taking posts, finishes what it took and exits cleanly.
    assert [await i.stop() for i in instances] == [0, 0, 0], logs(instances)


async def _all_taken(sessions: SessionFactory) -> bool:
    async with sessions() as session:
        requests = (await session.scalars(select(Request))).all()
    return len(requests) == len(LEADS) and all(r.owner_id is not None for r in requests)


async def _untaken(sessions: SessionFactory) -> list[tuple[int, int | None]]:
    """Requests nobody owns, with their card's message id, for a failing assertion."""
    async with sessions() as session:
        requests = (await session.scalars(select(Request).where(Request.owner_id.is_(None)))).all()
    return [(r.id, r.team_message_id) for r in requests]


async def _none_pending(sessions: SessionFactory) -> bool:
    async with sessions() as session:
        pending = await session.scalar(
            select(InboxUpdate.update_id).where(InboxUpdate.status == UpdateStatus.PENDING.value)
        )
    return pending is None
