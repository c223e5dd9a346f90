"""A second polling process on the same token and database refuses to start."""

from __future__ import annotations

from pathlib import Path

import pytest

from emulator import TelegramEmulator
from tests.harness import Person
from tests.process import BotProcess


@pytest.mark.postgres
async def test_a_second_polling_process_refuses_with_one_line_and_the_first_goes_on(
    tg: TelegramEmulator, tmp_path: Path, database_url: str
) -> None:
    first = BotProcess(tg, tmp_path, DATABASE_URL=database_url)
    await first.start()
    second = BotProcess(tg, tmp_path, DATABASE_URL=database_url)
    try:
        code, error = await second.run_to_end()
        assert code == 2
        [line] = error.strip().splitlines()[-1:]
        assert line.startswith("presale-bot: another process already polls Telegram")
        assert "Traceback" not in error

        tg.add_user(51, "Boris", language_code="en")
        assert (await Person(tg, 51).ask("/start")).text.startswith("Hello")
    finally:
        await first.terminate()


async def test_a_polling_process_killed_with_9_is_replaced_at_once(
    tg: TelegramEmulator, tmp_path: Path
) -> None:
    first = BotProcess(tg, tmp_path)
    await first.start()
    await first.kill()
    second = BotProcess(tg, tmp_path)
    await second.start()  # the lock died with the first process
    await second.terminate()
