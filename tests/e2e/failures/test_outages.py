"""The bot's own database drops its connections while an update is handled: nothing lost.

Telegram failing is the other file's subject; here the database goes away for a moment
(a restart, a failover) under a handler, and the person's answer must be kept.
"""

from __future__ import annotations

from collections.abc import Callable

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
