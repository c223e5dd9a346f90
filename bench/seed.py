"""Fast bulk loading for the benchmark: raw SQL in big transactions, not the ORM.

SQLite gets ``executemany`` through the standard ``sqlite3`` module, PostgreSQL gets
``COPY`` through asyncpg. Values are stored the way the project's column types store
them (naive UTC text on SQLite, ``timestamptz`` on PostgreSQL, JSON as text).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import asyncpg  # type: ignore[import-untyped]

CHUNK = 50_000


def sqlite_path(url: str) -> str:
    return url.split(":///", 1)[1]


def asyncpg_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _pg_value(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


async def tables(url: str) -> set[str]:
    """Names of the tables the database has."""
    if url.startswith("sqlite"):
        with sqlite3.connect(sqlite_path(url)) as connection:
            rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            return {str(row[0]) for row in rows}
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        rows = await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )
        return {str(row[0]) for row in rows}
    finally:
        await connection.close()


async def insert(
    url: str,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    analyze: bool = True,
) -> int:
    """Insert ``rows`` into ``table`` in chunks; returns how many went in.

    On PostgreSQL ``analyze`` refreshes the planner's statistics afterwards, as
    autovacuum would soon do on a database that grew slowly.
    """
    if url.startswith("sqlite"):
        return _insert_sqlite(sqlite_path(url), table, columns, rows)
    return await _insert_pg(asyncpg_dsn(url), table, columns, rows, analyze)


def _chunks(rows: Iterable[Sequence[Any]], convert: Any) -> Iterable[list[tuple[Any, ...]]]:
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(tuple(convert(value) for value in row))
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _insert_sqlite(
    path: str, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    count = 0
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA synchronous = OFF")
        with connection:  # one transaction for the whole load
            for chunk in _chunks(rows, _sqlite_value):
                connection.executemany(sql, chunk)
                count += len(chunk)
        # No ANALYZE: the bot never runs it, so its own SQLite file has no statistics,
        # and with them SQLite plans the reminder claim as a scan of the whole table.
    finally:
        connection.close()
    return count


async def _insert_pg(
    dsn: str, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], analyze: bool
) -> int:
    count = 0
    connection = await asyncpg.connect(dsn)
    try:
        async with connection.transaction():
            for chunk in _chunks(rows, _pg_value):
                await connection.copy_records_to_table(table, records=chunk, columns=columns)
                count += len(chunk)
        if analyze:
            await connection.execute(f"ANALYZE {table}")
    finally:
        await connection.close()
    return count


async def create_database(admin_dsn: str, name: str) -> None:
    connection = await asyncpg.connect(admin_dsn)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


async def drop_database(admin_dsn: str, name: str) -> None:
    connection = await asyncpg.connect(admin_dsn)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


def users(ids: Iterable[int], now: datetime) -> tuple[list[str], Iterable[tuple[Any, ...]]]:
    """Rows for ``users``: people the bot already knows, speaking Russian."""
    columns = ["id", "first_name", "telegram_language", "tags", "is_blocked"]
    columns += ["created_at", "updated_at"]
    return columns, ((i, f"User {i}", "ru", [], False, now, now) for i in ids)


REMINDER_COLUMNS = [
    "kind",
    "due_at",
    "recipient_id",
    "payload",
    "urgent",
    "status",
    "late",
    "created_at",
]


def reminder(
    recipient_id: int, due_at: datetime, text: str, now: datetime, *, urgent: bool = True
) -> tuple[Any, ...]:
    """A pending ``note`` reminder row (urgent ones ignore working hours)."""
    return ("note", due_at, recipient_id, {"text": text}, urgent, "pending", False, now)
