"""Token buckets kept in Redis, so every instance of the bot spends one budget together.

A limit set by someone else (Telegram's flood limits, a CRM's calls per second) counts
the bot's calls, not an instance's. Each bucket is a Redis hash of its level and the
moment it was read; one script, on Redis' own clock, refills the buckets named, checks
the pauses named, and either takes a token from every bucket or answers how long to
wait. Telegram's shared limits (``send_limits.py``) and the CRMs' rates both use it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from redis.asyncio import Redis

# KEYS: the buckets (ARGV[1] of them), then the pauses (keys holding the moment a pause
# ends). ARGV: the number of buckets, then each bucket's rate and burst.
# Returns the seconds to wait as a string ("0": a token was taken from every bucket);
# Lua numbers would come back truncated to integers.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local n = tonumber(ARGV[1])
local wait = 0
for i = n + 1, #KEYS do
    local until_ = tonumber(redis.call('GET', KEYS[i]) or '0')
    if until_ - now > wait then wait = until_ - now end
end
if wait > 0 then return tostring(wait) end
local levels = {}
for i = 1, n do
    local rate, burst = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
    local b = redis.call('HMGET', KEYS[i], 'tokens', 'at')
    local tokens = tonumber(b[1]) or burst
    local at = tonumber(b[2]) or now
    levels[i] = math.min(burst, tokens + math.max(0, now - at) * rate)
    if levels[i] < 1 and (1 - levels[i]) / rate > wait then
        wait = (1 - levels[i]) / rate
    end
end
if wait > 0 then return tostring(wait) end
for i = 1, n do
    local rate, burst = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
    redis.call('HSET', KEYS[i], 'tokens', levels[i] - 1, 'at', now)
    redis.call('EXPIRE', KEYS[i], math.ceil(burst / rate) + 1)
end
return '0'
"""

# KEYS: the bucket. ARGV: its rate and burst. Empties it, as if its burst had been spent.
_DRAIN = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('HSET', KEYS[1], 'tokens', 0, 'at', now)
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 1)
return 0
"""


@dataclass(frozen=True, slots=True)
class Bucket:
    """One shared bucket: its Redis key, its refill per second, and how many it holds."""

    key: str
    rate: float
    burst: float


class RedisBuckets:
    """Takes tokens from buckets in Redis, all or none, unless a pause is on."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def take(self, buckets: Sequence[Bucket], pauses: Sequence[str] = ()) -> float:
        """A token from each of ``buckets``: 0.0 when taken, else the seconds to wait first."""
        rates = [number for bucket in buckets for number in (bucket.rate, bucket.burst)]
        wait = await self._redis.eval(
            _TAKE,
            len(buckets) + len(pauses),
            *[bucket.key for bucket in buckets],
            *pauses,
            len(buckets),
            *rates,
        )
        return float(wait)

    async def wait_turn(self, buckets: Sequence[Bucket], pauses: Sequence[str] = ()) -> None:
        """Return once the tokens were taken, sleeping as long as Redis says each time."""
        while True:
            wait = await self.take(buckets, pauses)
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    async def drain(self, bucket: Bucket) -> None:
        """Empty ``bucket``: the next call anywhere waits for a token to refill."""
        await self._redis.eval(_DRAIN, 1, bucket.key, bucket.rate, bucket.burst)


class SharedRate:
    """One rate for a far side's API, held by every instance through Redis.

    The same two verbs as the in-process limiter of the CRM clients: ``wait`` before
    each call, ``exhausted`` when the far side said "too many" anyway (someone else on
    the same account spends it too).
    """

    def __init__(self, redis: Redis, *, key: str, burst: float, per_second: float) -> None:
        if burst < 1 or per_second <= 0:
            raise ValueError("a rate needs room for one call and a positive refill")
        self._buckets = RedisBuckets(redis)
        self._bucket = Bucket(key=key, rate=per_second, burst=burst)

    async def wait(self) -> None:
        """Return when one more call may go, anywhere, and count it."""
        await self._buckets.wait_turn([self._bucket])

    async def exhausted(self) -> None:
        """The far side said "too many": every instance waits for a fresh token."""
        await self._buckets.drain(self._bucket)
