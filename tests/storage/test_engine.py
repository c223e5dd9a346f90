"""The engine sets SQLite up for concurrent use and keeps datetimes aware."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.failures import is_outage
from storage.db import create_engine
from storage.models import Event
from storage.repositories import Repositories
from tests.e2e.cluster.relay import relay_to
from tests.storage.fixtures import POSTGRES_URL, SessionFactory


async def test_sqlite_file_gets_its_directory_wal_foreign_keys_and_busy_timeout(
    tmp_path: Path,
) -> None:
    path = tmp_path / "not" / "yet" / "there.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        async with engine.connect() as connection:
            pragmas: dict[str, object] = {
                name: (await connection.execute(text(f"PRAGMA {name}"))).scalar_one()
                for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
            }
    finally:
        await engine.dispose()
    assert path.exists()
    assert pragmas == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "synchronous": 1,  # NORMAL
    }


async def test_datetimes_come_back_aware_and_in_utc(session_factory: SessionFactory) -> None:
    moscow = timezone(timedelta(hours=3))
    written = datetime(2026, 3, 2, 12, 30, 15, 123456, tzinfo=moscow)
    async with session_factory() as session:
        event = await Repositories(session).events.add(kind="test", actor_id=None, at=written)
        await session.commit()
        event_id = event.id

    async with session_factory() as session:
        read = await session.get(Event, event_id)
    assert read is not None
    assert read.at == written
    assert read.at.tzinfo is UTC or read.at.utcoffset() == timedelta(0)
    assert read.at.hour == 9


async def test_naive_datetimes_are_refused(session_factory: SessionFactory) -> None:
    async with session_factory() as session:
        with pytest.raises(StatementError, match="naive datetime"):
            await Repositories(session).events.add(
                kind="test", actor_id=None, at=datetime(2026, 3, 2, 12, 0)
            )


async def _pooled_backend_killed(engine: AsyncEngine) -> int:
    """Use a pooled connection once, then have the server end it behind the pool's back."""
    async with engine.connect() as connection:
        pid = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
    killer = create_engine(POSTGRES_URL)
    try:
        async with killer.connect() as connection:
            await connection.execute(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid})
    finally:
        await killer.dispose()
    return int(pid)


async def test_a_rested_postgres_connection_the_server_ended_is_replaced_before_use() -> None:
    engine = create_engine(POSTGRES_URL, ping_idle_after=0)
    try:
        killed = await _pooled_backend_killed(engine)
        async with engine.connect() as connection:
            pid = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
    finally:
        await engine.dispose()
    assert pid != killed


async def test_a_postgres_connection_used_a_moment_ago_is_not_checked_again() -> None:
    engine = create_engine(POSTGRES_URL, ping_idle_after=3600)
    try:
        await _pooled_backend_killed(engine)
        with pytest.raises(DBAPIError):  # no round trip spent checking it: the query finds out
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
    finally:
        await engine.dispose()


async def test_json_that_orjson_reads_differently_comes_back_exact(
    session_factory: SessionFactory,
) -> None:
    wide = 2**70 + 1  # past 64 bits: orjson alone would give back a float
    async with session_factory() as session:
        event = await Repositories(session).events.add(
            kind="test", actor_id=None, data={"wide": wide, "text": "Привет"}
        )
        await session.commit()
        event_id = event.id

    async with session_factory() as session:
        read = await session.get(Event, event_id)
    assert read is not None
    assert read.data is not None
    assert type(read.data["wide"]) is int
    assert read.data["wide"] == wide
    assert read.data["text"] == "Привет"


async def test_a_postgres_transaction_left_waiting_is_ended_and_its_locks_freed() -> None:
    """An instance paused mid-transaction (a frozen container) holds its locks no longer
    than ``idle_transaction_seconds``; when it wakes, its next statement is an outage."""
    paused = create_engine(POSTGRES_URL, idle_transaction_seconds=0.5)
    other = create_engine(POSTGRES_URL)
    key = 4_2000_1
    try:
        async with paused.connect() as stalled:
            await stalled.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
            async with asyncio.timeout(15), other.connect() as connection:
                # Waits for the stalled transaction: the server ends it half a second idle.
                await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
            with pytest.raises(DBAPIError) as raised:
                await stalled.execute(text("SELECT 1"))
    finally:
        await paused.dispose()
        await other.dispose()
    assert is_outage(raised.value)


async def test_a_postgres_statement_left_unanswered_fails_as_an_outage_and_pool_recovers() -> None:
    """A server cut off by the network: the statement gives up after ``statement_seconds``,
    not when TCP does, and the pool serves again once the server is back."""
    async with relay_to(POSTGRES_URL) as relay:
        engine = create_engine(relay.url(POSTGRES_URL), statement_seconds=0.5)

        async def ask(question: str) -> object:
            async with engine.connect() as connection:
                return (await connection.execute(text(question))).scalar_one()

        try:
            assert await ask("SELECT 1") == 1
            relay.freeze()
            asking = asyncio.create_task(ask("SELECT 2"))
            done, _ = await asyncio.wait({asking}, timeout=15)
            assert asking in done, "the statement still waits for an answer"
            with pytest.raises(TimeoutError) as raised:
                asking.result()
            assert is_outage(raised.value)
            relay.restore()
            assert await ask("SELECT 3") == 3
        finally:
            await engine.dispose()
