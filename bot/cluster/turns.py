"""Whose turn it is to handle a chat's updates: one instance, one task at a time.

Updates of one chat are handled strictly in order. Within one process a set of chats
being handled is enough; instances sharing a Redis take the turn there, with an expiry
that the holder keeps renewing, so the turn of an instance killed mid-chat passes to
another one once it runs out.

An instance that records an update while another holds the chat's turn leaves a knock
on the turn, in the same atomic step as its failed take. The holder hands the turn back
only if nobody knocked; otherwise it keeps the turn and reads the chat's inbox again.
Either the take or the hand-back comes first in Redis, so an update recorded anywhere is
always seen by someone, without the holder reading the inbox once more after every turn.
"""

from __future__ import annotations

from typing import Protocol

from redis.asyncio import Redis

# Take the turn, or knock on it if it is held; the knock lives as long as a turn.
_TAKE = """
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
    return 1
end
redis.call('set', KEYS[2], '1', 'PX', ARGV[2])
return 0
"""
# Only the holder may renew or hand back its turn: compare the owner, then act, atomically.
_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    redis.call('pexpire', KEYS[2], ARGV[2])
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
# 2: somebody knocked and the turn is kept; 1: handed back; 0: it was not ours.
_GIVE_BACK = """
if redis.call('get', KEYS[1]) ~= ARGV[1] then
    return 0
end
if ARGV[3] == '1' and redis.call('del', KEYS[2]) == 1 then
    redis.call('pexpire', KEYS[1], ARGV[2])
    return 2
end
redis.call('del', KEYS[1], KEYS[2])
return 1
"""


class ChatTurns(Protocol):
    """Exclusive turns on chats; ``take`` never waits, it says whether the turn is ours."""

    async def take(self, chat_key: int | None) -> bool: ...

    async def renew(self, chat_key: int | None) -> bool: ...

    async def give_back(self, chat_key: int | None, *, unless_knocked: bool = False) -> bool:
        """Hand the turn back; ``True`` if it was kept instead, because somebody knocked.

        With ``unless_knocked`` false the turn is handed back whatever happened.
        """
        ...


class LocalTurns:
    """Turns within one process: the bot alone on its database, where nobody else knocks."""

    def __init__(self) -> None:
        self._held: set[int | None] = set()

    async def take(self, chat_key: int | None) -> bool:
        if chat_key in self._held:
            return False
        self._held.add(chat_key)
        return True

    async def renew(self, chat_key: int | None) -> bool:
        return chat_key in self._held

    async def give_back(self, chat_key: int | None, *, unless_knocked: bool = False) -> bool:
        self._held.discard(chat_key)
        return False


class RedisTurns:
    """Turns shared by every instance on one Redis, each held for ``ttl`` seconds at most."""

    def __init__(self, redis: Redis, *, prefix: str, owner: str, ttl: float) -> None:
        self._prefix = f"{prefix}:turn:"
        self._owner = owner
        self._ttl_ms = max(1, int(ttl * 1000))
        self._take = redis.register_script(_TAKE)
        self._renew = redis.register_script(_RENEW)
        self._give_back = redis.register_script(_GIVE_BACK)

    def _keys(self, chat_key: int | None) -> tuple[str, str]:
        turn = f"{self._prefix}{'none' if chat_key is None else chat_key}"
        return turn, f"{turn}:knock"

    async def take(self, chat_key: int | None) -> bool:
        taken = await self._take(self._keys(chat_key), [self._owner, self._ttl_ms])
        return bool(taken)

    async def renew(self, chat_key: int | None) -> bool:
        renewed = await self._renew(self._keys(chat_key), [self._owner, self._ttl_ms])
        return bool(renewed)

    async def give_back(self, chat_key: int | None, *, unless_knocked: bool = False) -> bool:
        knocked = "1" if unless_knocked else "0"
        outcome = await self._give_back(self._keys(chat_key), [self._owner, self._ttl_ms, knocked])
        return bool(outcome == 2)
