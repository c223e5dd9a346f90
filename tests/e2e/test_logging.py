"""Logs: one event per line, update and user on every line, no personal data at INFO."""

from __future__ import annotations

import json
from pathlib import Path

from emulator import TelegramEmulator
from tests.process import BotProcess


async def test_json_logs_carry_update_and_user_but_no_personal_data(
    tg: TelegramEmulator, tmp_path: Path
) -> None:
    tg.add_user(31, "Секретова", last_name="Тайная", username="secret_user", language_code="ru")
    process = BotProcess(tg, tmp_path, LOG_FORMAT="json")
    await process.start()
    await tg.send_message(31, "/start")
    await tg.next_bot_message(31, timeout=15)
    await tg.send_message(31, "позвоните +7 999 123-45-67, ООО Ромашка")
    await tg.next_bot_message(31, timeout=15)
    log = (await process.terminate()).decode()

    records = [json.loads(line) for line in log.splitlines() if line.strip()]
    handled = [r for r in records if r["msg"].startswith("event=update.handled")]
    assert len(handled) == 2
    assert all(r["user_id"] == 31 and isinstance(r["update_id"], int) for r in handled)
    for secret in ("Секретова", "Тайная", "secret_user", "123-45-67", "Ромашка"):
        assert secret not in log


async def test_key_value_logs_are_one_line_per_event(tg: TelegramEmulator, tmp_path: Path) -> None:
    tg.add_user(32, "Boris", language_code="en")
    process = BotProcess(tg, tmp_path, LOG_FORMAT="kv")
    await process.start()
    await tg.send_message(32, "/help")
    await tg.next_bot_message(32, timeout=15)
    log = (await process.terminate()).decode()

    lines = log.splitlines()
    assert any(line.startswith("ts=") and "event=bot.started" in line for line in lines)
    handled = [line for line in lines if "event=update.handled" in line]
    assert len(handled) == 1
    assert "user_id=32" in handled[0]
    assert "update_id=" in handled[0]
