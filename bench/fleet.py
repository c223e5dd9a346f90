"""A fleet of webhook instances behind one proxy: started, warmed up, played, counted.

The scale-out part runs two of these side by side. Each fleet is its own emulator with the
inbound part's people, ``count`` bot instances as in production (``MODE=webhook``) on a
database of its own and a Redis prefix of its own, and the round-robin proxy of the
end-to-end tests in front of them. The three instances are three processes started apart,
or the workers of one process (``WORKERS``): the fleet's shape.
"""

from __future__ import annotations

import asyncio
import os
import re
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from redis.asyncio import Redis

from bench.inbound import bot_env
from bench.load import Recorder
from bench.people import EXPERT_IDS, LEAD_IDS, TEAM_CHAT_ID, lead_person
from bench.phase import Phase, run_phase
from bench.process import BotProcess
from bench.servers import ServerCpu
from emulator import TelegramEmulator
from storage.migrate import upgrade_database
from tests.e2e.cluster.instances import SECRET, RoundRobinProxy
from tests.e2e.webhook.conftest import free_ports

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
HANDLED = re.compile(rb"update_id=(\d+) .*event=update\.handled")
Shape = Literal["workers", "processes"]
SHAPES: tuple[Shape, ...] = ("processes", "workers")


@dataclass(frozen=True)
class ScaleOutSize:
    """How much load: the offered rate, updates per phase and for the warm-up, how many people."""

    rate: float
    fixed_updates: int
    saturation_updates: int
    warm_updates: int
    people: int
    experts: int


class Fleet:
    """Several bot processes measured as one, with the emulator and people that drive them."""

    def __init__(
        self, tg: TelegramEmulator, size: ScaleOutSize, servers: ServerCpu | None
    ) -> None:
        self.tg = tg
        self.servers = servers
        self.processes: list[BotProcess] = []
        self.recorder = Recorder(tg)
        self.people = [LEAD_IDS + n for n in range(size.people)]
        self.experts = [EXPERT_IDS + n for n in range(size.experts)]

    def cpu_seconds(self) -> float:
        return sum(process.cpu_seconds() for process in self.processes)

    def memory(self) -> float:
        return sum(process.shared_memory() for process in self.processes)

    async def play(self, rate: float | None, target: int) -> Phase:
        """One slice of load: people fill in forms until ``target`` updates, experts take.

        The servers' CPU over the slice is the fleet's: the other fleet is idle meanwhile.
        """
        servers_before = self.servers.cpu_seconds() if self.servers else 0.0
        phase = await run_phase(
            self.tg,
            self.recorder,
            self,
            rate=rate,
            target=target,
            people=self.people,
            worker=lead_person,
            experts=self.experts,
        )
        if self.servers:
            phase.server_cpu = self.servers.cpu_seconds() - servers_before
        return phase

    def duplicates(self) -> int:
        """Updates that more than one handler finished, counted over every instance's log."""
        handled: Counter[int] = Counter()
        for process in self.processes:
            log = process.log_path.read_bytes()
            handled.update(int(m.group(1)) for m in HANDLED.finditer(log))
        return sum(count - 1 for count in handled.values() if count > 1)


@asynccontextmanager
async def running_fleet(
    count: int,
    size: ScaleOutSize,
    database_url: str,
    workdir: Path,
    servers: ServerCpu | None,
    shape: Shape,
) -> AsyncIterator[Fleet]:
    """``count`` webhook instances on ``database_url`` and a Redis prefix of their own, warm.

    Shaped as ``count`` workers of one process (``WORKERS``), or as separate processes.
    """
    await upgrade_database(database_url)  # once, before instances race to do it
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    proxy = RoundRobinProxy()
    await proxy.start()
    try:
        async with TelegramEmulator(rate_limits=False) as tg:
            fleet = Fleet(tg, size, servers)
            for user_id in fleet.people:
                tg.add_user(user_id, f"Lead {user_id}")
            for user_id in fleet.experts:
                tg.add_user(user_id, f"Expert {user_id}")
            tg.add_group(TEAM_CHAT_ID, "Presale team", members=fleet.experts)
            workers = count if shape == "workers" else 1
            ports: list[int] = []
            for number in range(count // workers):
                port = free_ports(workers)
                ports += range(port, port + workers)
                env = {
                    **bot_env(database_url),
                    "BOT_TOKEN": tg.bot_token,
                    "TELEGRAM_API_URL": tg.base_url,
                    "MODE": "webhook",
                    "WEBHOOK_URL": proxy.url,
                    "WEBHOOK_SECRET": SECRET,
                    "LISTEN_HOST": "127.0.0.1",
                    "LISTEN_PORT": str(port),
                    "WORKERS": str(workers),
                    "REDIS_URL": REDIS_URL,
                    "REDIS_PREFIX": prefix,
                    "SHARED_SEND_LIMITS": "false",
                }
                work = workdir / f"fleet-{count}-process-{number}"
                work.mkdir()
                fleet.processes.append(BotProcess("bot", work, env, args=["run"]))
            await proxy.route_to([f"http://127.0.0.1:{port}/telegram" for port in ports])
            try:
                for process in fleet.processes:
                    await process.start()
                await tg.wait_for(
                    lambda: len(tg.calls_of("setWebhook")) >= count,
                    timeout=90,
                    what="every instance to register the webhook",
                )
                await warm_up(fleet, size)
                yield fleet
            finally:
                await asyncio.gather(*(process.stop() for process in fleet.processes))
    finally:
        await proxy.stop()
        await _forget(prefix)


async def warm_up(fleet: Fleet, size: ScaleOutSize) -> None:
    """A slice at the offered rate before anything is measured.

    A process pays once for what it meets first: SQLAlchemy compiles each statement,
    pydantic builds the models aiogram left for first use (tens of milliseconds a path,
    three times over with three instances), and every pooled PostgreSQL connection
    prepares each statement the first time it runs it (asyncpg keeps prepared statements
    per connection, and three pools hold more than twice the connections of one). Only a
    load like the measured one opens and prepares what the measured phase will use. A
    deployment pays all of it once in hours; the comparison is of the CPU an update costs
    afterwards.
    """
    await fleet.play(size.rate, size.warm_updates)


async def _forget(prefix: str) -> None:
    client = Redis.from_url(REDIS_URL)
    try:
        keys = [key async for key in client.scan_iter(match=f"{prefix}:*")]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()
