"""Only one process may poll Telegram for a token: the second one refuses to start.

Telegram gives ``getUpdates`` to one consumer at a time; a second poller would make
both fail with 409 Conflict by turns. Before polling, a process takes a lock that the
operating system or the database server lets go of the moment the process dies, so a
restart after a crash (even ``kill -9``) never waits for a stale lease: on PostgreSQL a
session advisory lock keyed by the bot's id, held on a connection of its own; on SQLite
an exclusive ``flock`` on a file beside the database.

A session lock ends with its session, and so it does when PostgreSQL restarts or an
administrator ends the session: the poller would go on unguarded and a second process
could start beside it. So the lock's connection is looked at every ``LOCK_LOOK`` seconds;
once it is gone the lock is taken again on a new one, and if another process took it
meanwhile this one stops polling and says so, as if it had been the second to start.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import IO, Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.engine import make_url

from storage.db import (
    DatabaseUnreachableError,
    connect_outside_pool,
    is_sqlite,
    sqlite_file,
)

logger = logging.getLogger(__name__)

LOCK_LOOK = 15.0
"""Seconds between looks at the PostgreSQL session holding the polling lock."""


class AnotherPollerError(Exception):
    """Another process already polls Telegram with this token on this database."""


def _lock_key(bot_id: int) -> int:
    """A 63-bit advisory-lock key for this bot, apart from any other use of such locks."""
    return zlib.crc32(b"presale-desk:polling") << 31 ^ bot_id


@contextlib.asynccontextmanager
async def sole_poller(
    database_url: str,
    bot_id: int,
    *,
    on_lost: Callable[[], None] = lambda: None,
    every: float = LOCK_LOOK,
) -> AsyncIterator[None]:
    """Hold the polling lock for the block, or raise :class:`AnotherPollerError` at once.

    On PostgreSQL, ``on_lost`` is called when the lock's session ended and another process
    holds the lock now; the block is expected to end then (the poller stops), and leaving
    it raises :class:`AnotherPollerError`.
    """
    if is_sqlite(database_url):
        path = sqlite_file(database_url)
        if path is None:  # an in-memory database is this process's alone
            yield
            return
        with _file_lock(path.with_name(f"{path.name}.polling.lock")):
            yield
        return
    keeper = _LockKeeper(database_url, bot_id, await _take_lock(database_url, bot_id))
    watch = asyncio.create_task(keeper.keep(every, on_lost))
    try:
        yield
    finally:
        watch.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watch
        await keeper.connection.close()  # ends the session, and the lock with it
    if keeper.taken_by_another is not None:
        raise keeper.taken_by_another


async def _take_lock(database_url: str, bot_id: int) -> Any:
    """A connection of its own holding the bot's polling lock."""
    url = make_url(database_url)
    try:
        connection = await connect_outside_pool(database_url)
    except (OSError, asyncpg.PostgresError) as error:
        raise DatabaseUnreachableError(str(error)) from error
    try:
        taken = await connection.fetchval("SELECT pg_try_advisory_lock($1)", _lock_key(bot_id))
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
        connection.terminate()
        raise DatabaseUnreachableError(str(error)) from error
    if not taken:
        await connection.close()
        raise AnotherPollerError(f"database {url.database} on {url.host}")
    return connection


class _LockKeeper:
    """Looks after the lock's session, and takes the lock again once that session is gone."""

    def __init__(self, database_url: str, bot_id: int, connection: Any) -> None:
        self._database_url = database_url
        self._bot_id = bot_id
        self.connection = connection
        self.taken_by_another: AnotherPollerError | None = None

    async def keep(self, every: float, on_lost: Callable[[], None]) -> None:
        while True:
            await asyncio.sleep(every)
            if await self._alive(every):
                continue
            logger.warning("event=poller.lock_session_lost")
            try:
                self.connection = await _take_lock(self._database_url, self._bot_id)
            except DatabaseUnreachableError as error:
                # Down for everybody alike (a restart): nobody can take the lock meanwhile.
                logger.warning("event=poller.lock_not_taken_yet error=%s", error)
                continue
            except AnotherPollerError as error:
                logger.error("event=poller.lock_taken_elsewhere")
                self.taken_by_another = error
                on_lost()
                return
            logger.warning("event=poller.lock_taken_again")

    async def _alive(self, patience: float) -> bool:
        try:
            async with asyncio.timeout(patience):
                await self.connection.fetchval("SELECT 1")
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
            self.connection.terminate()
            return False
        return True


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
