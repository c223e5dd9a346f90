"""The bot as a separate operating-system process, the way it runs in production."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from emulator import TelegramEmulator

STARTUP_TIMEOUT = 60.0
"""Importing aiogram alone takes seconds on a busy two-core machine."""


class BotProcess:
    """`python -m bot run` against the emulator, in its own directory with its own env."""

    def __init__(self, tg: TelegramEmulator, workdir: Path, **env: str) -> None:
        self._env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("BOT_", "DATABASE_", "TELEGRAM_", "REDIS_", "ADMIN_"))
        }
        self._env.update(
            BOT_TOKEN=tg.bot_token,
            TELEGRAM_API_URL=tg.base_url,
            DATABASE_URL=f"sqlite+aiosqlite:///{workdir / 'bot.db'}",
            POLLING_TIMEOUT="5",
            LOG_LEVEL="INFO",
        )
        self._env.update(env)
        self._workdir = workdir
        self._tg = tg
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        """Start the process and wait until it polls, so tests never race its start-up."""
        polls_before = len(self._tg.calls_of("getUpdates"))
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=self._workdir,
            env=self._env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        await self._tg.wait_for(
            lambda: len(self._tg.calls_of("getUpdates")) > polls_before,
            timeout=STARTUP_TIMEOUT,
            what="the bot process to start polling",
        )

    async def run_to_end(self) -> tuple[int, str]:
        """Start the process and wait for it to exit on its own; exit code and stderr."""
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=self._workdir,
            env=self._env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await self.process.communicate()
        assert self.process.returncode is not None
        return self.process.returncode, stderr.decode()

    async def kill(self) -> None:
        """A crash: no clean-up of any kind."""
        assert self.process is not None
        self.process.kill()
        await self.process.wait()

    async def terminate(self) -> bytes:
        """SIGTERM, as a service manager stops the bot; returns what it logged."""
        assert self.process is not None
        self.process.terminate()
        _, stderr = await self.process.communicate()
        return stderr


async def run_cli(*args: str, cwd: Path, env: dict[str, str]) -> tuple[int, str, str]:
    """Run `python -m bot ARGS` to completion; returns exit code, stdout and stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()
