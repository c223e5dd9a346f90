"""Three webhook instances on a PostgreSQL database and a Redis key prefix of the test's own."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import pytest
from redis.asyncio import Redis
from sqlalchemy import select

from emulator import RetryPolicy, TelegramEmulator
from storage.db import create_engine, create_session_factory
from storage.models import InboxUpdate
from storage.repositories.holder import Repositories
from tests.e2e.cluster.instances import Instance, RoundRobinProxy, start_all
from tests.storage.fixtures import (
    REDIS_URL,
    SessionFactory,
    create_postgres_database,
    drop_postgres_database,
    postgres_url,
)

TEAM_CHAT_ID = -1001000000777
LEASE_SECONDS = "2"
"""Short, so work held by a killed instance is taken over within the test's patience."""


@pytest.fixture
async def tg() -> AsyncIterator[TelegramEmulator]:
    """Telegram's flood limits on; webhook retries that outlast a killed instance."""
    retry = RetryPolicy(attempts=20, first_delay=0.1, max_delay=1.0, request_timeout=10.0)
    async with TelegramEmulator(webhook_retry=retry) as emulator:
        yield emulator


@pytest.fixture
async def database(migrated_postgres_template: str) -> AsyncIterator[str]:
    name = await create_postgres_database(template=migrated_postgres_template)
    try:
        yield postgres_url(name)
    finally:
        await drop_postgres_database(name)


@pytest.fixture
async def sessions(database: str) -> AsyncIterator[SessionFactory]:
    engine = create_engine(database)
    try:
        yield create_session_factory(engine)
    finally:
        await engine.dispose()


@pytest.fixture
async def redis_prefix() -> AsyncIterator[str]:
    """A prefix no other test (or developer) uses; its keys are deleted afterwards."""
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    yield prefix
    client = Redis.from_url(REDIS_URL)
    try:
        keys = [key async for key in client.scan_iter(match=f"{prefix}:*")]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


class Cluster(Protocol):
    def __call__(self, count: int, workers: int = 1, **env: str) -> Awaitable[list[Instance]]: ...


@pytest.fixture
async def cluster(
    tg: TelegramEmulator, database: str, redis_prefix: str, tmp_path: Path
) -> AsyncIterator[Cluster]:
    """``await cluster(3)``: instances started behind the proxy at ``tg``'s webhook.

    ``cluster(1, workers=3)`` is one process forking three workers, each behind the proxy;
    keyword arguments set or override the instances' environment (``REDIS_URL=...``).
    """
    proxy = RoundRobinProxy()
    await proxy.start()
    started: list[Instance] = []

    async def start(count: int, workers: int = 1, **env: str) -> list[Instance]:
        settings = {
            "WEBHOOK_URL": proxy.url,
            "DATABASE_URL": database,
            "REDIS_URL": REDIS_URL,
            "REDIS_PREFIX": redis_prefix,
            "LEASE_SECONDS": LEASE_SECONDS,
            "TEAM_CHAT_ID": str(TEAM_CHAT_ID),
            "CLAIM_POLICY": "open",
            "AUTO_ASSIGN": "false",
        } | env
        instances = [
            Instance(tg, tmp_path, number, workers, **settings) for number in range(count)
        ]
        await proxy.route_to([url for i in instances for url in i.urls])
        started.extend(instances)
        await start_all(tg, instances)
        return instances

    try:
        yield start
    finally:
        for instance in started:
            await instance.stop()
        await proxy.stop()


async def inbox_statuses(sessions: SessionFactory) -> Counter[str]:
    """How many updates of the shared inbox are in each status."""
    async with sessions() as session:
        return Counter((await session.scalars(select(InboxUpdate.status))).all())


async def seed_notes(sessions: SessionFactory, recipients: list[int], label: str) -> list[str]:
    """One reminder due now and one outbox message per recipient; their texts."""
    texts = []
    async with sessions() as session:
        repo = Repositories(session)
        now = datetime.now(UTC)
        for user_id in recipients:
            note, notice = f"{label} note for {user_id}", f"{label} notice for {user_id}"
            await repo.reminders.add(
                kind="note",
                due_at=now,
                recipient_id=user_id,
                payload={"text": note},
                urgent=True,
            )
            await repo.outbox.add(chat_id=user_id, text=notice)
            texts += [note, notice]
        await session.commit()
    return texts
