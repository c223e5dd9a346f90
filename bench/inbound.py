"""Inbound: people completing the IT/ERP intake dialog while experts take the requests.

The same load runs against the bare echo bot first (the baseline), then against the real
bot in its own process: a phase at a fixed offered load and a phase at saturation.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.load import Recorder
from bench.people import (
    EXPERT_IDS,
    LEAD_IDS,
    TEAM_CHAT_ID,
    Budget,
    Worker,
    echo_person,
    lead_person,
    stuck,
)
from bench.phase import Phase, run_phase
from bench.process import BotProcess, start_bot
from bench.report import Report, ms, percentile
from emulator import TelegramEmulator


@dataclass(frozen=True)
class InboundSize:
    """How much load: the offered rate, updates per phase, and how many people."""

    rate: float
    fixed_updates: int
    saturation_updates: int
    people: int
    experts: int


QUICK = InboundSize(rate=50, fixed_updates=60, saturation_updates=100, people=8, experts=2)
FULL = InboundSize(rate=100, fixed_updates=1000, saturation_updates=1500, people=24, experts=4)


@dataclass
class BotFigures:
    fixed: Phase
    saturation: Phase
    peak_rss_mib: float
    startup: float


async def measure_bot(
    module: str,
    worker: Worker,
    size: InboundSize,
    *,
    env: dict[str, Any],
    workdir: Path,
    with_team: bool,
) -> BotFigures:
    """One bot process against a fresh emulator with flood limits off: both phases."""
    async with TelegramEmulator(rate_limits=False) as tg:
        recorder = Recorder(tg)
        people = [LEAD_IDS + n for n in range(size.people)]
        experts = [EXPERT_IDS + n for n in range(size.experts)] if with_team else []
        for user_id in people:
            tg.add_user(user_id, f"Lead {user_id}")
        for user_id in experts:
            tg.add_user(user_id, f"Expert {user_id}")
        tg.add_group(TEAM_CHAT_ID, "Presale team", members=experts)
        process = BotProcess(
            module,
            workdir,
            {"BOT_TOKEN": tg.bot_token, "TELEGRAM_API_URL": tg.base_url, **env},
            args=["run"] if module == "bot" else [],
        )
        try:
            startup = await start_bot(tg, process)
            await worker(tg, people[0], Budget(recorder, 1))  # warm-up: one round
            fixed = await run_phase(
                tg,
                recorder,
                process,
                rate=size.rate,
                target=size.fixed_updates,
                people=people,
                worker=worker,
                experts=experts,
            )
            saturation = await run_phase(
                tg,
                recorder,
                process,
                rate=None,
                target=size.saturation_updates,
                people=people,
                worker=worker,
                experts=experts,
            )
            _, peak = process.memory()
        finally:
            code = await process.stop()
        if code not in (0, -15):
            raise RuntimeError(f"{module} exited with {code}:\n{process.log_tail()}")
        return BotFigures(fixed=fixed, saturation=saturation, peak_rss_mib=peak, startup=startup)


def bot_env(database_url: str) -> dict[str, str]:
    """The real bot's settings for the benchmark: a team group, open claiming."""
    return {
        "DATABASE_URL": database_url,
        "TEAM_CHAT_ID": str(TEAM_CHAT_ID),
        "CLAIM_POLICY": "open",
        "AUTO_ASSIGN": "false",
        "POLLING_TIMEOUT": "5",
        "LOG_LEVEL": "INFO",
    }


async def run_inbound(
    report: Report,
    size: InboundSize,
    *,
    section: str,
    database_url: str | None,
    echo: BotFigures | None,
) -> BotFigures:
    """Measure the echo baseline (unless given) and the real bot; add rows to ``report``."""
    with tempfile.TemporaryDirectory(prefix="bench-inbound-") as directory:
        workdir = Path(directory)
        if echo is None:
            echo = await measure_bot(
                "bench.echo_bot", echo_person, size, env={}, workdir=workdir, with_team=False
            )
            _rows(report, "inbound: echo baseline", echo, size)
        url = database_url or f"sqlite+aiosqlite:///{workdir / 'bot.db'}"
        ours = await measure_bot(
            "bot", lead_person, size, env=bot_env(url), workdir=workdir, with_team=True
        )
    _rows(report, section, ours, size)
    ratio = ours.saturation.result.per_second / max(echo.saturation.result.per_second, 1e-9)
    report.add(
        section,
        "throughput ours/echo",
        f"{ratio:.2f}",
        target=">= 0.60",
        met=ratio >= 0.6,
        raw=ratio,
    )
    report.add(
        section, "dialogs stuck", str(len(stuck)), target="0", met=not stuck, raw=len(stuck)
    )
    for line in stuck[:3]:
        report.add(section, "  stuck", line[:120])
    stuck.clear()
    claims = ours.fixed.claims + ours.saturation.claims
    if claims == 0:
        report.not_built(section, "experts taking requests")
    else:
        report.add(section, "requests taken by experts", str(claims), raw=claims)
    return echo


def _rows(report: Report, section: str, figures: BotFigures, size: InboundSize) -> None:
    report.add(section, "start-up (spawn → polling)", f"{figures.startup:.2f} s")
    for name, phase in (
        (f"@{size.rate:g}/s", figures.fixed),
        ("saturation", figures.saturation),
    ):
        result = phase.result
        p99 = percentile(result.latencies, 0.99)
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
            target="p99 < 50 ms" if phase is figures.fixed else "",
            met=p99 < 0.05 if phase is figures.fixed else None,
            raw=p99,
        )
        wall = max(result.seconds, 1e-9)
        report.add(
            section,
            f"{name}: bot CPU s / 1000 updates",
            f"{phase.cpu_per_1000:.2f} (driver at {phase.driver_cpu / wall:.0%} of a core)",
            raw=phase.cpu_per_1000,
        )
    report.add(
        section, "bot peak RSS", f"{figures.peak_rss_mib:.0f} MiB", raw=figures.peak_rss_mib
    )
