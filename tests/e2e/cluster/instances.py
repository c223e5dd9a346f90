"""Bot instances in webhook mode as real processes, behind a small round-robin proxy."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp

from bench.process import child_pids
from emulator import TelegramEmulator
from tests.e2e.webhook.conftest import free_ports

SECRET = "cluster-secret"
STARTUP_TIMEOUT = 90.0
"""Three processes importing aiogram at once on a busy two-core machine."""
ROOT = Path(__file__).resolve().parents[3]


class RoundRobinProxy:
    """What a load balancer does, each request to the next instance (502 if it is down),
    run as a process of its own (``balancer.py`` says why)."""

    def __init__(self) -> None:
        self._process: asyncio.subprocess.Process | None = None
        self._client: aiohttp.ClientSession | None = None
        self._base = ""
        self.url = ""

    async def start(self) -> None:
        self._process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.e2e.cluster.balancer",
            cwd=ROOT,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert self._process.stdout is not None
        port = (await asyncio.wait_for(self._process.stdout.readline(), STARTUP_TIMEOUT)).strip()
        if not port:
            raise RuntimeError(f"the balancer exited with {await self._process.wait()}")
        self._base = f"http://127.0.0.1:{port.decode()}"
        self.url = f"{self._base}/telegram"
        self._client = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))

    async def route_to(self, targets: list[str]) -> None:
        assert self._client is not None, "the balancer is not started"
        async with self._client.put(f"{self._base}/targets", json=targets) as answer:
            answer.raise_for_status()

    async def stop(self) -> None:
        if self._client is not None:
            await self._client.close()
        if self._process is not None and self._process.returncode is None:
            assert self._process.stdin is not None
            self._process.stdin.close()  # the balancer's signal to stop
            await self._process.wait()


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
