"""Bot instances in webhook mode as real processes, behind a small round-robin proxy."""

from __future__ import annotations

import asyncio
import itertools
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
from aiohttp import web

from bench.process import child_pids
from bot.web.webhook import SECRET_HEADER
from emulator import TelegramEmulator
from tests.e2e.webhook.conftest import free_ports

SECRET = "cluster-secret"
STARTUP_TIMEOUT = 90.0
"""Three processes importing aiogram at once on a busy two-core machine."""


class RoundRobinProxy:
    """What a load balancer does: each request to the next instance, 502 if it is down."""

    def __init__(self) -> None:
        self.targets: list[str] = []
        self.forwarded: dict[str, int] = {}
        self._turn: itertools.cycle[str] | None = None
        self._runner: web.AppRunner | None = None
        self._client: aiohttp.ClientSession | None = None
        self.url = ""

    async def start(self) -> None:
        self._client = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        app = web.Application()
        app.router.add_post("/telegram", self._forward)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/telegram"

    def route_to(self, targets: list[str]) -> None:
        self.targets = targets
        self.forwarded = dict.fromkeys(targets, 0)
        self._turn = itertools.cycle(targets)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._client is not None:
            await self._client.close()

    async def _forward(self, request: web.Request) -> web.Response:
        assert self._turn is not None
        assert self._client is not None
        target = next(self._turn)
        body = await request.read()
        headers = {
            "Content-Type": request.content_type,
            SECRET_HEADER: request.headers.get(SECRET_HEADER, ""),
        }
        try:
            async with self._client.post(target, data=body, headers=headers) as answer:
                self.forwarded[target] += 1
                return web.Response(status=answer.status, body=await answer.read())
        except (aiohttp.ClientError, TimeoutError):
            return web.Response(status=502, text="bad gateway")


class Instance:
    """`python -m bot run` in webhook mode on a port of its own, logging to a file.

    With ``workers`` above one it is a supervisor forking that many instances, on that
    many consecutive ports (``urls``).
    """

    def __init__(
        self, tg: TelegramEmulator, workdir: Path, number: int, workers: int = 1, **env: str
    ) -> None:
        self.port = free_ports(workers)
        self.urls = [f"http://127.0.0.1:{self.port + k}/telegram" for k in range(workers)]
        self.url = self.urls[0]
        self.log = workdir / f"instance-{number}.log"
        self._workdir = workdir
        self._env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("BOT_", "DATABASE_", "TELEGRAM_", "REDIS_", "ADMIN_"))
        }
        self._env.update(
            BOT_TOKEN=tg.bot_token,
            TELEGRAM_API_URL=tg.base_url,
            MODE="webhook",
            WEBHOOK_SECRET=SECRET,
            LISTEN_HOST="127.0.0.1",
            LISTEN_PORT=str(self.port),
            WORKERS=str(workers),
            LOG_LEVEL="INFO",
        )
        self._env.update(env)
        self.process: asyncio.subprocess.Process | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    async def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                cwd=self._workdir,
                env=self._env,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=log,
            )

    def alive(self) -> bool:
        return self.process is not None and self.process.returncode is None

    def children(self) -> set[int]:
        """The process ids of the workers a supervisor runs right now."""
        return set(child_pids(self.pid))

    async def kill(self) -> None:
        """A crash: SIGKILL, nothing cleaned up."""
        assert self.process is not None
        self.process.kill()
        await self.process.wait()

    async def stop(self) -> int | None:
        """SIGTERM, as an orchestrator stops a replica; the exit code."""
        if self.process is None or self.process.returncode is not None:
            return None if self.process is None else self.process.returncode
        self.process.terminate()
        try:
            await asyncio.wait_for(self.process.wait(), 30)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
        return self.process.returncode


async def start_all(tg: TelegramEmulator, instances: list[Instance]) -> None:
    """Start every instance and wait until each (each worker) has registered the webhook."""
    before = len(tg.calls_of("setWebhook"))
    for instance in instances:
        await instance.start()
    servers = sum(len(i.urls) for i in instances)
    try:
        await tg.wait_for(
            lambda: (
                len(tg.calls_of("setWebhook")) >= before + servers
                or not all(i.alive() for i in instances)
            ),
            timeout=STARTUP_TIMEOUT,
            what="every instance to register the webhook",
        )
    except AssertionError:
        raise AssertionError(logs(instances)) from None
    assert all(i.alive() for i in instances), logs(instances)


def logs(instances: list[Instance]) -> str:
    """What the instances logged, for a failing assertion to show."""
    return "\n".join(
        f"--- {i.log.name}\n{i.log.read_text(errors='replace')[-3000:]}" for i in instances
    )


async def eventually(
    check: Callable[[], Awaitable[bool]], *, timeout: float, what: str, every: float = 0.2
) -> None:
    """Wait for a condition on shared state (the database, Redis) that raises no event."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"{what} not met within {timeout:g}s")
        await asyncio.sleep(every)


ANSWERS = {"Здравствуйте": "/start", "Команды": "/help"}


def replies_in_order(tg: TelegramEmulator, user_id: int) -> list[str]:
    """Which command (/start or /help) each answer in the chat answered, in order.

    Other messages in the chat (reminders, notices) are left out.
    """
    return [
        command
        for message in tg.bot_messages(user_id)
        for start, command in ANSWERS.items()
        if message.text.startswith(start)
    ]
