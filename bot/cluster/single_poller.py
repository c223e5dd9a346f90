"""Only one process may poll Telegram for a token: the second one refuses to start.

Telegram gives ``getUpdates`` to one consumer at a time; a second poller would make
both fail with 409 Conflict by turns. Before polling, a process takes a lock that the
operating system or the database server lets go of the moment the process dies, so a
restart after a crash (even ``kill -9``) never waits for a stale lease: on PostgreSQL a
session advisory lock keyed by the bot's id, held on a connection of its own; on SQLite
an exclusive ``flock`` on a file beside the database.
"""

from __future__ import annotations

import contextlib
import fcntl
import zlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import IO

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.engine import make_url

from storage.db import (
    DatabaseUnreachableError,
    connect_outside_pool,
    is_sqlite,
    sqlite_file,
)


class AnotherPollerError(Exception):
    """Another process already polls Telegram with this token on this database."""


def _lock_key(bot_id: int) -> int:
    """A 63-bit advisory-lock key for this bot, apart from any other use of such locks."""
    return zlib.crc32(b"presale-desk:polling") << 31 ^ bot_id


@contextlib.asynccontextmanager
async def sole_poller(database_url: str, bot_id: int) -> AsyncIterator[None]:
    """Hold the polling lock for the block, or raise :class:`AnotherPollerError` at once."""
    if is_sqlite(database_url):
        path = sqlite_file(database_url)
        if path is None:  # an in-memory database is this process's alone
            yield
            return
        with _file_lock(path.with_name(f"{path.name}.polling.lock")):
            yield
        return
    url = make_url(database_url)
    try:
        connection = await connect_outside_pool(database_url)
    except (OSError, asyncpg.PostgresError) as error:
        raise DatabaseUnreachableError(str(error)) from error
    try:
        if not await connection.fetchval("SELECT pg_try_advisory_lock($1)", _lock_key(bot_id)):
            raise AnotherPollerError(f"database {url.database} on {url.host}")
        yield
    finally:
        await connection.close()  # ends the session, and the lock with it


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle: IO[bytes] = path.open("ab")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AnotherPollerError(str(path.parent)) from None
        yield
    finally:
        handle.close()
