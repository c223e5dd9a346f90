"""Rate limits kept in Redis, so every instance of the bot spends one budget together.

A limit set by someone else (Telegram's flood limits, a CRM's calls per second) counts
the bot's calls, not an instance's. Each limit is a bucket of a rate and a burst, kept
as its *theoretical arrival time* (GCRA: a call may go once the clock is no more than
the burst's worth of intervals before it, and each call moves it one interval on). One
script, on Redis' own clock, checks the pauses and buckets named for a call and answers
how long to wait.

The first bucket named is the line everybody queues on (the bot's overall rate, a CRM's
rate): when it is what holds a call back, the call's moment on it is reserved, so a
hundred waiting calls each sleep until their own moment and look once, instead of all
waking at every refill to race for the one token (which cost more than the calls
themselves). A pause or any other bucket (one chat's) that holds a call back reserves
nothing: the caller waits and asks again, since reserving there would hold up the line
for everybody else. Telegram's shared limits (``send_limits.py``) and the CRMs' rates
both use it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from redis.asyncio import Redis

NOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
"""
"""The start of every script: ``now`` in seconds on Redis' clock, the one all instances share."""

# The seconds left of the longest pause among KEYS[first] and those after it (0: none).
_LONGEST_PAUSE = """
local function longest_pause(first)
    local wait = 0
    for i = first, #KEYS do
        local until_ = tonumber(redis.call('GET', KEYS[i]) or '0')
        if until_ - now > wait then wait = until_ - now end
    end
    return wait
end
"""

# KEYS: the buckets (ARGV[1] of them, the line first), then the pauses (keys holding the
# moment a pause ends). ARGV: the number of buckets, then each bucket's rate and burst.
# Returns whether the call's moment was reserved (1) or not (0), and the seconds to wait
# as a string (Lua numbers would come back truncated to integers): when a pause or a
# bucket after the first holds the call back, nothing is reserved and the caller asks
# again after the wait; otherwise the call's moment is reserved on every bucket and the
# wait is until that moment ("0": now).
_TAKE = (
    NOW
    + _LONGEST_PAUSE
    + """
local n = tonumber(ARGV[1])
local wait = longest_pause(n + 1)
local tats = {}
for i = 1, n do
    local rate, burst = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
    tats[i] = math.max(tonumber(redis.call('HGET', KEYS[i], 'tat') or '0'), now)
    local earliest = tats[i] - (burst - 1) / rate
    if i > 1 and earliest - now > wait then wait = earliest - now end
end
if wait > 0 then return {0, tostring(wait)} end
local line_rate, line_burst = tonumber(ARGV[2]), tonumber(ARGV[3])
local at = math.max(now, tats[1] - (line_burst - 1) / line_rate)
for i = 1, n do
    local rate = tonumber(ARGV[2 * i])
    local tat = math.max(tats[i], at) + 1 / rate
    redis.call('HSET', KEYS[i], 'tat', tostring(tat))
    redis.call('EXPIRE', KEYS[i], math.ceil(tat - now) + 1)
end
return {1, tostring(at - now)}
"""
)

# KEYS: the pauses. Returns the seconds left of the longest, as a string ("0": none).
_PAUSED = NOW + _LONGEST_PAUSE + "return tostring(longest_pause(1))\n"

# KEYS: the bucket. ARGV: its rate and burst. Empties it, as if its burst had been spent.
_DRAIN = (
    NOW
    + """
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local tat = math.max(tonumber(redis.call('HGET', KEYS[1], 'tat') or '0'), now + burst / rate)
redis.call('HSET', KEYS[1], 'tat', tostring(tat))
redis.call('EXPIRE', KEYS[1], math.ceil(tat - now) + 1)
return 0
"""
)


LATE_BY = 3
"""How many of the line's intervals a reserved moment may be missed by and still be used."""


@dataclass(frozen=True, slots=True)
class Bucket:
    """One shared bucket: its Redis key, its refill per second, and how many it holds."""

    key: str
    rate: float
    burst: float


class RedisBuckets:
    """Reserves calls' moments on buckets in Redis, unless a pause is on."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def wait_turn(self, buckets: Sequence[Bucket], pauses: Sequence[str] = ()) -> None:
        """Return when the call may go, its moment counted on every bucket.

        A reserved moment is used on time or not at all: a process that wakes well past
        it (starved of CPU meanwhile) asks again, instead of sending every moment it
        missed at once, in a burst the far side would refuse. After sleeping, the pauses
        are looked at once more: a 429 that came meanwhile holds this call too, which
        then queues again after it.
        """
        loop = asyncio.get_running_loop()
        slack = LATE_BY / buckets[0].rate
        while True:
            wait, reserved = await self.ask(buckets, pauses)
            if wait <= 0:
                return
            due = loop.time() + wait
            await asyncio.sleep(wait)
            if not reserved or loop.time() - due > slack:
                continue
            if not pauses or await self._pause_left(pauses) <= 0:
                return

    async def ask(
        self, buckets: Sequence[Bucket], pauses: Sequence[str] = ()
    ) -> tuple[float, bool]:
        """Ask for a call's moment: the seconds to wait (0.0: it may go now), and whether
        that moment was reserved on the line (else a pause or a later bucket holds the
        call, and it asks again after the wait)."""
        rates = [number for bucket in buckets for number in (bucket.rate, bucket.burst)]
        reserved, wait = await self._redis.eval(
            _TAKE,
            len(buckets) + len(pauses),
            *[bucket.key for bucket in buckets],
            *pauses,
            len(buckets),
            *rates,
        )
        return float(wait), bool(reserved)

    async def _pause_left(self, pauses: Sequence[str]) -> float:
        return float(await self._redis.eval(_PAUSED, len(pauses), *pauses))

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
