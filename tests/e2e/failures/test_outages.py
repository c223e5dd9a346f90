"""The bot's own database goes away for a moment: nothing lost, and the bot goes on.

Telegram failing is the other file's subject; here the database drops its connections
(a restart, a failover) under a handler, or another writer holds SQLite locked while
polling has a batch to record.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.settings import Settings
from emulator import TelegramEmulator
from storage.db import connect_outside_pool
from storage.models import UpdateStatus
from tests.e2e.failures.conftest import update_status
from tests.e2e.intake.flow import fill, next_screen, open_form, scenario
from tests.harness import Person, RunningBot, update_id_of

ERP = scenario("it_erp")
APOLOGY = "Что-то пошло не так"


async def cut_connections(database_url: str) -> int:
    """End every server session of the database but this one, as a restart would."""
    admin = await connect_outside_pool(database_url)
    try:
        ended = await admin.fetch(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = $1 AND pid <> pg_backend_pid()",
            make_url(database_url).database,
        )
    finally:
        await admin.close()
    return len(ended)


@pytest.mark.parametrize("backend", ["postgres"])
async def test_an_answer_whose_database_connection_dropped_is_kept_and_the_dialog_goes_on(
    database_url: str,
    settings_for: Callable[..., Settings],
    person: Callable[..., Person],
    tg: TelegramEmulator,
) -> None:
    async with RunningBot(settings_for(database_url=database_url)) as running:
        anna = person(66, "Анна")
        company = await open_form(anna, "it_erp")
        assert "Как называется компания" in company.text
        # The next question is sent while the handler still holds its transaction open;
        # the database's sessions end before the handler gets to commit.
        await running.app.poller.drain()  # the form's start is committed
        tg.fail_next("sendMessage", kind="slow", hold=30, chat_id=66)
        before = len(tg.calls_of("sendMessage"))
        answer = await anna.send("Ромашка")
        await tg.wait_for(
            lambda: len(tg.calls_of("sendMessage")) > before, what="the next question sent"
        )
        assert await cut_connections(database_url) > 0
        tg.release_held()

        assert await update_status(running, update_id_of(tg, answer)) == UpdateStatus.DONE
        assert not [m for m in tg.bot_messages(66) if APOLOGY in m.text]
        industry = await next_screen(anna)
        assert "Чем занимается клиент" in industry.text
        summary, asked = await fill(anna, ERP, "ru", industry)
        assert "company_name" not in asked
        assert "Ромашка" in summary.text


class LogLine(logging.Handler):
    """Sets ``seen`` when a line containing ``needle`` is logged, so a test awaits it."""

    def __init__(self, needle: str) -> None:
        super().__init__()
        self._needle = needle
        self._loop = asyncio.get_running_loop()
        self.seen = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if self._needle in record.getMessage():
            self._loop.call_soon_threadsafe(self.seen.set)


@contextmanager
def watching(needle: str) -> Iterator[LogLine]:
    line = LogLine(needle)
    root = logging.getLogger()
    root.addHandler(line)
    try:
        yield line
    finally:
        root.removeHandler(line)


@contextmanager
def locked_by_another_writer(path: Path) -> Iterator[None]:
    """Another connection holds SQLite's write lock, as a second process could."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


async def test_polling_outlives_a_database_it_cannot_write_and_the_update_is_answered_once(
    settings_for: Callable[..., Settings],
    person: Callable[..., Person],
    tg: TelegramEmulator,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with RunningBot(settings_for()) as running:  # SQLite in tmp_path
        anna = person(68, "Анна")
        assert "Здравствуйте" in (await anna.ask("/start")).text
        await running.app.poller.drain()
        with watching("event=polling.record_failed") as failed:
            with locked_by_another_writer(tmp_path / "bot.db"):
                await anna.send("/help")
                await asyncio.wait_for(failed.seen.wait(), timeout=30)
            answered = await anna.reply(timeout=30)

        assert "Команды" in answered.text
        await running.app.poller.drain()
        assert [m.text for m in tg.bot_messages(68)].count(answered.text) == 1
        said = [r.getMessage() for r in caplog.records if "polling.record" in r.getMessage()]
        assert said[0].startswith("event=polling.record_failed updates=1 outage=began error=")
        assert "database is locked" in said[0]
        assert said[1].startswith("event=polling.record_resumed outage=over failures=1 ")
        assert len(said) == 2
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
