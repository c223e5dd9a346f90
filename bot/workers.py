"""``WORKERS=N``: several webhook instances from one process, for one machine.

The parent imports the bot once and forks the workers; each is a whole instance in webhook
mode on a port of its own (``LISTEN_PORT``, ``LISTEN_PORT + 1``, ...), behind the load
balancer like separately started instances, sharing dialogs, limits and leases through
PostgreSQL and Redis. What the shared parent adds:

- the code and the objects built on import (aiogram's types, pydantic's schemas,
  SQLAlchemy's mappers) sit in memory once, shared copy-on-write, instead of once an
  instance; the start-up heap is frozen before the fork, so no worker's garbage collector
  touches (and thereby copies) it;
- one unit for systemd or a container to run, and a worker that dies is started again;
- a supervisor killed outright takes its workers with it, so no orphan keeps a port.

The supervisor itself opens no connection and runs no event loop: it forks, waits and
forwards SIGTERM, nothing a fork could inherit half-done.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable
from types import FrameType
from typing import NoReturn

from bot.settings import EXIT_SETTINGS

logger = logging.getLogger(__name__)

DEATHS_ALLOWED = 5
DEATHS_WINDOW = 60.0
"""More unexpected deaths than this in that many seconds: something is wrong that a restart
does not mend (the database refusing every start); the supervisor stops, and says so, for
the orchestrator to restart it later."""
_PR_SET_PDEATHSIG = 1


class Supervisor:
    """Forks ``count`` workers running ``serve(index)``, restarts the dead, stops them all."""

    def __init__(self, count: int, serve: Callable[[int], int]) -> None:
        self.count = count
        self.serve = serve
        self.workers: dict[int, int] = {}
        """Worker index by process id."""
        self.stopping = False
        self.exit_code = 0
        self._deaths: deque[float] = deque(maxlen=DEATHS_ALLOWED + 1)

    def run(self) -> int:
        """Until SIGTERM or SIGINT (then until every worker has finished its work)."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._on_signal)
        gc.freeze()
        logger.info("event=workers.starting count=%s pid=%s", self.count, os.getpid())
        for index in range(self.count):
            self._fork(index)
        while self.workers:
            pid, status = os.wait()
            if pid in self.workers:
                self._ended(self.workers.pop(pid), pid, os.waitstatus_to_exitcode(status))
        logger.info("event=workers.stopped code=%s", self.exit_code)
        return self.exit_code

    def _ended(self, index: int, pid: int, code: int) -> None:
        if self.stopping:
            return
        logger.warning("event=worker.ended index=%s pid=%s code=%s", index, pid, code)
        if code == EXIT_SETTINGS:  # another start would be refused alike
            self._give_up(EXIT_SETTINGS)
            return
        now = time.monotonic()
        self._deaths.append(now)
        if len(self._deaths) > DEATHS_ALLOWED and now - self._deaths[0] < DEATHS_WINDOW:
            print(
                f"presale-bot: workers ended {len(self._deaths)} times within "
                f"{DEATHS_WINDOW:g} s; stopping (see the log above for why)",
                file=sys.stderr,
            )
            self._give_up(1)
            return
        self._fork(index)

    def _give_up(self, code: int) -> None:
        self.exit_code = code
        self._stop_all()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        logger.info("event=workers.stopping signal=%s", signal.Signals(signum).name)
        self._stop_all()

    def _stop_all(self) -> None:
        self.stopping = True
        for pid in self.workers:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:  # ended; the wait loop collects it
                continue

    def _fork(self, index: int) -> None:
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            _worker(index, parent, self.serve)
        self.workers[pid] = index
        logger.info("event=worker.started index=%s pid=%s", index, pid)


def _worker(index: int, parent: int, serve: Callable[[int], int]) -> NoReturn:
    """The child's whole life: the signals of a plain process, ``serve``, then ``_exit``.

    ``_exit`` rather than returning: the parent's stack (the command line, its ``finally``
    blocks) must not run a second time in the child.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    code = 1
    try:
        if _outlives(parent):
            code = serve(index)
    except KeyboardInterrupt:
        code = 130
    except BaseException:
        logger.exception("event=worker.failed index=%s", index)
    finally:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _outlives(parent: int) -> bool:
    """Have the kernel send SIGTERM when the supervisor ends, however it ends.

    ``False`` when it already has: a supervisor that ended between the fork and the
    request has left the worker to init, and the worker must not start at all.
    """
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    return os.getppid() == parent
