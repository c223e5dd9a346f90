"""``WORKERS=3``: one process forking three webhook instances that behave as one bot."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

import aiohttp
import pytest

from emulator import TelegramEmulator
from storage.models import UpdateStatus
from tests.e2e.cluster.conftest import Cluster, inbox_statuses
from tests.e2e.cluster.instances import Instance, eventually, logs, replies_in_order
from tests.e2e.webhook.conftest import free_port, samples
from tests.process import run_cli
from tests.storage.fixtures import REDIS_URL, SessionFactory

CROWD = list(range(50_000, 50_012))
COMMANDS = ("/start", "/help")

# A supervisor and its workers started, a worker killed and replaced: past the usual limit.
pytestmark = pytest.mark.timeout(240)


async def send_round(tg: TelegramEmulator, rounds: range) -> None:
    """Every person of the crowd sends one command per round, without waiting for answers."""
    for number in rounds:
        for user_id in CROWD:
            await tg.send_message(user_id, COMMANDS[number % 2])
    await tg.wait_for(
        lambda: all(len(tg.bot_messages(u)) >= rounds.stop for u in CROWD),
        timeout=60,
        what=f"every message up to round {rounds.stop} answered",
    )


def gone(pid: int) -> bool:
    """The process has ended and been collected (a zombie still has its /proc entry)."""
    return not Path(f"/proc/{pid}").exists()


async def test_three_workers_handle_each_update_once_and_a_killed_worker_is_replaced(
    tg: TelegramEmulator, cluster: Cluster, sessions: SessionFactory
) -> None:
    for user_id in CROWD:
        tg.add_user(user_id, f"Гость {user_id}")
    (supervisor,) = await cluster(1, workers=3)
    workers = supervisor.children()
    assert len(workers) == 3, logs([supervisor])
    await send_round(tg, range(3))
    # Each worker serves its own port and handled a share of the round robin.
    for url in supervisor.urls:
        assert await handled_by(url.removesuffix("/telegram")) > 0, url

    victim = min(workers)
    os.kill(victim, signal.SIGKILL)
    await eventually(
        lambda: _replaced(supervisor, workers - {victim}),
        timeout=30,
        what="a new worker in place of the killed one",
    )
    await tg.wait_for(
        lambda: len(tg.calls_of("setWebhook")) >= 4,
        timeout=60,
        what="the new worker to register the webhook",
    )
    await send_round(tg, range(3, 6))

    for user_id in CROWD:
        expected = [COMMANDS[n % 2] for n in range(6)]
        assert replies_in_order(tg, user_id) == expected, logs([supervisor])
    assert await inbox_statuses(sessions) == {UpdateStatus.DONE: 6 * len(CROWD)}
    log = supervisor.log.read_text()
    assert any(
        "event=worker.ended" in line and f"pid={victim} code=-9" in line
        for line in log.splitlines()
    ), log

    code = await supervisor.stop()
    assert code == 0, logs([supervisor])
    assert all(gone(pid) for pid in supervisor_workers_seen(log)), logs([supervisor])
    assert "event=workers.stopped code=0" in supervisor.log.read_text()


async def handled_by(server: str) -> float:
    """Updates the worker behind ``server`` handled, from its own ``/metrics``."""
    async with aiohttp.ClientSession() as client, client.get(f"{server}/metrics") as page:
        assert page.status == 200
        found = samples(await page.text())
    return found[("presale_updates_total", (("result", "handled"),))]


async def _replaced(supervisor: Instance, survivors: set[int]) -> bool:
    now = supervisor.children()
    return len(now) == 3 and survivors < now


def supervisor_workers_seen(log: str) -> set[int]:
    """Every worker the supervisor logged starting."""
    return {
        int(line.split("pid=")[1].split()[0])
        for line in log.splitlines()
        if "event=worker.started" in line
    }


async def test_workers_end_with_a_supervisor_killed_outright(
    tg: TelegramEmulator, cluster: Cluster
) -> None:
    (supervisor,) = await cluster(1, workers=2)
    workers = supervisor.children()
    assert len(workers) == 2
    await supervisor.kill()
    await eventually(
        lambda: _all_gone(workers), timeout=30, what="the workers to stop with their supervisor"
    )


async def _all_gone(pids: set[int]) -> bool:
    return all(gone(pid) for pid in pids)


DOCKERFILE = Path(__file__).resolve().parents[3] / "Dockerfile"


def health_check() -> list[str]:
    """The image's ``HEALTHCHECK`` command, in the exec form Docker runs it in."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    (line,) = (line for line in text.splitlines() if line.startswith("HEALTHCHECK"))
    command: list[str] = json.loads(line.split(" CMD ", 1)[1])
    return command


async def healthy(port: int, workers: int) -> bool:
    """Whether the image's health check passes for a container serving on ``port`` onwards."""
    program, *args = health_check()
    assert program == "python"
    check = await asyncio.create_subprocess_exec(
        sys.executable,
        *args,
        env={**os.environ, "LISTEN_PORT": str(port), "WORKERS": str(workers)},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    return await check.wait() == 0


async def test_the_images_health_check_fails_when_any_worker_is_stuck(
    tg: TelegramEmulator, cluster: Cluster
) -> None:
    (supervisor,) = await cluster(1, workers=2)
    await eventually(
        lambda: healthy(supervisor.port, workers=2), timeout=30, what="both workers ready"
    )
    stuck = max(supervisor.children())  # whichever port it serves, the check asks it
    os.kill(stuck, signal.SIGSTOP)
    try:
        assert not await healthy(supervisor.port, workers=2)
    finally:
        os.kill(stuck, signal.SIGCONT)
    assert await healthy(supervisor.port, workers=2)


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"MODE": "polling"}, "WORKERS=3 needs webhook mode"),
        ({"REDIS_URL": ""}, "WORKERS=3 needs REDIS_URL"),
        (
            {"DATABASE_URL": "sqlite+aiosqlite:///./presale.db"},
            "WORKERS=3 needs PostgreSQL in DATABASE_URL",
        ),
        ({"LISTEN_PORT": "0"}, "WORKERS=3 needs a fixed LISTEN_PORT"),
    ],
)
async def test_workers_without_what_instances_share_are_refused_in_one_line(
    tmp_path: Path, env: dict[str, str], says: str
) -> None:
    settings = {
        "BOT_TOKEN": "1:x",
        "MODE": "webhook",
        "WEBHOOK_URL": "https://bot.example.com/telegram",
        "WEBHOOK_SECRET": "secret",
        "DATABASE_URL": "postgresql+asyncpg://postgres@127.0.0.1/test",
        "REDIS_URL": REDIS_URL,
        "LISTEN_PORT": "8080",
        "WORKERS": "3",
    }
    settings.update(env)
    environ = {k: v for k, v in os.environ.items() if not k.startswith(tuple(settings))}
    code, _, err = await run_cli("run", cwd=tmp_path, env={**environ, **settings})
    assert code == 2
    assert err.strip().count("\n") == 0, err
    assert err.startswith(f"presale-bot: {says}")


async def two_workers_until_they_end(
    tg: TelegramEmulator, tmp_path: Path, **env: str
) -> tuple[int, str]:
    """A supervisor of two workers that are expected to fail: its exit code and its log."""
    supervisor = Instance(
        tg,
        tmp_path,
        0,
        workers=2,
        WEBHOOK_URL="http://127.0.0.1:1/telegram",
        REDIS_URL=REDIS_URL,
        **env,
    )
    await supervisor.start()
    assert supervisor.process is not None
    code = await asyncio.wait_for(supervisor.process.wait(), 90)
    return code, supervisor.log.read_text()


async def test_a_worker_refused_by_telegram_stops_the_whole_supervisor(
    tg: TelegramEmulator, tmp_path: Path, database: str, redis_prefix: str
) -> None:
    """A rejected token would be rejected on every restart: code 2 once, no restart loop."""
    code, log = await two_workers_until_they_end(
        tg, tmp_path, BOT_TOKEN="999:rejected", DATABASE_URL=database, REDIS_PREFIX=redis_prefix
    )
    assert code == 2, log
    assert "Telegram rejected BOT_TOKEN" in log
    assert len(supervisor_workers_seen(log)) == 2  # none started again


async def test_workers_that_keep_dying_stop_the_supervisor_with_one_line(
    tg: TelegramEmulator, tmp_path: Path, redis_prefix: str
) -> None:
    """A database nobody answers at: each worker dies at start, five are replaced, then none."""
    code, log = await two_workers_until_they_end(
        tg,
        tmp_path,
        DATABASE_URL=f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/nowhere",
        REDIS_PREFIX=redis_prefix,
    )
    assert code == 1, log
    lines = log.splitlines()
    assert "Traceback" not in log
    assert any(line.startswith("presale-bot: cannot connect to the database") for line in lines)
    assert any(line.startswith("presale-bot: workers ended 6 times") for line in lines), log
    assert len(supervisor_workers_seen(log)) == 2 + 5
