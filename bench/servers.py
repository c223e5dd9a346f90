"""CPU time of the PostgreSQL and Redis servers the bot uses, when they run on this machine.

The scale-out part compares what one and three instances cost; the database and Redis serve
every update too, and three pools open more connections than one (each a PostgreSQL
backend with caches of its own). Their CPU is read from ``/proc``: a server whose process
is not visible here (another host, another container) is reported as not measured rather
than guessed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
from redis.asyncio import Redis

_TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    """Fields 3 and on of ``/proc/PID/stat`` (the command name, which may hold spaces, cut)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def _children(pid: int) -> list[int]:
    return [
        int(child)
        for children in Path(f"/proc/{pid}/task").glob("*/children")
        for child in children.read_text().split()
    ]


class ServerCpu:
    """A server process and every process it started, those that have ended included.

    PostgreSQL runs a backend per connection and ends it when the connection closes; an
    ended child's time moves into its parent's ``cutime``/``cstime`` once reaped, so the
    parent's own and reaped time plus the live children's own time counts each CPU second
    once, whether the backend is still there or not.
    """

    def __init__(self, pids: Iterable[int]) -> None:
        self.pids = list(pids)

    def cpu_seconds(self) -> float:
        ticks = 0
        for pid in self.pids:
            fields = _stat(pid)
            ticks += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
            for child in _children(pid):
                try:
                    ticks += sum(int(value) for value in _stat(child)[11:13])
                except OSError:  # it ended between the listing and the read
                    continue
        return ticks / _TICKS


def _local(pid: int, name: str) -> bool:
    try:
        return name in Path(f"/proc/{pid}/comm").read_text()
    except OSError:
        return False


async def postgres_pid(dsn: str) -> int | None:
    """The postmaster behind ``dsn`` (the parent of this connection's backend), if local."""
    connection = await asyncpg.connect(dsn)
    try:  # the backend ends with the connection: read its parent while it is there
        backend = int(await connection.fetchval("SELECT pg_backend_pid()"))
        return int(_stat(backend)[1]) if _local(backend, "postgres") else None  # field 4
    finally:
        await connection.close()


async def redis_pid(url: str) -> int | None:
    """The Redis server behind ``url``, if local."""
    client = Redis.from_url(url)
    try:
        info = await client.info("server")
    finally:
        await client.aclose()
    pid = int(info["process_id"])
    return pid if _local(pid, "redis") else None
