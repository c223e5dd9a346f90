"""The async engine and session factory, tuned for SQLite and PostgreSQL alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
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


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    """Open an async engine on ``url`` with the settings the bot relies on.

    SQLite gets WAL (readers never block the writer), foreign keys (off by default
    there) and a busy timeout, set on every new connection; its parent directory is
    created so the default ``./data/`` file works on a fresh checkout, and aiosqlite makes
    one trip to its thread per statement (``storage/sqlite_driver.py``). PostgreSQL
    gets a pool sized for concurrent update workers that checks connections before use.
    """
    options: dict[str, Any] = {"echo": echo}
    if is_sqlite(url):
        path = sqlite_file(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        if make_url(url).get_driver_name() == "aiosqlite":
            options["module"] = one_trip_dbapi()
    else:
        options.update(pool_size=10, max_overflow=20, pool_pre_ping=True, pool_recycle=1800)
    engine = _create_async_engine(url, **options)
    if is_sqlite(url):
        event.listen(engine.sync_engine, "connect", _set_sqlite_pragmas)
    return engine


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
