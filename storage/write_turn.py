"""Whose turn it is to write, on a database with a single writer (SQLite)."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

SessionFactory = Callable[[], AbstractAsyncContextManager[AsyncSession]]
"""What opens a session: an ``async_sessionmaker`` or :class:`TurnSessions`."""


class WriteTurn:
    """One transaction at a time on SQLite, handed over in order, urgent ones first.

    SQLite has one writer, and a transaction keeps the write lock from its first write
    to its commit. Two transactions that both want it would wait in SQLite's busy loop,
    which sleeps up to 100 ms between tries and gives up after the busy timeout; waiting
    here instead hands the turn over the moment it is free and never fails. The poller
    recording a fresh batch goes first: every update waits for that write, so it must
    not queue behind the handlers of earlier ones. On PostgreSQL, which locks rows,
    holding the turn costs nothing and excludes nobody.
    """

    def __init__(self, *, single_writer: bool) -> None:
        self.single_writer = single_writer
        self._held = False
        self._urgent: deque[asyncio.Future[None]] = deque()
        self._normal: deque[asyncio.Future[None]] = deque()

    @asynccontextmanager
    async def hold(self, *, urgent: bool = False) -> AsyncIterator[None]:
        """Wait for the turn (ahead of the others when ``urgent``), keep it for the block."""
        if not self.single_writer:
            yield
            return
        await self._acquire(self._urgent if urgent else self._normal)
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, queue: deque[asyncio.Future[None]]) -> None:
        if not self._held and not self._urgent and not self._normal:
            self._held = True
            return
        granted = asyncio.get_running_loop().create_future()
        queue.append(granted)
        try:
            await granted
        except asyncio.CancelledError:
            if granted.done() and not granted.cancelled():
                self._release()  # handed the turn just as it was cancelled: pass it on
            else:
                with suppress(ValueError):
                    queue.remove(granted)
            raise

    def _release(self) -> None:
        for queue in (self._urgent, self._normal):
            while queue:
                waiter = queue.popleft()
                if not waiter.done():
                    waiter.set_result(None)  # the turn passes on without being let go
                    return
        self._held = False


class TurnSessions:
    """Sessions that hold the write turn while they are open, for the bot's own jobs.

    The reminder engine, the sender and the periodic checks write too; on SQLite they
    would otherwise meet a handler's write lock in SQLite's busy loop and sleep there
    (a person's answer was seen to wait 130 ms behind a reminder pass). Their sessions
    are short and never nest, so holding the turn for a session's lifetime is cheap.
    """

    def __init__(self, factory: async_sessionmaker[AsyncSession], turn: WriteTurn) -> None:
        self._factory = factory
        self._turn = turn

    def __call__(self) -> AbstractAsyncContextManager[AsyncSession]:
        return self._open()

    @asynccontextmanager
    async def _open(self) -> AsyncIterator[AsyncSession]:
        async with self._turn.hold(), self._factory() as session:
            yield session
