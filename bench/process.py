"""A bot as a separate process, and what /proc says about it (CPU time, resident memory)."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from emulator import TelegramEmulator

_TICKS = os.sysconf("SC_CLK_TCK")
# Whatever the caller's environment says about the bot must not leak into the benchmark.
_OURS = ("BOT_", "DATABASE_", "TELEGRAM_", "REDIS_", "ADMIN_", "TEAM_", "LOG_", "POLLING_")


class BotProcess:
    """``python -m <module> [args]`` with its own working directory, env and log file."""

    def __init__(
        self, module: str, workdir: Path, env: dict[str, str], args: Sequence[str] = ()
    ) -> None:
        self.module = module
        self.args = list(args)
        self.workdir = workdir
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(_OURS)}
        self.env.update(env)
        # The bot must import the project from this tree, not from a copy elsewhere.
        root = str(Path(__file__).resolve().parent.parent)
        self.env["PYTHONPATH"] = os.pathsep.join(
            p for p in (root, self.env.get("PYTHONPATH", "")) if p
        )
        self.log_path = workdir / f"{module.replace('.', '_')}.log"
        self.process: asyncio.subprocess.Process | None = None
        self.started_at = 0.0
        self._log: IO[bytes] | None = None

    async def start(self) -> None:
        self._log = self.log_path.open("ab")
        self.started_at = time.time()
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            self.module,
            *self.args,
            cwd=self.workdir,
            env=self.env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
        )

    @property
    def pid(self) -> int:
        if self.process is None:
            raise RuntimeError("the process is not started")
        return self.process.pid

    def cpu_seconds(self) -> float:
        """User plus system CPU time the bot has used so far, its child processes included.

        Children are the workers of ``WORKERS=N`` and an export's worker: what they use is
        the bot's too. Those still running are read one by one, those ended are in the
        parent's own count.
        """
        return _cpu(self.pid)

    def memory(self) -> tuple[float, float]:
        """Current and peak resident set size, in MiB."""
        return _memory(self.pid)

    def shared_memory(self) -> float:
        """Proportional set size of the bot and its children together, in MiB.

        A page shared by several processes (the workers of ``WORKERS=N`` share the parent's
        imports) counts once in the sum, split among them, where resident sizes count it
        in each.
        """
        return sum(_pss(pid) for pid in (self.pid, *_descendants(self.pid)))

    def children_peak(self) -> float:
        """The largest peak RSS among the bot's child processes now (an export's worker), MiB."""
        peaks = [0.0]
        for child in child_pids(self.pid):
            try:
                peaks.append(_memory(child)[1])
            except OSError:  # it ended meanwhile
                continue
        return max(peaks)

    def alive(self) -> bool:
        return self.process is not None and self.process.returncode is None

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    async def stop(self, timeout: float = 15.0) -> int | None:
        """SIGTERM and wait; SIGKILL if it does not stop in time. Returns the exit code."""
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), timeout)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None
        return None if self.process is None else self.process.returncode


async def start_bot(tg: TelegramEmulator, process: BotProcess, timeout: float = 60) -> float:
    """Start the process; seconds until its first getUpdates waits at the emulator."""
    await process.start()
    try:
        polling_since = await tg.wait_for_poll(timeout=timeout)
    except AssertionError:
        raise RuntimeError(
            f"{process.module} did not start polling:\n{process.log_tail()}"
        ) from None
    return polling_since - process.started_at


def child_pids(pid: int) -> list[int]:
    """The process ids of ``pid``'s children running now."""
    return [
        int(child)
        for tasks in Path(f"/proc/{pid}/task").glob("*/children")
        for child in tasks.read_text().split()
    ]


def _descendants(pid: int) -> list[int]:
    return [pid for child in child_pids(pid) for pid in (child, *_descendants(child))]


def _pss(pid: int) -> float:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # it ended meanwhile
        return 0.0
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu(pid: int) -> float:
    """CPU seconds of ``pid``, of its ended children and of its running descendants."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # a child that ended meanwhile: its parent's count has it now
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()
    # Fields 14-17 of stat(5), utime, stime, cutime, cstime; the split starts at field 3.
    own = sum(int(field) for field in fields[11:15]) / _TICKS
    return own + sum(_cpu(child) for child in child_pids(pid))


def _memory(pid: int) -> tuple[float, float]:
    rss = peak = 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
        elif line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
    return rss, peak
