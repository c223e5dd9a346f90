"""aiogram FSM storage in the bot's own database (or Redis), read and written once per update.

Either way a dialog survives a restart of the bot.
"""

from __future__ import annotations

from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.fsm.in_database import SqlStorage
from storage.fsm.in_redis import BufferedRedisStorage

REDIS_TIMEOUT = 5.0
"""Seconds a Redis call (or connecting) may take before it fails as an outage. A Redis that
stops answering without closing its connections (a network partition, a frozen host) would
otherwise hold every call, and with it every chat's turn and every message waiting for the
shared limits, until TCP gives up a quarter of an hour later. The bot's calls are short
scripts and reads, none of them blocking."""


def create_fsm_storage(
    redis_url: str | None,
    session_factory: async_sessionmaker[AsyncSession],
    *,
    prefix: str = "fsm",
) -> BaseStorage:
    """Redis when a URL is configured (several bot processes), else the bot's database.

    In Redis every key starts with ``prefix``, so several bots (or test runs) can share
    one Redis database without touching each other's dialogs.
    """
    if redis_url:
        return BufferedRedisStorage.from_url(
            redis_url,
            connection_kwargs={
                "socket_timeout": REDIS_TIMEOUT,
                "socket_connect_timeout": REDIS_TIMEOUT,
            },
            key_builder=DefaultKeyBuilder(prefix=prefix),
        )
    return SqlStorage(session_factory)
