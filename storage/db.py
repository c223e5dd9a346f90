"""The async engine and session factory, tuned for SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.ext.asyncio import create_async_engine as _create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from storage.sqlite_driver import one_trip_dbapi

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/presale.db"

# SQLite allows one writer at a time; a writer that finds the file locked waits this
# long (in ms) before giving up, instead of failing at once.
SQLITE_BUSY_TIMEOUT_MS = 5000

_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
    "PRAGMA synchronous=NORMAL",
)


class DatabaseUnreachableError(Exception):
    """The database would not take a connection: down, a wrong address, role or name."""


async def connect_outside_pool(database_url: str) -> Any:
    """A PostgreSQL connection of its own, for what a pooled one cannot hold.

    A session advisory lock must live as long as the process, a ``CREATE DATABASE`` must run
    outside any transaction; both want asyncpg's plain connection, not the engine's.
    """
    import asyncpg  # type: ignore[import-untyped]  # 90 ms, and only PostgreSQL needs it

    url = make_url(database_url)
    return await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database,
    )


PING_IDLE_AFTER = 10.0
"""Seconds a pooled PostgreSQL connection may rest before it is checked on its next use."""

IDLE_TRANSACTION_SECONDS = 300.0
"""Seconds PostgreSQL lets a transaction wait for its client before ending the session.

A handler's transaction stays open while it calls Telegram (a minute at most, retries
included), and holds its update's row meanwhile. An instance paused rather than killed (a
frozen container, a stalled VM) or cut off by the network would hold it, and every lock
it took, until it came back or TCP gave up hours later: the chat's later updates would
wait all that time on the instance that took the chat over. The server ends such a session
instead, its transaction is rolled back, and the other instance goes on.
"""


_LONG_NUMBER = re.compile(r"\d{19}")
"""A run of digits that may be an integer past 64 bits: orjson would read it as a float."""


def _json_loads(text: str) -> Any:
    """JSON columns read through orjson, several times faster than ``json.loads``.

    A report reads tens of thousands of events, each with a JSON payload, and decoding them
    was a third of its gathering. Where orjson would read differently from the standard
    library (an integer wider than 64 bits, which it turns into a float) or refuses what
    the standard library reads (NaN, a lone surrogate), ``json.loads`` reads it.
    """
    if _LONG_NUMBER.search(text):
        return json.loads(text)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def is_sqlite(url: str | URL) -> bool:
    """Whether ``url`` points at SQLite."""
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_file(url: str | URL) -> Path | None:
    """The file a SQLite URL points at, or ``None`` for in-memory databases."""
    parsed = make_url(url)
    database = parsed.database
    if not is_sqlite(parsed) or not database or database == ":memory:":
        return None
    if database.startswith("file:"):  # URI form; leave it to the driver
        return None
    return Path(database)


def create_engine(
    url: str,
    *,
    echo: bool = False,
    ping_idle_after: float = PING_IDLE_AFTER,
    idle_transaction_seconds: float = IDLE_TRANSACTION_SECONDS,
    statement_seconds: float | None = None,
) -> AsyncEngine:
    """Open an async engine on ``url`` with the settings the bot relies on.

    SQLite gets WAL (readers never block the writer), foreign keys (off by default
    there) and a busy timeout, set on every new connection; its parent directory is
    created so the default ``./data/`` file works on a fresh checkout, and aiosqlite makes
    one trip to its thread per statement (``storage/sqlite_driver.py``). PostgreSQL
    gets a pool sized for concurrent update workers that checks a connection before use
    when it has rested for ``ping_idle_after`` seconds (see ``_ping_rested``), and asks the
    server to end a session whose transaction waits for it longer than
    ``idle_transaction_seconds`` (see ``IDLE_TRANSACTION_SECONDS``). With
    ``statement_seconds``, a statement that gets no answer in that time fails with
    ``TimeoutError`` (an outage: the work is retried) instead of waiting for TCP to give up
    on a server cut off by the network, a quarter of an hour later; the bot's own engine
    sets it, not the export worker's or the migrations', whose statements may run long.
    """
    options: dict[str, Any] = {"echo": echo, "json_deserializer": _json_loads}
    if is_sqlite(url):
        path = sqlite_file(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        if make_url(url).get_driver_name() == "aiosqlite":
            options["module"] = one_trip_dbapi()
    else:
        timeout_ms = str(round(idle_transaction_seconds * 1000))
        connect_args: dict[str, Any] = {
            "server_settings": {"idle_in_transaction_session_timeout": timeout_ms}
        }
        if statement_seconds is not None:
            connect_args["command_timeout"] = statement_seconds
        options.update(pool_size=10, max_overflow=20, pool_recycle=1800, connect_args=connect_args)
    engine = _create_async_engine(url, **options)
    if is_sqlite(url):
        event.listen(engine.sync_engine, "connect", _set_sqlite_pragmas)
    else:
        _ping_rested(engine, ping_idle_after)
    return engine


def _ping_rested(engine: AsyncEngine, idle_after: float) -> None:
    """Check a pooled connection before use only when it has rested ``idle_after`` seconds.

    SQLAlchemy's ``pool_pre_ping`` checks every checkout, and on asyncpg a check is three
    round trips (begin, ``;``, rollback): about half of all the round trips an update
    makes. A connection gone stale (the server restarted overnight, a firewall dropped a
    quiet socket) is one that rested; a connection handed back a moment ago is alive, and
    if the server dies mid-burst SQLAlchemy still invalidates the whole pool on the first
    disconnect it sees. A failed check raises ``DisconnectionError``, on which the pool
    discards the connection and opens a fresh one.
    """
    dialect = engine.sync_engine.dialect

    def checkin(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info["rested_since"] = time.monotonic()

    def checkout(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        since = record.info.get("rested_since")
        if since is None or time.monotonic() - since < idle_after:
            return  # new, or back in the pool a moment ago
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise DisconnectionError(f"a rested connection is gone: {error}") from error

    event.listen(engine.sync_engine, "checkin", checkin)
    event.listen(engine.sync_engine, "checkout", checkout)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions whose objects stay readable after commit (handlers render them then)."""
    return async_sessionmaker(engine, expire_on_commit=False)
