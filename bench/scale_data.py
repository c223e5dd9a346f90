"""The big database the scale and workspace parts start the bot on, row by row.

Users, requests (most closed, a few waiting or in work), each request's events and search
row, and pending reminders due over the next month, generated as rows for the bulk loader
of ``bench.seed``. Requests get ids 1, 2, ... in the order they are generated (a fresh
database), which the events, the search rows and the commands that open requests rely on.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

from bench import seed
from domain.search import search_text

USERS = 60_000
MANAGER = USERS  # an admin, and the author of a share of the requests

REQUEST_COLUMNS = [
    "scenario_id",
    "scenario_version",
    "author_id",
    "title",
    "client_name",
    "company_key",
    "priority",
    "stage",
    "owner_id",
    "taken_at",
    "stage_changed_at",
    "created_at",
    "updated_at",
    "phone",
]


WAITING = 300
"""Requests nobody has taken yet: the newest ones, younger than any claim limit."""
IN_WORK = 300
"""Requests in work just before them, taken minutes ago: what /work lists."""


def _requests(requests: int, users: int, now: datetime) -> Any:
    """Every 100th by the manager; all but the newest few closed (won or lost).

    Open requests waiting for days would have been escalated long ago (the claim and
    stage limits); loaded without that history, the bot would escalate every one of
    them at start-up, and that flood, not the size, is what the run would measure.
    """
    stages = ("won", "lost")
    for n in range(requests):
        author = MANAGER if n % 100 == 0 else USERS + 1 + n % (users - 1)
        waiting = n >= requests - min(WAITING, requests // 2)
        in_work = not waiting and n >= requests - min(WAITING + IN_WORK, requests // 2)
        created = now - (
            timedelta(seconds=(requests - n))
            if waiting or in_work
            else timedelta(minutes=requests - n + 60)
        )
        owner = None if waiting else USERS + 1 + (n * 7) % (users - 1)
        stage = "new" if waiting else "taken" if in_work else stages[n % len(stages)]
        yield (
            "it_erp",
            1,
            author,
            f"Request {n}",
            f"Client {n}",
            f"client {n}",
            "hot" if n % 17 == 0 else "normal",
            stage,
            owner,
            None if waiting else created,
            created,
            created,
            created,
            _phone(n),
        )


EVENT_COLUMNS = ["at", "actor_id", "kind", "request_id", "data"]


def _events(requests: int, users: int, now: datetime) -> Any:
    """Each request's submission and, for the closed ones, its take and its outcome.

    Requests get ids 1, 2, ... in the order ``_requests`` yields them (a fresh database).
    """
    for number, row in enumerate(_requests(requests, users, now), start=1):
        author, stage, owner, created = row[2], row[7], row[8], row[11]
        yield (created, author, "request.submitted", number, {})
        if owner is not None:
            yield (
                created + timedelta(minutes=5 + number % 50),
                owner,
                "request.taken",
                number,
                {},
            )
            yield (
                created + timedelta(minutes=60),
                owner,
                "request.stage_changed",
                number,
                {"from": "taken", "to": stage},
            )


def _phone(n: int) -> str:
    return f"+7900{n:07d}"


def _search_rows(requests: int) -> Any:
    """What /find reads for each request (ids follow the insertion order from 1)."""
    for n in range(requests):
        yield (n + 1, search_text([f"Client {n}", f"Request {n}"], phone=_phone(n)))


def _far_reminders(reminders: int, users: int, now: datetime) -> Any:
    """Pending reminders due over the next thirty days, none during the run."""
    span = 30 * 24 * 3600
    for n in range(reminders):
        due = now + timedelta(hours=1, seconds=n * span // reminders)
        yield seed.reminder(USERS + n % users, due, f"later #{n}", now, urgent=False)


async def seed_database(
    url: str, *, requests: int, users: int, reminders: int, now: datetime
) -> tuple[float, bool]:
    """Load users, requests and reminders; returns seconds taken and whether reminders exist."""
    started = time.monotonic()
    columns, rows = seed.users(range(USERS, USERS + users), now)
    await seed.insert(url, "users", columns, rows)
    await seed.insert(url, "requests", REQUEST_COLUMNS, _requests(requests, users, now))
    await seed.insert(url, "events", EVENT_COLUMNS, _events(requests, users, now))
    await seed.insert(url, "request_search", ["request_id", "text"], _search_rows(requests))
    has_reminders = "reminders" in await seed.tables(url)
    if has_reminders:
        await seed.insert(
            url, "reminders", seed.REMINDER_COLUMNS, _far_reminders(reminders, users, now)
        )
    return time.monotonic() - started, has_reminders
