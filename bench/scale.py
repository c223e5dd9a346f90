"""Scale: the bot started on a big database — pending reminders and many requests.

Measured: start-up (process start → first getUpdates at the emulator), memory, how late
the reminders falling due during the run arrive, and how long ``/queue`` and ``/my``
take to answer, and ``/work``, ``/find`` and ``/r`` (update available → answer at the
emulator).
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import reports, seed
from bench.load import Recorder, measure
from bench.process import BotProcess, start_bot
from bench.report import Report, ms, percentile
from bench.scale_data import MANAGER, USERS, seed_database
from emulator import TelegramEmulator
from storage.migrate import upgrade_database

ASKERS = {
    "/work": USERS - 1,
    "/find": USERS - 2,
    "/r": USERS - 3,
    "/report": USERS - 4,
    "/report again": USERS - 5,
}
"""Admins of their own for the newer commands: a private chat takes about one message a
second once its burst is spent, and /queue and /my spend the manager's."""
DUE_SOON = 70_000
SENTINEL = 69_999
COMMAND_REPEATS = 5


@dataclass(frozen=True)
class ScaleSize:
    reminders: int
    requests: int
    users: int
    due_soon: int
    lead: float
    window: float


QUICK = ScaleSize(reminders=20_000, requests=2_000, users=200, due_soon=30, lead=3, window=2)
FULL = ScaleSize(
    reminders=1_000_000, requests=100_000, users=1_000, due_soon=200, lead=3, window=10
)

FIND_QUERIES = ("/find Client 4242", "/find 8 (900) 000-42-42", "/find nothing like this")
"""A piece of a company name, a phone in another format, and a miss (the whole table read)."""


async def run_scale(
    report: Report, size: ScaleSize, *, section: str, database_url: str | None
) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as directory:
        workdir = Path(directory)
        url = database_url or f"sqlite+aiosqlite:///{workdir / 'bot.db'}"
        await upgrade_database(url)
        now = datetime.now(UTC)
        seeded, has_reminders = await seed_database(
            url, requests=size.requests, users=size.users, reminders=size.reminders, now=now
        )
        report.add(
            section,
            "data",
            f"{size.reminders:,} pending reminders, {size.requests:,} requests with their "
            f"events (loaded in {seeded:.1f} s)"
            if has_reminders
            else f"{size.requests:,} requests (loaded in {seeded:.1f} s)",
        )
        async with TelegramEmulator(rate_limits=True) as tg:
            await _run_bot(report, size, section, url, workdir, tg, has_reminders)


async def _run_bot(
    report: Report,
    size: ScaleSize,
    section: str,
    url: str,
    workdir: Path,
    tg: TelegramEmulator,
    has_reminders: bool,
) -> None:
    recorder = Recorder(tg)
    tg.add_user(MANAGER, "Manager")
    for command, asker in ASKERS.items():
        tg.add_user(asker, f"Admin {command}")
    tg.add_user(SENTINEL, "Sentinel")
    if has_reminders:
        # The engine sleeps until the earliest due time it read from the table, and rows
        # written by another process do not wake it; a reminder due every two seconds
        # makes it look again soon after the rows due during the run are added.
        now = datetime.now(UTC)
        ticks = [
            seed.reminder(SENTINEL, now + timedelta(seconds=n), f"tick {n}", now)
            for n in range(2, 600, 2)
        ]
        await seed.insert(url, "reminders", seed.REMINDER_COLUMNS, ticks)
    env = {
        "BOT_TOKEN": tg.bot_token,
        "TELEGRAM_API_URL": tg.base_url,
        "DATABASE_URL": url,
        "ADMIN_IDS": ",".join(str(admin) for admin in (MANAGER, *ASKERS.values())),
        "POLLING_TIMEOUT": "5",
        "LOG_LEVEL": "WARNING",
    }
    process = BotProcess("bot", workdir, env, args=["run"])
    try:
        startup = await start_bot(tg, process)
        report.add(
            section,
            "start-up (spawn → polling)",
            f"{startup:.2f} s",
            target="< 3 s",
            met=startup < 3,
            raw=startup,
        )
        lateness = await _lateness(tg, url, size) if has_reminders else None
        rss, peak = process.memory()
        report.add(
            section,
            "RSS now / peak",
            f"{rss:.0f} / {peak:.0f} MiB",
            target="< 250 MB",
            met=peak * 1.048576 < 250,
            raw=peak,
        )
        if lateness is None:
            report.not_built(section, "reminder lateness")
        else:
            late, lost = lateness
            p99 = percentile(late, 0.99)
            report.add(
                section,
                f"lateness of {size.due_soon} reminders due during the run, p50/p99/max",
                f"{ms(percentile(late, 0.5))} / {ms(p99)} / {ms(max(late, default=float('nan')))}"
                + (f", {lost} never came" if lost else ""),
                target="p99 < 1 s, none lost",
                met=p99 < 1 and lost == 0,
                raw=p99,
            )
        commands = [
            ("/queue", ["/queue"], 0.1),
            ("/my", ["/my"], 0.1),
            ("/work", ["/work"], 0.1),
            ("/find", list(FIND_QUERIES), 0.1),
            ("/r", [f"/r {size.requests // 2 + n}" for n in range(COMMAND_REPEATS)], 0.05),
        ]
        for name, texts, target in commands:
            asker = ASKERS.get(name, MANAGER)
            mark = recorder.mark()
            for index in range(COMMAND_REPEATS):
                await tg.send_message(asker, texts[index % len(texts)])
                await tg.next_bot_message(asker, timeout=30)
            took = measure(recorder, mark, {asker}).latencies
            worst = max(took, default=float("nan"))
            report.add(
                section,
                f"{name} answer p50 / max of {COMMAND_REPEATS}",
                f"{ms(percentile(took, 0.5))} / {ms(worst)}",
                target=f"< {target * 1000:.0f} ms",
                met=worst < target,
                raw=worst,
            )
        await reports.run_reports(
            report,
            section,
            tg=tg,
            recorder=recorder,
            process=process,
            url=url,
            manager=MANAGER,
            report_askers=(ASKERS["/report"], ASKERS["/report again"]),
            first_user=DUE_SOON + size.due_soon + 1,
            oldest=datetime.now(UTC) - timedelta(minutes=size.requests + 120),
        )
    finally:
        await process.stop()


async def _lateness(tg: TelegramEmulator, url: str, size: ScaleSize) -> tuple[list[float], int]:
    """Add reminders due during the run, each to a person of its own; their lateness.

    Returns the seconds between each one's due time and its arrival at the emulator,
    and how many never came.
    """
    start = time.time() + size.lead
    due: dict[int, float] = {}
    rows = []
    for n in range(size.due_soon):
        chat_id = DUE_SOON + n
        tg.add_user(chat_id, f"Due {n}")
        due[chat_id] = start + n * size.window / size.due_soon
        at = datetime.fromtimestamp(due[chat_id], UTC)
        rows.append(seed.reminder(chat_id, at, f"due #{n}", datetime.now(UTC)))
    await seed.insert(url, "reminders", seed.REMINDER_COLUMNS, rows, analyze=False)
    arrived: dict[int, float] = {}
    calls = tg.world.calls
    read = 0

    def all_came() -> bool:
        nonlocal read
        for call in calls[read:]:
            chat_id = int(call.params.get("chat_id", 0))
            if call.method == "sendMessage" and call.ok and chat_id in due:
                arrived.setdefault(chat_id, call.time)
        read = len(calls)
        return len(arrived) == len(due)

    with contextlib.suppress(AssertionError):  # the ones that never came are counted
        await tg.wait_for(all_came, timeout=max(due.values()) + 30 - time.time())
    late = [max(0.0, arrived[chat] - due[chat]) for chat in arrived]
    return late, len(due) - len(arrived)
