"""Scale-out: the same inbound load against one and three webhook instances.

The instances run as in production (``MODE=webhook``) on a fresh PostgreSQL database and
one Redis, behind the small round-robin proxy of the end-to-end tests; the emulator
posts every update to the proxy. The load is the inbound part's people filling in the
IT/ERP form while experts take the requests, at a fixed offered rate and then at
saturation. Figures: updates handled per second, latency percentiles, the CPU time of
all instances together per 1,000 updates, and duplicates (an update handled twice, from
the instances' logs; target 0). Telegram's flood limits are off in the emulator and so
is the instances' shared limiter (``SHARED_SEND_LIMITS=false``): what is measured is
handling, not Telegram's pacing.
"""

from __future__ import annotations

import asyncio
import os
import re
import tempfile
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from redis.asyncio import Redis

from bench import inbound, seed
from bench.inbound import Phase, lead_person, run_phase
from bench.load import Recorder
from bench.process import BotProcess
from bench.report import Report, ms, percentile
from emulator import TelegramEmulator
from storage.migrate import upgrade_database
from tests.e2e.cluster.instances import SECRET, RoundRobinProxy
from tests.e2e.webhook.conftest import free_port

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
HANDLED = re.compile(rb"update_id=(\d+) .*event=update\.handled")


@dataclass(frozen=True)
class ScaleOutSize:
    rate: float
    fixed_updates: int
    saturation_updates: int
    people: int
    experts: int


QUICK = ScaleOutSize(rate=20, fixed_updates=30, saturation_updates=30, people=3, experts=1)
FULL = ScaleOutSize(rate=60, fixed_updates=1000, saturation_updates=1500, people=60, experts=4)


@dataclass
class FleetFigures:
    fixed: Phase
    saturation: Phase
    duplicates: int


class Fleet:
    """Several bot processes measured as one: their CPU time added up."""

    def __init__(self, processes: list[BotProcess]) -> None:
        self.processes = processes

    def cpu_seconds(self) -> float:
        return sum(process.cpu_seconds() for process in self.processes)


def _duplicates(processes: list[BotProcess]) -> int:
    """Updates that more than one handler finished, counted over every instance's log."""
    handled: Counter[int] = Counter()
    for process in processes:
        handled.update(int(m.group(1)) for m in HANDLED.finditer(process.log_path.read_bytes()))
    return sum(count - 1 for count in handled.values() if count > 1)


async def measure_fleet(count: int, size: ScaleOutSize, database_url: str) -> FleetFigures:
    """``count`` webhook instances on ``database_url`` and a Redis prefix of their own."""
    await upgrade_database(database_url)  # once, before instances race to do it
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    proxy = RoundRobinProxy()
    await proxy.start()
    with tempfile.TemporaryDirectory(prefix="bench-scaleout-") as directory:
        workdir = Path(directory)
        async with TelegramEmulator(rate_limits=False) as tg:
            people = [inbound.LEAD_IDS + n for n in range(size.people)]
            experts = [inbound.EXPERT_IDS + n for n in range(size.experts)]
            for user_id in people:
                tg.add_user(user_id, f"Lead {user_id}")
            for user_id in experts:
                tg.add_user(user_id, f"Expert {user_id}")
            tg.add_group(inbound.TEAM_CHAT_ID, "Presale team", members=experts)
            processes = []
            for number in range(count):
                port = free_port()
                env = {
                    **inbound.bot_env(database_url),
                    "BOT_TOKEN": tg.bot_token,
                    "TELEGRAM_API_URL": tg.base_url,
                    "MODE": "webhook",
                    "WEBHOOK_URL": proxy.url,
                    "WEBHOOK_SECRET": SECRET,
                    "LISTEN_HOST": "127.0.0.1",
                    "LISTEN_PORT": str(port),
                    "REDIS_URL": REDIS_URL,
                    "REDIS_PREFIX": prefix,
                    "SHARED_SEND_LIMITS": "false",
                }
                work = workdir / f"instance-{number}"
                work.mkdir()
                processes.append(BotProcess("bot", work, env, args=["run"]))
            proxy.route_to(
                [f"http://127.0.0.1:{p.env['LISTEN_PORT']}/telegram" for p in processes]
            )
            fleet = Fleet(processes)
            try:
                for process in processes:
                    await process.start()
                await tg.wait_for(
                    lambda: len(tg.calls_of("setWebhook")) >= count,
                    timeout=90,
                    what="every instance to register the webhook",
                )
                recorder = Recorder(tg)
                await warm_up(tg, recorder, count, people[0], experts)
                phases = [
                    await run_phase(
                        tg,
                        recorder,
                        fleet,
                        rate=rate,
                        target=target,
                        people=people,
                        worker=lead_person,
                        experts=experts,
                    )
                    for rate, target in (
                        (size.rate, size.fixed_updates),
                        (None, size.saturation_updates),
                    )
                ]
            finally:
                await asyncio.gather(*(process.stop() for process in processes))
                await proxy.stop()
                await _forget(prefix)
            return FleetFigures(phases[0], phases[1], _duplicates(processes))


WARM_UP_REQUESTS = 2
"""Requests per instance, with their takes, before anything is measured."""


async def warm_up(
    tg: TelegramEmulator, recorder: Recorder, count: int, lead: int, experts: list[int]
) -> None:
    """A few whole requests, taken by the experts, so every instance has met every path.

    A process pays once for what it meets first (SQLAlchemy compiles each statement, pydantic
    builds the models aiogram left for first use): tens of milliseconds a path, three times
    over with three instances. A deployment pays it once in hours; the comparison is of
    the CPU an update costs afterwards.
    """
    stop, taken = asyncio.Event(), list[int]()
    takers = asyncio.create_task(inbound.take_requests(tg, experts, stop, taken))
    await lead_person(tg, lead, inbound.Budget(recorder, WARM_UP_REQUESTS * count))
    stop.set()
    await takers


async def _forget(prefix: str) -> None:
    client = Redis.from_url(REDIS_URL)
    try:
        keys = [key async for key in client.scan_iter(match=f"{prefix}:*")]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


async def run_scaleout(report: Report, size: ScaleOutSize, postgres_dsn: str) -> None:
    """One instance, then three, each on a fresh database; rows and the CPU comparison."""
    base = postgres_dsn.rsplit("/", 1)[0]
    figures: dict[int, FleetFigures] = {}
    for count in (1, 3):
        name = f"bench_scaleout_{count}_{os.getpid()}"
        try:
            await seed.create_database(postgres_dsn, name)
        except OSError as error:
            report.add("scale-out", "PostgreSQL", f"unavailable ({error})")
            return
        url = f"{base.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{name}"
        try:
            figures[count] = await measure_fleet(count, size, url)
        finally:
            await seed.drop_database(postgres_dsn, name)
        _rows(
            report,
            f"scale-out: {count} webhook instance{'s' if count > 1 else ''}",
            figures[count],
            size,
        )
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


def _rows(report: Report, section: str, figures: FleetFigures, size: ScaleOutSize) -> None:
    for name, phase in ((f"@{size.rate:g}/s", figures.fixed), ("saturation", figures.saturation)):
        result = phase.result
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
            f"{phase.cpu_per_1000:.2f}",
            raw=phase.cpu_per_1000,
        )
    report.add(
        section,
        "duplicates (an update handled twice)",
        str(figures.duplicates),
        target="0",
        met=figures.duplicates == 0,
        raw=figures.duplicates,
    )
