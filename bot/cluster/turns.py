"""Whose turn it is to handle a chat's updates: one instance, one task at a time.

Updates of one chat are handled strictly in order. Within one process a set of chats
being handled is enough; instances sharing a Redis take the turn there, with an expiry
that the holder keeps renewing, so the turn of an instance killed mid-chat passes to
another one once it runs out.
"""

from __future__ import annotations

from typing import Protocol

from redis.asyncio import Redis

# Only the holder may renew or hand back its turn: compare the owner, then act, atomically.
_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
_GIVE_BACK = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class ChatTurns(Protocol):
    """Exclusive turns on chats; ``take`` never waits, it says whether the turn is ours."""

    async def take(self, chat_key: int | None) -> bool: ...

    async def renew(self, chat_key: int | None) -> bool: ...

    async def give_back(self, chat_key: int | None) -> None: ...


class LocalTurns:
    """Turns within one process: the bot alone on its database."""

    def __init__(self) -> None:
        self._held: set[int | None] = set()

    async def take(self, chat_key: int | None) -> bool:
        if chat_key in self._held:
            return False
        self._held.add(chat_key)
        return True

    async def renew(self, chat_key: int | None) -> bool:
        return chat_key in self._held

    async def give_back(self, chat_key: int | None) -> None:
        self._held.discard(chat_key)


class RedisTurns:
    """Turns shared by every instance on one Redis, each held for ``ttl`` seconds at most."""

    def __init__(self, redis: Redis, *, prefix: str, owner: str, ttl: float) -> None:
        self._redis = redis
        self._prefix = f"{prefix}:turn:"
        self._owner = owner
        self._ttl_ms = max(1, int(ttl * 1000))

    def _key(self, chat_key: int | None) -> str:
        return f"{self._prefix}{'none' if chat_key is None else chat_key}"

    async def take(self, chat_key: int | None) -> bool:
        return bool(
            await self._redis.set(self._key(chat_key), self._owner, nx=True, px=self._ttl_ms)
        )

    async def renew(self, chat_key: int | None) -> bool:
        renewed = await self._redis.eval(_RENEW, 1, self._key(chat_key), self._owner, self._ttl_ms)
        return bool(renewed)

    async def give_back(self, chat_key: int | None) -> None:
        await self._redis.eval(_GIVE_BACK, 1, self._key(chat_key), self._owner)
