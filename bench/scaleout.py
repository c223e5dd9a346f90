"""Scale-out: the same inbound load against one and three webhook instances.

The instances run as in production (``MODE=webhook``) on PostgreSQL (a fresh database per
fleet) and one Redis, behind the small round-robin proxy of the end-to-end tests; the
emulator posts every update to the proxy. The load is the inbound part's people filling in
the IT/ERP form while experts take the requests, at a fixed offered rate and then at
saturation. Figures: updates handled per second, latency percentiles, the CPU time of all
instances together per 1,000 updates (and with PostgreSQL's and Redis' own added, when they
run on this machine), the memory of all instances (proportional set size, so that pages
they share count once), and duplicates (an update handled twice, from the instances' logs;
target 0). The three instances are three processes started apart, or (``--three-as
workers``) the workers of one process with ``WORKERS=3``. Telegram's flood limits are off
in the emulator and so is the instances' shared limiter (``SHARED_SEND_LIMITS=false``):
what is measured is handling, not Telegram's pacing.

Both fleets run side by side and take the load in turns, one slice each in the order
one, three, three, one, three, one, one, three: a machine whose speed drifts by ±8% over
minutes (other tenants, a warm or cold cache) would otherwise favour whichever fleet ran
in its faster spell, and the three-over-one ratio compares the fleets, not the minutes
they ran in.
"""

from __future__ import annotations

import asyncio
import os
import re
import tempfile
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from redis.asyncio import Redis

from bench import inbound, seed
from bench.inbound import Phase, lead_person, run_phase
from bench.load import PhaseResult, Recorder
from bench.process import BotProcess
from bench.report import Report, ms, percentile
from bench.servers import ServerCpu, postgres_pid, redis_pid
from emulator import TelegramEmulator
from storage.migrate import upgrade_database
from tests.e2e.cluster.instances import SECRET, RoundRobinProxy
from tests.e2e.webhook.conftest import free_ports

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
HANDLED = re.compile(rb"update_id=(\d+) .*event=update\.handled")
COUNTS = (1, 3)
Shape = Literal["workers", "processes"]
SHAPES: tuple[Shape, ...] = ("processes", "workers")
ORDER = (1, 3, 3, 1, 3, 1, 1, 3)
"""The fleets' turns within a phase: a drift that is steady over the phase cancels out, and
so does one that bends once (the second half mirrors the first)."""


@dataclass(frozen=True)
class ScaleOutSize:
    rate: float
    fixed_updates: int
    saturation_updates: int
    warm_updates: int
    people: int
    experts: int


QUICK = ScaleOutSize(
    rate=20, fixed_updates=30, saturation_updates=30, warm_updates=10, people=3, experts=1
)
FULL = ScaleOutSize(
    rate=60, fixed_updates=1000, saturation_updates=1500, warm_updates=300, people=60, experts=4
)


@dataclass
class FleetFigures:
    fixed: Phase
    saturation: Phase
    duplicates: int
    memory_mib: float
    """Proportional set size of all instances together after the load."""


class Fleet:
    """Several bot processes measured as one, with the emulator and people that drive them."""

    def __init__(
        self, tg: TelegramEmulator, size: ScaleOutSize, servers: ServerCpu | None
    ) -> None:
        self.tg = tg
        self.servers = servers
        self.processes: list[BotProcess] = []
        self.recorder = Recorder(tg)
        self.people = [inbound.LEAD_IDS + n for n in range(size.people)]
        self.experts = [inbound.EXPERT_IDS + n for n in range(size.experts)]

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
            tg.add_group(inbound.TEAM_CHAT_ID, "Presale team", members=fleet.experts)
            workers = count if shape == "workers" else 1
            ports: list[int] = []
            for number in range(count // workers):
                port = free_ports(workers)
                ports += range(port, port + workers)
                env = {
                    **inbound.bot_env(database_url),
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


def combined(slices: list[Phase]) -> Phase:
    """One phase's figures from the slices a fleet played of it."""
    servers = [s.server_cpu for s in slices]
    return Phase(
        result=PhaseResult(
            updates=sum(s.result.updates for s in slices),
            answered=sum(s.result.answered for s in slices),
            seconds=sum(s.result.seconds for s in slices),
            latencies=[latency for s in slices for latency in s.result.latencies],
        ),
        bot_cpu=sum(s.bot_cpu for s in slices),
        server_cpu=None if None in servers else sum(s for s in servers if s is not None),
        driver_cpu=sum(s.driver_cpu for s in slices),
        claims=sum(s.claims for s in slices),
    )


async def measure_fleets(
    size: ScaleOutSize, urls: dict[int, str], servers: ServerCpu | None, shape: Shape
) -> dict[int, FleetFigures]:
    """Both fleets up at once, each phase played by them in turns (``ORDER``)."""
    turns = ORDER.count(COUNTS[0])
    with tempfile.TemporaryDirectory(prefix="bench-scaleout-") as directory:
        async with AsyncExitStack() as stack:
            fleets = {
                count: await stack.enter_async_context(
                    running_fleet(count, size, urls[count], Path(directory), servers, shape)
                )
                for count in COUNTS
            }
            phases: list[dict[int, Phase]] = []
            for rate, target in ((size.rate, size.fixed_updates), (None, size.saturation_updates)):
                slices: dict[int, list[Phase]] = {count: [] for count in COUNTS}
                for count in ORDER:
                    slices[count].append(await fleets[count].play(rate, target // turns))
                phases.append({count: combined(played) for count, played in slices.items()})
            memory = {count: fleets[count].memory() for count in COUNTS}
        return {
            count: FleetFigures(
                phases[0][count], phases[1][count], fleets[count].duplicates(), memory[count]
            )
            for count in COUNTS
        }


async def _forget(prefix: str) -> None:
    client = Redis.from_url(REDIS_URL)
    try:
        keys = [key async for key in client.scan_iter(match=f"{prefix}:*")]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


async def run_scaleout(
    report: Report, size: ScaleOutSize, postgres_dsn: str, shape: Shape
) -> None:
    """One instance and three, each on a fresh database; rows and the CPU comparison."""
    base = postgres_dsn.rsplit("/", 1)[0]
    names = {count: f"bench_scaleout_{count}_{os.getpid()}" for count in COUNTS}
    driver = base.replace("postgresql://", "postgresql+asyncpg://", 1)
    created: list[str] = []
    try:
        try:
            for name in names.values():
                await seed.create_database(postgres_dsn, name)
                created.append(name)
        except OSError as error:
            report.add("scale-out", "PostgreSQL", f"unavailable ({error})")
            return
        pids = (await postgres_pid(postgres_dsn), await redis_pid(REDIS_URL))
        figures = await measure_fleets(
            size,
            {count: f"{driver}/{name}" for count, name in names.items()},
            None if None in pids else ServerCpu(pid for pid in pids if pid is not None),
            shape,
        )
    finally:
        for name in created:
            await seed.drop_database(postgres_dsn, name)
    for count in COUNTS:
        _rows(report, f"scale-out: {_fleet_name(count, shape)}", figures[count], size)
    one, three = figures[1], figures[3]
    for name, alone, spread in (
        (f"@{size.rate:g}/s", one.fixed, three.fixed),
        ("saturation", one.saturation, three.saturation),
    ):
        ratio = spread.cpu_per_1000 / alone.cpu_per_1000 if alone.cpu_per_1000 else 0.0
        report.add(
            "scale-out: 3 vs 1",
            f"{name}: CPU per update, three instances / one",
            f"{ratio:.2f}",
            target="<= 1.20",
            met=ratio <= 1.2,
            raw=ratio,
        )
        whole = (spread.total_cpu_per_1000, alone.total_cpu_per_1000)
        if whole[0] is not None and whole[1]:
            report.add(
                "scale-out: 3 vs 1",
                f"{name}: with PostgreSQL and Redis, three / one",
                f"{whole[0] / whole[1]:.2f}",
                raw=whole[0] / whole[1],
            )


def _fleet_name(count: int, shape: Shape) -> str:
    if count == 1:
        return "1 webhook instance"
    return f"{count} workers of one process" if shape == "workers" else f"{count} processes"


def _rows(report: Report, section: str, figures: FleetFigures, size: ScaleOutSize) -> None:
    for name, phase in ((f"@{size.rate:g}/s", figures.fixed), ("saturation", figures.saturation)):
        result = phase.result
        driver = phase.driver_cpu / result.seconds if result.seconds else 0.0
        report.add(
            section,
            f"{name}: handled updates/s",
            f"{result.per_second:.0f} ({result.updates} in {result.seconds:.1f} s)",
            raw=result.per_second,
        )
        report.add(
            section,
            f"{name}: latency p50/p95/p99",
            " / ".join(ms(percentile(result.latencies, share)) for share in (0.5, 0.95, 0.99)),
            raw=percentile(result.latencies, 0.99),
        )
        report.add(
            section,
            f"{name}: CPU s / 1000 updates, all instances",
            f"{phase.cpu_per_1000:.2f} (driver at {driver:.0%} of a core)",
            raw=phase.cpu_per_1000,
        )
        total = phase.total_cpu_per_1000
        report.add(
            section,
            f"{name}: CPU s / 1000 updates, with PostgreSQL and Redis",
            "not measured (a server is not on this machine)" if total is None else f"{total:.2f}",
            raw=total,
        )
    report.add(
        section,
        "memory of all instances (PSS) after the load",
        f"{figures.memory_mib:.0f} MiB",
        raw=figures.memory_mib,
    )
    report.add(
        section,
        "duplicates (an update handled twice)",
        str(figures.duplicates),
        target="0",
        met=figures.duplicates == 0,
        raw=figures.duplicates,
    )
