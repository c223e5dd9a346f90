"""An instance killed with -9 mid-run: the others finish its chats, take over its jobs and
send what it had in flight."""

from __future__ import annotations

from collections import Counter
from itertools import cycle

import pytest
from redis.asyncio import Redis
from sqlalchemy import select

from emulator import TelegramEmulator
from storage.models import InboxUpdate, Lease, OutboxMessage, Reminder, UpdateStatus
from storage.repositories import Repositories
from tests.e2e.cluster.conftest import Cluster, seed_notes
from tests.e2e.cluster.instances import Instance, eventually, logs, replies_in_order
from tests.storage.fixtures import REDIS_URL, SessionFactory

CROWD = list(range(40_000, 40_030))
PER_PERSON = 6
COMMANDS = ("/start", "/help")
JOBS = {"claim_limits", "pipeline", "draft_reminders", "inbox_prune", "dead_instances"}
CALLER = 41_000

# Three real processes started, one killed, its work waited for: past the usual limit.
pytestmark = pytest.mark.timeout(300)


async def job_holders(sessions: SessionFactory) -> dict[str, str]:
    async with sessions() as session:
        return {lease.name: lease.owner for lease in await session.scalars(select(Lease))}


def owned_by(instance: Instance, owner: str) -> bool:
    return f"-{instance.pid}-" in owner


async def turns_held(prefix: str, instance: Instance) -> set[int]:
    """The chats whose turn the instance holds in Redis right now."""
    client = Redis.from_url(REDIS_URL, decode_responses=True)
    try:
        held = set()
        async for key in client.scan_iter(match=f"{prefix}:turn:*"):
            owner = await client.get(key)
            if owner is not None and owned_by(instance, owner):
                held.add(int(key.rsplit(":", 1)[1]))
        return held
    finally:
        await client.aclose()


def answered(tg: TelegramEmulator, user_id: int) -> list[str]:
    """The commands the bot's messages answered, in order, a repeated answer counted once.

    An update whose handler had sent its answer when its instance was killed is handled
    again by another instance (it was never marked done), so its answer may come twice.
    """
    seen: list[str] = []
    for command in replies_in_order(tg, user_id):
        if not seen or seen[-1] != command:
            seen.append(command)
    return seen


async def test_an_instance_killed_with_9_leaves_its_chats_and_jobs_to_the_others(
    tg: TelegramEmulator, cluster: Cluster, sessions: SessionFactory, redis_prefix: str
) -> None:
    for user_id in CROWD:
        tg.add_user(user_id, f"Гость {user_id}")
    notes = await seed_notes(sessions, CROWD, "before the crash")
    instances = await cluster(3)
    await eventually(lambda: _all_jobs_held(sessions), timeout=20, what="every job leased")
    holders = await job_holders(sessions)
    [victim] = [i for i in instances if owned_by(i, holders["claim_limits"])]
    survivors = [i for i in instances if i is not victim]

    for number in range(PER_PERSON):
        for user_id in CROWD:
            await tg.send_message(user_id, COMMANDS[number % 2])
    await tg.wait_for(
        lambda: sum(len(tg.bot_messages(u)) for u in CROWD) >= len(CROWD) * 2,
        timeout=60,
        what="the burst under way",
    )
    held = await turns_held(redis_prefix, victim)
    await victim.kill()

    expected = [c for _, c in zip(range(PER_PERSON), cycle(COMMANDS), strict=False)]
    await tg.wait_for(
        lambda: all(answered(tg, u) == expected for u in CROWD),
        timeout=60,
        what="every chat answered to the end, in order",
    )
    await eventually(lambda: _jobs_moved(sessions, survivors), timeout=20, what="jobs taken over")
    # A handler answers before it commits: the last updates may still be finishing.
    await eventually(lambda: _none_pending(sessions), timeout=30, what="every update marked done")
    async with sessions() as session:
        inbox = (await session.scalars(select(InboxUpdate))).all()
        reminders = (await session.scalars(select(Reminder).where(Reminder.kind == "note"))).all()
    assert {row.status for row in inbox} == {UpdateStatus.DONE.value}
    assert all(row.chat_key not in held or row.status == UpdateStatus.DONE.value for row in inbox)
    assert {r.status for r in reminders} == {"sent"}
    assert len({r.outbox_id for r in reminders}) == len(reminders)
    delivered = Counter(m.text for u in CROWD for m in tg.bot_messages(u))
    for text in notes:
        assert sum(n for t, n in delivered.items() if text in t) <= 1, text
    assert tg.stats.too_many_requests == 0
    assert all(i.alive() for i in survivors), logs(survivors)


async def _all_jobs_held(sessions: SessionFactory) -> bool:
    return set(await job_holders(sessions)) >= JOBS


async def _jobs_moved(sessions: SessionFactory, survivors: list[Instance]) -> bool:
    holders = await job_holders(sessions)
    return all(any(owned_by(i, holders.get(job, "")) for i in survivors) for job in JOBS)


async def _none_pending(sessions: SessionFactory) -> bool:
    async with sessions() as session:
        pending = await session.scalar(
            select(InboxUpdate.update_id).where(InboxUpdate.status == UpdateStatus.PENDING.value)
        )
    return pending is None


@pytest.mark.parametrize("end", ["kill", "stop"])
async def test_a_message_in_flight_on_an_instance_that_ends_goes_out_from_another_in_seconds(
    tg: TelegramEmulator, cluster: Cluster, sessions: SessionFactory, end: str
) -> None:
    """Killed with -9, or stopped while Telegram holds the call (the stop cuts it short)."""
    tg.add_user(CALLER, "Вера")
    async with sessions() as session:
        outbox = Repositories(session).outbox
        first = await outbox.add(chat_id=CALLER, text="Перезвонить клиенту в 16:00")
        await outbox.add(chat_id=CALLER, text="Встреча завтра в 11:00")
        await session.commit()
    assert first is not None
    tg.fail_next("sendMessage", 1, kind="timeout", hold=60, chat_id=CALLER)
    instances = await cluster(2, STOP_TIMEOUT="1")
    await tg.wait_for(lambda: not tg.faults.left("sendMessage"), timeout=15, what="a call held")
    async with sessions() as session:
        claimer = await session.scalar(
            select(OutboxMessage.claimed_by).where(OutboxMessage.id == first.id)
        )
    assert claimer is not None
    [victim] = [i for i in instances if owned_by(i, claimer)]
    [survivor] = [i for i in instances if i is not victim]
    await (victim.kill() if end == "kill" else victim.stop())

    # Its claim would hold the chat for two minutes; the instance's own lease lasts two
    # seconds here (a stop ends it), and then the survivor frees what the other one held.
    texts = [(await tg.next_bot_message(CALLER, timeout=30)).text for _ in range(2)]
    assert texts == ["Перезвонить клиенту в 16:00", "Встреча завтра в 11:00"]
    assert len(tg.bot_messages(CALLER)) == 2
    assert "event=instance_gone.sent_again" in survivor.log.read_text(), logs([survivor])
