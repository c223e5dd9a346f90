"""Reports on the scale database: /report, the weekly report, a whole export, others meanwhile.

Measured against the running bot process: ``/report`` from the command to the last chart
at the emulator; ``/export`` of every request from the command to the file, the bot's peak
RSS at the end, and the answers other people got to ``/my`` while the export was being
built. The weekly report is built here, in-process, with the bot's own code on the same
database (it fires on the real clock, once a week, so it cannot be asked for).
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bench.load import Recorder, measure
from bench.process import BotProcess
from bench.report import Report, ms, percentile
from bot.i18n import I18n
from bot.reporting.compose import charts
from bot.reporting.deliver import draw_all
from bot.reporting.gather import Scope, gather
from bot.reporting.weekly import weekly_text
from domain.clock import SystemClock
from domain.metrics.periods import PeriodKind, period_of, previous_week
from emulator import TelegramEmulator
from scenarios.loader import load_scenarios
from storage.db import create_engine, create_session_factory
from storage.repositories.holder import Repositories

ZONE = ZoneInfo("Europe/Moscow")
#: People asking /my while an export is built, each about once a second: the pace at
#: which Telegram lets a bot answer one private chat, so what is measured is the export's
#: effect, not the flood limit of a chat that asks faster.
BYSTANDERS = 10
BYSTANDER_PAUSE = 1.1


def days(first: datetime, last: datetime) -> str:
    """``/report``'s arguments for the local days of two moments."""
    return (
        f"{first.astimezone(ZONE).date().isoformat()} {last.astimezone(ZONE).date().isoformat()}"
    )


async def report_answer(tg: TelegramEmulator, manager: int, now: datetime) -> float:
    """Seconds from ``/report`` for the last seven days to its last chart at the emulator."""
    started = time.monotonic()
    await tg.send_message(manager, f"/report {days(now - timedelta(days=6), now)}")
    for _ in range(6):  # the text, the tables, four charts
        await tg.next_bot_message(manager, timeout=120)
    return time.monotonic() - started


async def weekly_build(url: str) -> float:
    """Seconds to gather last week and the week before, write the text and draw the charts."""
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            started = time.monotonic()
            repo = Repositories(session, clock=SystemClock())
            catalog = load_scenarios()
            period = period_of(PeriodKind.THIS_WEEK, datetime.now(UTC), ZONE)
            gathered = await gather(repo, catalog, Scope(period), zone=ZONE)
            before = await gather(repo, catalog, Scope(previous_week(period, ZONE)), zone=ZONE)
            t = I18n().get("ru")
            weekly_text(
                t,
                gathered.report,
                before.report,
                trend=gathered.trend,
                period=period,
                zone=ZONE,
                names=gathered.names,
            )
            await draw_all(
                charts(
                    gathered.report,
                    t,
                    zone=ZONE,
                    names=gathered.names,
                    trend=gathered.trend,
                    claim_limit=gathered.claim_limit,
                )
            )
            return time.monotonic() - started
    finally:
        await engine.dispose()


async def export_all(
    tg: TelegramEmulator,
    recorder: Recorder,
    process: BotProcess,
    manager: int,
    first_user: int,
    first: datetime,
) -> tuple[float, list[float], float]:
    """Seconds from ``/export`` of everything to the file; /my latencies of others meanwhile;
    the export worker's peak RSS (MiB), sampled every half second."""
    bystanders = list(range(first_user, first_user + BYSTANDERS))
    for user in bystanders:
        tg.add_user(user, f"Bystander {user}")
    done = asyncio.Event()

    async def ask(user: int) -> None:
        while not done.is_set():
            await tg.send_message(user, "/my")
            await tg.next_bot_message(user, timeout=60)
            await asyncio.sleep(BYSTANDER_PAUSE)

    mark = recorder.mark()
    started = time.monotonic()
    await tg.send_message(manager, f"/export {days(first, datetime.now(UTC))}")
    askers = [asyncio.create_task(ask(user)) for user in bystanders]
    worker_peak = 0.0

    async def watch() -> None:
        nonlocal worker_peak
        while not done.is_set():
            worker_peak = max(worker_peak, process.children_peak())
            await asyncio.sleep(0.5)

    watcher = asyncio.create_task(watch())
    while True:
        message = await tg.next_bot_message(manager, timeout=600)
        if "document" in message.raw:
            break
    took = time.monotonic() - started
    done.set()
    await asyncio.gather(*askers, watcher)
    return took, measure(recorder, mark, set(bystanders)).latencies, worker_peak


async def run_reports(
    report: Report,
    section: str,
    *,
    tg: TelegramEmulator,
    recorder: Recorder,
    process: BotProcess,
    url: str,
    manager: int,
    report_askers: tuple[int, int],
    first_user: int,
    oldest: datetime,
) -> None:
    """The four rows of the reports part.

    Each ``/report`` is asked in a chat of its own: a report is six messages (the text,
    the tables, an album of four charts), most of the burst Telegram allows one private
    chat, and a second one in the same chat would be measuring that limit.
    """
    now = datetime.now(UTC)
    # The first one after start also imports matplotlib (about a second), the next does not.
    first = await report_answer(tg, report_askers[0], now)
    answer = await report_answer(tg, report_askers[1], now)
    report.add(
        section, "/report of 7 days (text, tables, 4 charts), first / next",
        f"{first:.2f} / {answer:.2f} s", target="< 2 s", met=answer < 2, raw=answer,
    )  # fmt: skip
    built = await weekly_build(url)
    report.add(
        section, "weekly report built (2 weeks, text, charts)", f"{built:.2f} s",
        target="< 5 s", met=built < 5, raw=built,
    )  # fmt: skip
    took, others, worker = await export_all(tg, recorder, process, manager, first_user, oldest)
    _, peak = process.memory()
    report.add(
        section, "/export of every request (XLSX)",
        f"{took:.1f} s, peak RSS {peak:.0f} MiB (its worker {worker:.0f} MiB)",
        target="< 30 s, < 300 MB", met=took < 30 and peak * 1.048576 < 300, raw=took,
    )  # fmt: skip
    p99 = percentile(others, 0.99)
    report.add(
        section, f"others' /my during the export, p50/p99 of {len(others)}",
        f"{ms(percentile(others, 0.5))} / {ms(p99)}",
        target="p99 < 100 ms", met=p99 < 0.1, raw=p99,
    )  # fmt: skip
