"""Outbound: a burst of due reminders, delivered through the bot's outbox and sender.

The reminders are written straight into the database before the bot starts, all due
now; the emulator's flood limits are on. Measured on the emulator: how long delivery
took against the ideal the limits allow, how many 429s the bot got, what never arrived.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import seed
from bench.process import BotProcess, start_bot
from bench.report import Report
from emulator import TelegramEmulator
from storage.migrate import upgrade_database

SECTION = "outbound: sqlite"
USER_IDS = 50_000
GROUP_IDS = -1002000000000

# Telegram's published limits, which the ideal time is computed from.
GLOBAL_PER_SECOND = 30.0
PRIVATE_PER_SECOND = 1.0
GROUP_PER_MINUTE = 20


@dataclass(frozen=True)
class OutboundSize:
    messages: int
    users: int
    groups: int
    per_group: int


QUICK = OutboundSize(messages=100, users=60, groups=1, per_group=20)
FULL = OutboundSize(messages=10_000, users=1_000, groups=5, per_group=20)


def plan(size: OutboundSize) -> Counter[int]:
    """How many messages each chat gets: ``per_group`` per group, the rest spread on users."""
    counts: Counter[int] = Counter()
    for group in range(size.groups):
        counts[GROUP_IDS - group] = size.per_group
    for index in range(size.messages - size.groups * size.per_group):
        counts[USER_IDS + index % size.users] += 1
    return counts


def ideal_seconds(counts: Counter[int]) -> float:
    """The least time the limits allow, bursts aside.

    30 messages a second overall, one a second per private chat, and 20 in any minute
    per group (so 20 may go at once, the 21st a minute later).
    """
    total = sum(counts.values())
    overall = (total - 1) / GLOBAL_PER_SECOND
    private = max(((n - 1) / PRIVATE_PER_SECOND for c, n in counts.items() if c > 0), default=0)
    group = max(
        (((n - 1) // GROUP_PER_MINUTE) * 60.0 for c, n in counts.items() if c < 0), default=0
    )
    return max(overall, private, group)


async def run_outbound(report: Report, size: OutboundSize) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-outbound-") as directory:
        workdir = Path(directory)
        url = f"sqlite+aiosqlite:///{workdir / 'bot.db'}"
        await upgrade_database(url)
        if not {"reminders", "outbox"} <= await seed.tables(url):
            report.not_built(SECTION, "reminders and outbox")
            return
        counts = plan(size)
        now = datetime.now(UTC)
        columns, rows = seed.users(range(USER_IDS, USER_IDS + size.users), now)
        await seed.insert(url, "users", columns, rows)
        due = now - timedelta(seconds=1)
        reminders = [
            seed.reminder(chat_id, due, f"burst {chat_id} #{n}", now)
            for chat_id, count in counts.items()
            for n in range(count)
        ]
        await seed.insert(url, "reminders", seed.REMINDER_COLUMNS, reminders)
        await _deliver(report, workdir, url, counts)


async def _deliver(report: Report, workdir: Path, url: str, counts: Counter[int]) -> None:
    expected = sum(counts.values())
    ideal = ideal_seconds(counts)
    async with TelegramEmulator(rate_limits=True) as tg:
        for chat_id in counts:
            if chat_id > 0:
                tg.add_user(chat_id, f"User {chat_id}")
            else:
                tg.add_group(chat_id, f"Group {-chat_id}")
        env = {
            "BOT_TOKEN": tg.bot_token,
            "TELEGRAM_API_URL": tg.base_url,
            "DATABASE_URL": url,
            "POLLING_TIMEOUT": "5",
            "LOG_LEVEL": "WARNING",
        }
        process = BotProcess("bot", workdir, env, args=["run"])
        try:
            await start_bot(tg, process)

            def delivered() -> int:
                return tg.stats.calls["sendMessage"] - tg.stats.errors[429]

            deadline = asyncio.get_running_loop().time() + ideal * 2 + 30
            last, last_change = 0, asyncio.get_running_loop().time()
            while delivered() < expected:
                await asyncio.sleep(0.5)
                now = asyncio.get_running_loop().time()
                if delivered() != last:
                    last, last_change = delivered(), now
                if now > deadline or now - last_change > 30:
                    break
            await asyncio.sleep(1.0)  # anything sent twice shows up now
        finally:
            await process.stop()
    sends = [c for c in tg.calls if c.method == "sendMessage"]
    ok = [c for c in sends if c.ok and int(c.params.get("chat_id", 0)) in counts]
    got: Counter[int] = Counter(int(c.params["chat_id"]) for c in ok)
    lost = sum(max(0, n - got[chat]) for chat, n in counts.items())
    doubled = sum(max(0, got[chat] - n) for chat, n in counts.items())
    too_many = sum(1 for c in sends if c.error_code == 429)
    took = ok[-1].time - ok[0].time if len(ok) > 1 else float("nan")
    chats = f"{sum(1 for c in counts if c > 0)} users, {sum(1 for c in counts if c < 0)} groups"
    report.add(SECTION, "burst", f"{expected} reminders to {chats}")
    report.add(
        SECTION,
        "time to deliver (first → last send)",
        f"{took:.1f} s vs ideal {ideal:.1f} s ({took / ideal:.2f}×)" if ideal else f"{took:.1f} s",
        target="<= 1.05 × ideal",
        met=bool(ideal) and took <= ideal * 1.05,
        raw=took,
    )
    report.add(SECTION, "429 received", str(too_many), target="0", met=too_many == 0, raw=too_many)
    report.add(SECTION, "messages lost", str(lost), target="0", met=lost == 0, raw=lost)
    report.add(
        SECTION, "messages sent twice", str(doubled), target="0", met=doubled == 0, raw=doubled
    )
