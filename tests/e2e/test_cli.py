"""The command line: check, migrate, scenarios check and the demo, as real processes."""

from __future__ import annotations

import os
from pathlib import Path

from redis.asyncio import Redis

from emulator import TelegramEmulator
from tests.e2e.webhook.conftest import free_port
from tests.process import run_cli
from tests.storage.fixtures import REDIS_URL


def _env(tmp_path: Path, **values: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_", "REDIS_"))
    }
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'bot.db'}"
    env.update(values)
    return env


async def test_check_passes_against_a_reachable_api_with_a_valid_token(
    tg: TelegramEmulator, tmp_path: Path
) -> None:
    env = _env(tmp_path, BOT_TOKEN=tg.bot_token, TELEGRAM_API_URL=tg.base_url)
    assert (await run_cli("migrate", cwd=tmp_path, env=env))[0] == 0
    code, out, _ = await run_cli("check", cwd=tmp_path, env=env)
    assert code == 0, out
    assert "ok    database" in out
    assert "--    redis: REDIS_URL is not set, one instance only" in out
    assert "ok    scenarios" in out
    assert f"ok    token: @{tg.bot.username}" in out
    assert "ok    webhook: none, the bot polls" in out


async def test_check_asks_the_redis_in_redis_url(tg: TelegramEmulator, tmp_path: Path) -> None:
    env = _env(tmp_path, BOT_TOKEN=tg.bot_token, TELEGRAM_API_URL=tg.base_url)
    assert (await run_cli("migrate", cwd=tmp_path, env=env))[0] == 0
    code, out, _ = await run_cli("check", cwd=tmp_path, env=env | {"REDIS_URL": REDIS_URL})
    assert code == 0, out
    assert "ok    redis" in out
    redis = Redis.from_url(REDIS_URL)
    try:
        durable = (await redis.info("persistence"))["aof_enabled"] == 1
    finally:
        await redis.aclose()
    assert ("--    redis: Redis keeps no append-only file" in out) is not durable

    closed = f"redis://127.0.0.1:{free_port()}/0"
    code, out, _ = await run_cli("check", cwd=tmp_path, env=env | {"REDIS_URL": closed})
    assert code == 1
    assert "FAIL  redis: Error 111 connecting to 127.0.0.1:" in out
    assert "ok    database" in out  # the rest is still checked


async def test_check_reports_a_rejected_token_and_an_unmigrated_database(
    tg: TelegramEmulator, tmp_path: Path
) -> None:
    env = _env(tmp_path, BOT_TOKEN="42:WRONG", TELEGRAM_API_URL=tg.base_url)
    code, out, _ = await run_cli("check", cwd=tmp_path, env=env)
    assert code == 1
    assert "FAIL  token" in out
    assert "FAIL  database" in out


async def test_migrate_creates_the_sqlite_file_without_a_token(tmp_path: Path) -> None:
    code, out, err = await run_cli("migrate", cwd=tmp_path, env=_env(tmp_path))
    assert code == 0, err
    assert (tmp_path / "data" / "bot.db").exists()
    assert "up to date" in out


async def test_scenarios_check_names_file_and_field(tmp_path: Path) -> None:
    assert (await run_cli("scenarios", "check", cwd=tmp_path, env=_env(tmp_path)))[0] == 0
    (tmp_path / "broken.yaml").write_text(
        "id: broken\nversion: 1\ntitle: {ru: Т, en: T}\ndescription: {ru: О, en: D}\n"
        "fields:\n  - id: client\n    type: hologram\n    label: {ru: К, en: C}\n",
        encoding="utf-8",
    )
    code, _, err = await run_cli("scenarios", "check", str(tmp_path), cwd=tmp_path, env={})
    assert code == 1
    assert "broken.yaml" in err
    assert "client" in err


async def test_demo_prints_a_transcript_in_both_languages(tmp_path: Path) -> None:
    code, out, err = await run_cli("demo", cwd=tmp_path, env=_env(tmp_path))
    assert code == 0, err
    assert "Здравствуйте, Анна" in out
    assert "Done, I speak English now." in out
    assert "Hello, John" in out


async def test_check_names_what_keeps_the_bot_from_posting_in_the_team_group(
    tg: TelegramEmulator, tmp_path: Path
) -> None:
    env = _env(
        tmp_path, BOT_TOKEN=tg.bot_token, TELEGRAM_API_URL=tg.base_url, TEAM_CHAT_ID="-1001"
    )
    _, out, _ = await run_cli("check", cwd=tmp_path, env=env)
    assert "FAIL  team group: TEAM_CHAT_ID=-1001 is not a chat the bot can see" in out
    tg.add_group(-1001, "Presale team", forum=True)
    _, out, _ = await run_cli("check", cwd=tmp_path, env=env)
    assert "FAIL  team group: the group is a forum: make the bot an administrator" in out
    tg.add_group(-1001, "Presale team", forum=True, bot_is_admin=True)
    _, out, _ = await run_cli("check", cwd=tmp_path, env=env)
    assert "ok    team group -1001" in out
    tg.add_group(-1001, "Presale team", basic=True, bot_is_admin=True, creator=1)
    tg.add_user(1, "Ирина")
    await tg.upgrade_group(-1001, -1002, by=1)
    _, out, _ = await run_cli("check", cwd=tmp_path, env=env)
    assert "FAIL  team group: the group was upgraded to a supergroup" in out
    assert "set TEAM_CHAT_ID=-1002" in out
