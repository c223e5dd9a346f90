"""`presale-bot playground` as the visitor starts it: a process that prints its address."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

START_TIMEOUT = 60.0
"""Importing aiogram alone takes seconds on a busy two-core machine."""


class PlaygroundProcess:
    """The command in a directory of its own, with its temporary files kept in ``tmp``."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.tmp = workdir / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("BOT_", "DATABASE_", "TELEGRAM_", "REDIS_", "ADMIN_"))
        }
        env["TMPDIR"] = str(self.tmp)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "playground"],
            cwd=workdir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.address = self._first_line()

    def _first_line(self) -> str:
        """The one line the command prints; reading it blocks, so it runs in a thread."""
        stdout = self.process.stdout
        assert stdout is not None
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.append(stdout.readline()))
        reader.start()
        reader.join(START_TIMEOUT)
        if not lines or not lines[0]:
            self.process.kill()
            _, err = self.process.communicate()
            raise AssertionError(f"the playground printed no address: {err}")
        return lines[0].strip()

    @property
    def url(self) -> str:
        """The address from the printed line."""
        return self.address.rsplit(" ", 1)[-1]

    def interrupt(self) -> tuple[int, str, str]:
        """Ctrl-C; returns the exit code and everything printed after the first line."""
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=START_TIMEOUT)
        return self.process.returncode, out, err
