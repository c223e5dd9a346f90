"""A webhook endpoint on 127.0.0.1 that checks signatures with the documented receiver.

It answers from a script (a status, or ``TIMEOUT`` to hold the request past the bot's
timeout), records every attempt with what the receiver example said of its signature,
and lets a test wait for the n-th attempt instead of sleeping.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from aiohttp import web

from domain.clock import Clock
from examples.webhook_receiver import InvalidSignatureError, verify

TIMEOUT = "timeout"
PATH = "/hooks"


@dataclass(frozen=True)
class Attempt:
    """One request the bot made: its headers, its body, and whether it verified."""

    message_id: str
    timestamp: int
    signature: str
    body: bytes
    verified: bool
    answered: int | str

    @property
    def payload(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


@dataclass
class Receiver:
    """The endpoint's state: secrets it trusts, the script and what follows it, what arrived."""

    secrets: list[str]
    clock: Clock
    url: str = ""
    script: list[int | str] = field(default_factory=list)
    otherwise: int | str = 200
    """The answer once the script has run out: 503 is an endpoint that is down."""
    attempts: list[Attempt] = field(default_factory=list)
    _arrived: asyncio.Condition = field(default_factory=asyncio.Condition)
    _release: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        try:
            verify(self.secrets, request.headers, body, now=self.clock.now().timestamp())
            verified = True
        except InvalidSignatureError:
            verified = False
        answer: int | str = self.script.pop(0) if self.script else self.otherwise
        async with self._arrived:
            self.attempts.append(
                Attempt(
                    message_id=request.headers.get("webhook-id", ""),
                    timestamp=int(request.headers.get("webhook-timestamp", "0")),
                    signature=request.headers.get("webhook-signature", ""),
                    body=body,
                    verified=verified,
                    answered=answer,
                )
            )
            self._arrived.notify_all()
        if answer == TIMEOUT:
            await self._release.wait()
            return web.Response(status=200)
        return web.json_response({"ok": answer == 200}, status=int(answer))

    async def wait_for(self, count: int, timeout: float = 10.0) -> list[Attempt]:
        """The first ``count`` attempts, once they have arrived."""
        async with asyncio.timeout(timeout), self._arrived:
            await self._arrived.wait_for(lambda: len(self.attempts) >= count)
        return self.attempts[:count]

    async def wait_for_type(self, event: str, timeout: float = 10.0) -> list[Attempt]:
        """The attempts that carried ``event``, once at least one has arrived."""
        async with asyncio.timeout(timeout), self._arrived:
            await self._arrived.wait_for(lambda: bool(self.of_type(event)))
        return self.of_type(event)

    def of_type(self, event: str) -> list[Attempt]:
        return [a for a in self.attempts if a.payload["type"] == event]


@asynccontextmanager
async def serving(app: web.Application) -> AsyncIterator[str]:
    """Serve ``app`` on a free port of 127.0.0.1 until the block ends; yields its base URL."""
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@asynccontextmanager
async def running_receiver(secrets: list[str], clock: Clock) -> AsyncIterator[Receiver]:
    """Serve a ``Receiver`` until the block ends."""
    receiver = Receiver(secrets=secrets, clock=clock)
    app = web.Application()
    app.router.add_post(PATH, receiver.handle)
    async with serving(app) as base:
        receiver.url = base + PATH
        try:
            yield receiver
        finally:
            receiver._release.set()


def write_endpoints(path: Path, endpoints: list[dict[str, Any]]) -> Path:
    """An endpoints file as an operator would write it."""
    path.write_text(yaml.safe_dump({"endpoints": endpoints}), encoding="utf-8")
    return path
