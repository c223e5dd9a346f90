"""Updates survive crashes and are handled once, with the bot as a real process."""

from __future__ import annotations

import os
from pathlib import Path

from emulator import TelegramEmulator
from tests.harness import update_id_of
from tests.process import BotProcess, run_cli


async def test_an_update_in_flight_during_a_crash_is_answered_once_after_restart(
    tg: TelegramEmulator, tmp_path: Path
) -> None:
    tg.add_user(21, "Алиса", language_code="ru")
    first = BotProcess(tg, tmp_path)
    await first.start()
    tg.fail_next("sendMessage", 1, kind="timeout")
    start = await tg.send_message(21, "/start")
    await tg.wait_for_call("sendMessage", timeout=15)
    await first.kill()

    second = BotProcess(tg, tmp_path)
    await second.start()
    try:
        greeting = await tg.next_bot_message(21, timeout=15)
        assert "Здравствуйте, Алиса" in greeting.text
        # Telegram may deliver the same update again; it must not be handled a second time.
        tg.redeliver(update_id_of(tg, start))
        await tg.send_message(21, "/help")
        help_reply = await tg.next_bot_message(21, timeout=15)
        assert help_reply.text.startswith("Команды")
        greetings = [m for m in tg.transcript(21) if m.from_bot and "Здравствуйте" in m.text]
        assert len(greetings) == 1
    finally:
        await second.terminate()


async def test_sigterm_lets_the_bot_stop_cleanly(tg: TelegramEmulator, tmp_path: Path) -> None:
    tg.add_user(22, "Boris", language_code="en")
    process = BotProcess(tg, tmp_path)
    await process.start()
    await tg.send_message(22, "/start")
    await tg.next_bot_message(22, timeout=15)
    log = await process.terminate()
    assert process.process is not None
    assert process.process.returncode == 0
    assert b"event=bot.stopped" in log


async def test_a_missing_token_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
    code, _, err = await run_cli("run", cwd=tmp_path, env=env)
    assert code == 2
    assert err.strip().count("\n") == 0
    assert "BOT_TOKEN is missing" in err
    assert "Traceback" not in err


async def test_an_invalid_setting_names_the_setting(tmp_path: Path) -> None:
    env = {**os.environ, "BOT_TOKEN": "1:x", "TIMEZONE": "Mars/Olympus"}
    code, _, err = await run_cli("check", cwd=tmp_path, env=env)
    assert code == 2
    assert err.startswith("presale-bot: TIMEZONE is invalid")
