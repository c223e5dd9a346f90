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

import os
import tempfile
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

from bench import seed
from bench.fleet import REDIS_URL, ScaleOutSize, Shape, running_fleet
from bench.load import PhaseResult
from bench.phase import Phase
from bench.report import Report, ms, percentile
from bench.servers import ServerCpu, postgres_pid, redis_pid

COUNTS = (1, 3)
ORDER = (1, 3, 3, 1, 3, 1, 1, 3)
"""The fleets' turns within a phase: a drift that is steady over the phase cancels out, and
so does one that bends once (the second half mirrors the first)."""


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
