"""A round-robin load balancer in a process of its own, as nginx runs beside the bots.

Inside the test process it would share the emulator's event loop. Opening some forty
connections at the start of a burst held that loop for almost half a second, and the
emulator, which counts Telegram's flood limits when a call reaches its loop, then saw
messages the bots had spaced out arrive together. Real Telegram's clock is not stopped
by the bots' balancer; this one's is not either.

``python -m tests.e2e.cluster.balancer`` prints the port it listens on, then forwards each
``POST /telegram`` to the next of the targets last given at ``PUT /targets`` (a JSON list
of URLs), answering 502 when that target is down. It stops when its standard input closes,
so a test process that dies leaves no balancer behind.
"""

from __future__ import annotations

import asyncio
import itertools
import sys

import aiohttp
from aiohttp import web

from bot.web.webhook import SECRET_HEADER


class Balancer:
    """The targets in turn, over one client session that keeps its connections."""

    def __init__(self, client: aiohttp.ClientSession) -> None:
        self._client = client
        self._turn: itertools.cycle[str] | None = None

    async def set_targets(self, request: web.Request) -> web.Response:
        targets = await request.json()
        self._turn = itertools.cycle([str(target) for target in targets])
        return web.Response(status=204)

    async def forward(self, request: web.Request) -> web.Response:
        if self._turn is None:
            return web.Response(status=503, text="no targets yet")
        target = next(self._turn)
        body = await request.read()
        headers = {
            "Content-Type": request.content_type,
            SECRET_HEADER: request.headers.get(SECRET_HEADER, ""),
        }
        try:
            async with self._client.post(target, data=body, headers=headers) as answer:
                return web.Response(status=answer.status, body=await answer.read())
        except (aiohttp.ClientError, TimeoutError):
            return web.Response(status=502, text="bad gateway")


async def serve() -> None:
    """Listen on a free port, say which, and forward until terminated."""
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as client:
        balancer = Balancer(client)
        app = web.Application()
        app.router.add_post("/telegram", balancer.forward)
        app.router.add_put("/targets", balancer.set_targets)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        sys.stdout.write(f"{runner.addresses[0][1]}\n")
        sys.stdout.flush()
        try:
            await asyncio.to_thread(sys.stdin.buffer.read)  # until the parent goes away
        finally:
            await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(serve())
