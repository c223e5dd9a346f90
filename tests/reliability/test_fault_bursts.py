"""Bursts of Bot API faults while people submit, experts claim and reminders fall due.

5xx, flood waits longer than five seconds and answers lost after the call took effect
hit every kind of call, seeded. Afterwards the rule of every update holds: each person
holds a receipt for exactly one stored request, no number is given twice, every request
is in the group and claimed at most once, every reminder arrived, and no update failed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.services.buttons import TakeButton
from emulator import TelegramEmulator
from emulator.faults import FaultKind
from storage.models import InboxUpdate, Request, Role, UpdateStatus
from storage.repositories.holder import Repositories
from tests.conftest import TEAM_CHAT_ID
from tests.harness import Person, RunningBot
from tests.reliability.conftest import SEED, report
from tests.reliability.people import Filler

PEOPLE = 8
EXPERTS = (5001, 5002, 5003)
REMINDERS = 20
BURSTS = 12
METHODS = ("sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery")
KINDS: tuple[FaultKind, ...] = ("5xx", "5xx", "lost", "429")


async def plan_faults(tg: TelegramEmulator, rng: random.Random, stop: asyncio.Event) -> int:
    """A burst every little while until ``stop``: a few calls of one method fail."""
    planned = 0
    while not stop.is_set() and planned < BURSTS:
        kind = rng.choice(KINDS)
        count = 1 if kind == "429" else rng.randint(1, 4)
        tg.fail_next(rng.choice(METHODS), count, kind=kind, retry_after=rng.choice([6, 7]))
        planned += 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=rng.uniform(0.5, 2.0))
    return planned


def card_of(tg: TelegramEmulator, number: int) -> list[object]:
    return [
        m
        for m in tg.transcript(TEAM_CHAT_ID)
        if m.from_user_id == tg.bot.id and f"Заявка #{number} ·" in m.text
    ]


@pytest.mark.timeout(600)  # the whole story, on a loaded 2-core machine
async def test_fault_bursts_keep_every_receipt_request_card_claim_and_reminder_true(
    bot: RunningBot,
    person: Callable[..., Person],
    tg: TelegramEmulator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.ERROR)
    rng = random.Random(SEED)
    app = bot.app
    async with app.session_factory() as session:
        repo = Repositories(session)
        for expert in EXPERTS:
            tg.add_user(expert, f"Эксперт{expert}")
            await repo.users.upsert_from_telegram(
                user_id=expert, first_name=f"Эксперт{expert}", last_name=None, username=None,
                language_code="ru",
            )  # fmt: skip
            await repo.users.grant_role(expert, Role.EXPERT)
            await repo.users.set_tags(expert, ["erp"])
            await tg.join(TEAM_CHAT_ID, expert)
        await session.commit()
    people = [Filler(tg, 6000 + index) for index in range(PEOPLE)]
    texts = []
    async with app.session_factory() as session:
        repo = Repositories(session, clock=app.clock)
        now = datetime.now(UTC)
        for index in range(REMINDERS):
            texts.append(f"Напоминание {index}")
            await app.reminders.schedule(
                repo,
                kind="note",
                due_at=now + timedelta(seconds=rng.uniform(0.5, 15)),
                recipient_id=rng.choice(people).person.user_id,
                payload={"text": texts[-1]},
                urgent=True,
            )
        await session.commit()

    started = time.perf_counter()
    stop = asyncio.Event()
    faults = asyncio.create_task(plan_faults(tg, random.Random(SEED + 1), stop))
    await asyncio.gather(*(p.run(timeout=60) for p in people))
    await tg.wait_for(
        lambda: all(p.receipts() for p in people) or None, timeout=60, what="receipts"
    )
    numbers = sorted(n for p in people for n in p.receipts())
    for number in numbers:
        [card] = await tg.wait_for(
            lambda n=number: card_of(tg, n) or None, timeout=60, what="card"
        )
        for expert in rng.sample(EXPERTS, 2):
            await tg.press(expert, card, TakeButton(request=number).pack(), timeout=60)
    stop.set()
    bursts = await faults
    await tg.wait_for(
        lambda: (
            all(
                any(t in m.text for p in people for m in tg.bot_messages(p.person.user_id))
                for t in texts
            )
            or None
        ),
        timeout=60,
        what="every reminder",
    )
    await app.poller.drain()
    async with app.session_factory() as session:
        stored = {
            request.id: request for request in (await session.scalars(select(Request))).all()
        }
        rows = await session.execute(
            select(InboxUpdate.status, func.count()).group_by(InboxUpdate.status)
        )
        statuses = dict(rows.all())
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    by_author = {
        p.person.user_id: [r for r in stored.values() if r.author_id == p.person.user_id]
        for p in people
    }
    report(
        f"fault bursts: {bursts} bursts (5xx, 429 of 6-7 s, answers lost) over {PEOPLE} "
        f"submissions, {len(numbers)} cards claimed by {len(EXPERTS)} experts, {REMINDERS} "
        f"reminders (seed {SEED}): {tg.stats.errors.total()} Bot API errors met, "
        f"{sum(1 for rs in by_author.values() if len(rs) != 1)} people without exactly one "
        f"request, {statuses.get(UpdateStatus.FAILED.value, 0)} failed updates, "
        f"{len(errors)} errors logged; {time.perf_counter() - started:.1f} s wall"
    )
    assert all(len(requests) == 1 for requests in by_author.values())
    for p in people:
        assert p.receipts() == {by_author[p.person.user_id][0].id}
    assert len(set(numbers)) == len(numbers) == PEOPLE
    assert all(stored[n].team_message_id is not None for n in numbers)
    assert all(stored[n].owner_id in EXPERTS for n in numbers)
    assert statuses.get(UpdateStatus.FAILED.value, 0) == 0
    assert statuses.get(UpdateStatus.PENDING.value, 0) == 0
    assert errors == []
