"""A bot that cannot start says why in one line and exits with a code, not a traceback."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import aiohttp
import pytest

from emulator import RetryPolicy, TelegramEmulator
from tests.e2e.webhook.conftest import free_port
from tests.harness import sqlite_url
from tests.process import BotProcess, run_cli


def cli_env(tg: TelegramEmulator, tmp_path: Path, **settings: str) -> dict[str, str]:
    """The environment of a `presale-bot` command against ``tg``, on SQLite in ``tmp_path``."""
    return {
        **os.environ,
        "BOT_TOKEN": tg.bot_token,
        "TELEGRAM_API_URL": tg.base_url,
        "DATABASE_URL": sqlite_url(tmp_path),
        **settings,
    }


def webhook_env(tg: TelegramEmulator, tmp_path: Path, url: str, **settings: str) -> dict[str, str]:
    """:func:`cli_env` in webhook mode at ``url``, listening on a free local port."""
    webhook = {
        "MODE": "webhook",
        "WEBHOOK_URL": url,
        "WEBHOOK_SECRET": "s3cret",
        "LISTEN_HOST": "127.0.0.1",
        "LISTEN_PORT": str(free_port()),
    }
    return cli_env(tg, tmp_path, **(webhook | settings))


async def test_a_missing_token_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
    code, _, err = await run_cli("run", cwd=tmp_path, env=env)
    assert code == 2
    assert err.strip().count("\n") == 0
    assert "BOT_TOKEN is missing" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["run", "migrate"])
@pytest.mark.parametrize(
    "database",
    [
        "postgresql+asyncpg://postgres@127.0.0.1:{closed_port}/test",
        "postgresql+asyncpg://postgres@127.0.0.1:5432/no_such_database",
    ],
)
async def test_a_database_that_cannot_be_reached_is_one_line_and_exit_code_1(
    tg: TelegramEmulator, tmp_path: Path, command: str, database: str
) -> None:
    env = cli_env(tg, tmp_path, DATABASE_URL=database.format(closed_port=free_port()))
    code, _, err = await run_cli(command, cwd=tmp_path, env=env)
    assert code == 1
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("presale-bot: cannot connect to the database in DATABASE_URL: ")
    if "no_such_database" in database:
        assert 'database "no_such_database" does not exist' in last


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_a_redis_that_cannot_be_reached_is_one_line_and_exit_code_1(
    tg: TelegramEmulator, tmp_path: Path, mode: str
) -> None:
    closed_port = free_port()
    env = webhook_env(
        tg,
        tmp_path,
        "https://bot.example.com/telegram",
        REDIS_URL=f"redis://127.0.0.1:{closed_port}/0",
        MODE=mode,
    )
    code, _, err = await run_cli("run", cwd=tmp_path, env=env)
    assert code == 1
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == (
        f"presale-bot: cannot reach Redis in REDIS_URL: Error 111 connecting to "
        f"127.0.0.1:{closed_port}. Connect call failed ('127.0.0.1', {closed_port})."
    )
    assert not tg.calls_of("setWebhook")  # nothing was started against Telegram


async def test_polling_beside_a_webhook_stops_with_one_line_until_the_webhook_is_deleted(
    tmp_path: Path,
) -> None:
    patient = RetryPolicy(attempts=100_000, first_delay=0.1, max_delay=0.5)
    async with TelegramEmulator(webhook_retry=patient) as tg:
        tg.add_user(23, "Вера", language_code="ru")
        # Another deployment of the token in webhook mode, down at the moment.
        elsewhere = f"http://127.0.0.1:{free_port()}/telegram"
        await set_webhook(tg, elsewhere)
        await tg.send_message(23, "/start")  # waits at Telegram for the webhook
        env = cli_env(tg, tmp_path)

        code, _, err = await run_cli("run", cwd=tmp_path, env=env)
        assert code == 2
        assert "Traceback" not in err
        refusal = (
            f"presale-bot: Telegram posts this bot's updates to a webhook at {elsewhere}, and "
            "polling cannot run beside it; stop the deployment that set it and run "
            "`presale-bot delete-webhook`, or run in webhook mode"
        )
        assert err.strip().splitlines()[-1] == refusal
        code, out, _ = await run_cli("check", cwd=tmp_path, env=env)
        assert f"FAIL  webhook: Telegram posts to {elsewhere}, so polling cannot run" in out

        code, out, _ = await run_cli("delete-webhook", cwd=tmp_path, env=env)
        assert code == 0
        assert out.strip() == (
            f"presale-bot: the webhook at {elsewhere} is deleted; 1 update(s) wait for polling"
        )
        process = BotProcess(tg, tmp_path)
        await process.start()
        assert process.process is not None
        try:
            greeting = await tg.next_bot_message(23, timeout=15)  # the update that waited
            assert "Здравствуйте, Вера" in greeting.text
            # The other deployment starts again and sets its webhook: polling stops.
            await set_webhook(tg, elsewhere)
            _, stderr = await asyncio.wait_for(process.process.communicate(), timeout=30)
        finally:
            if process.process.returncode is None:
                await process.terminate()
        assert process.process.returncode == 2
        assert stderr.decode().strip().splitlines()[-1] == refusal


async def set_webhook(tg: TelegramEmulator, url: str) -> None:
    """What another deployment of the same token in webhook mode does at its start."""
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{tg.base_url}/bot{tg.bot_token}/setWebhook", json={"url": url}) as answer,
    ):
        assert answer.status == 200


async def test_a_webhook_address_telegram_refuses_is_one_line_and_exit_code_2(
    tg: TelegramEmulator, tmp_path: Path
) -> None:
    url = "https://bot.example.com:8080/telegram"  # the listening port, not a public one
    env = webhook_env(tg, tmp_path, url)
    code, _, err = await run_cli("run", cwd=tmp_path, env=env)
    assert code == 2
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == (
        f"presale-bot: Telegram refused WEBHOOK_URL {url}: Bad Request: bad webhook: "
        "Webhook can be set up only on ports 80, 88, 443 or 8443"
    )


async def test_an_invalid_setting_names_the_setting(tmp_path: Path) -> None:
    env = {**os.environ, "BOT_TOKEN": "1:x", "TIMEZONE": "Mars/Olympus"}
    code, _, err = await run_cli("check", cwd=tmp_path, env=env)
    assert code == 2
    assert err.startswith("presale-bot: TIMEZONE is invalid")
