"""A TCP relay in front of a server, which a test cuts and restores: an outage on demand.

The instances reach Redis through it. Cut, it closes every connection it carries and
every new one at once, as a server that restarts or a network that drops does, and
counts the connections refused, so a test sees the instances keep trying. Frozen, it
keeps every connection open and carries nothing, as a network partition does: whoever
waits for an answer waits until its own timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from urllib.parse import urlsplit, urlunsplit


class TcpRelay:
    """Relays 127.0.0.1:<port> to ``target_port``; :meth:`cut` and :meth:`restore`."""

    def __init__(self, target_port: int) -> None:
        self._target_port = target_port
        self._server: asyncio.Server | None = None
        self._open: set[asyncio.StreamWriter] = set()
        self._cut = False
        self._flowing = asyncio.Event()
        self._flowing.set()
        self.refused = 0
        """Connections closed at once while cut."""
        self.port = 0

    @classmethod
    def in_front_of(cls, url: str) -> TcpRelay:
        """A relay to the local server ``url`` (``redis://127.0.0.1:6379/15``) points at."""
        parts = urlsplit(url)
        return cls(parts.port or {"redis": 6379}.get(parts.scheme, 5432))

    def url(self, url: str) -> str:
        """``url`` through the relay: the same scheme, user, database and path, the relay's
        address."""
        parts = urlsplit(url)
        user = parts.netloc.rpartition("@")[0]
        netloc = f"{user}@127.0.0.1:{self.port}" if user else f"127.0.0.1:{self.port}"
        return urlunsplit(parts._replace(netloc=netloc))

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    def cut(self) -> None:
        """Drop every relayed connection, and each new one, until :meth:`restore`."""
        self._cut = True
        for writer in list(self._open):
            writer.close()

    def freeze(self) -> None:
        """Carry nothing, in either direction, on any connection, until :meth:`restore`."""
        self._flowing.clear()

    def restore(self) -> None:
        self._cut = False
        self._flowing.set()

    async def stop(self) -> None:
        self.cut()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self._cut:
            self.refused += 1
            writer.close()
            return
        try:
            upstream_reader, upstream = await asyncio.open_connection(
                "127.0.0.1", self._target_port
            )
        except OSError:
            writer.close()
            return
        self._open |= {writer, upstream}
        try:
            await asyncio.gather(self._pipe(reader, upstream), self._pipe(upstream_reader, writer))
        finally:
            for end in (writer, upstream):
                self._open.discard(end)
                end.close()

    async def _pipe(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        """Copy until either end goes; closing ``sink`` then ends the other direction too."""
        with contextlib.suppress(ConnectionError, OSError):
            while data := await source.read(65536):
                await self._flowing.wait()
                sink.write(data)
                await sink.drain()
        sink.close()


@contextlib.asynccontextmanager
async def relay_to(url: str) -> AsyncIterator[TcpRelay]:
    """A started relay in front of the local server ``url`` points at; stopped on the way out."""
    relay = TcpRelay.in_front_of(url)
    await relay.start()
    try:
        yield relay
    finally:
        await relay.stop()
