"""Workspace: ``/work``, ``/find`` and ``/r`` on the scale part's requests, alone and repeated.

The scale part times these five times each, after everything else it measures. This part
loads the same requests (without the pending reminders, which these commands never read),
starts the bot and sends each command more often, a second apart (a private chat's pace once
its burst is spent), so that a pause falling on one update in a few dozen shows in the
figures. Reported per command: answer p50 and max (update available → answer at the
emulator), and the bot's CPU time per command and the pause after it (its periodic jobs
run meanwhile: compare it between runs, not with the latency).
"""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.load import Recorder, measure
from bench.process import BotProcess, start_bot
from bench.report import Report, ms, percentile
from bench.scale import ASKERS, FIND_QUERIES
from bench.scale_data import seed_database
from emulator import TelegramEmulator
from storage.migrate import upgrade_database

PACE = 1.0
"""Seconds between two commands of one person: a private chat's pace after its burst."""
SETTLE = 3.0
"""Seconds given to the bot after it starts polling: its periodic jobs make their first pass
over the requests then, as they would long before anyone's command in a running bot."""


@dataclass(frozen=True)
class WorkspaceSize:
    requests: int
    repeats: int


QUICK = WorkspaceSize(requests=2_000, repeats=3)
FULL = WorkspaceSize(requests=100_000, repeats=20)


def _commands(size: WorkspaceSize) -> list[tuple[str, list[str], float]]:
    """Each command, the texts it cycles through and its target (seconds)."""
    opened = [f"/r {size.requests // 2 + n}" for n in range(size.repeats)]
    return [("/work", ["/work"], 0.1), ("/find", list(FIND_QUERIES), 0.1), ("/r", opened, 0.05)]


async def run_workspace(report: Report, size: WorkspaceSize, *, section: str) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-workspace-") as directory:
        workdir = Path(directory)
        url = f"sqlite+aiosqlite:///{workdir / 'bot.db'}"
        await upgrade_database(url)
        seeded, _ = await seed_database(
            url, requests=size.requests, users=1_000, reminders=0, now=datetime.now(UTC)
        )
        report.add(section, "data", f"{size.requests:,} requests (loaded in {seeded:.1f} s)")
        async with TelegramEmulator(rate_limits=True) as tg:
            await _run_bot(report, size, section, url, workdir, tg)


async def _run_bot(
    report: Report,
    size: WorkspaceSize,
    section: str,
    url: str,
    workdir: Path,
    tg: TelegramEmulator,
) -> None:
    recorder = Recorder(tg)
    commands = _commands(size)
    askers = {name: ASKERS[name] for name, _, _ in commands}
    for command, asker in askers.items():
        tg.add_user(asker, f"Admin {command}")
    env = {
        "BOT_TOKEN": tg.bot_token,
        "TELEGRAM_API_URL": tg.base_url,
        "DATABASE_URL": url,
        "ADMIN_IDS": ",".join(str(admin) for admin in askers.values()),
        "POLLING_TIMEOUT": "5",
        "LOG_LEVEL": "WARNING",
    }
    process = BotProcess("bot", workdir, env, args=["run"])
    try:
        await start_bot(tg, process)
        await asyncio.sleep(SETTLE)
        for name, texts, target in commands:
            asker = askers[name]
            mark = recorder.mark()
            cpu = process.cpu_seconds()
            for index in range(size.repeats):
                await tg.send_message(asker, texts[index % len(texts)])
                await tg.next_bot_message(asker, timeout=30)
                await asyncio.sleep(PACE)
            cpu = (process.cpu_seconds() - cpu) / size.repeats
            took = measure(recorder, mark, {asker}).latencies
            worst = max(took, default=float("nan"))
            report.add(
                section,
                f"{name} answer p50 / max of {size.repeats}; bot CPU per command and pause",
                f"{ms(percentile(took, 0.5))} / {ms(worst)}; {ms(cpu)}",
                target=f"< {target * 1000:.0f} ms",
                met=worst < target,
                raw=worst,
            )
    finally:
        await process.stop()
