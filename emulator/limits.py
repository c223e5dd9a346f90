"""Flood limits as Telegram applies them to message-sending methods.

Token buckets: about 30 messages/s overall, about 1/s sustained per private chat with a
short burst allowed, and 20 per minute in one group. A refused send consumes nothing.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RateLimits:
    """Bucket sizes and refill rates; the defaults follow Telegram's published limits."""

    global_per_second: float = 30.0
    global_burst: float = 30.0
    private_per_second: float = 1.0
    private_burst: float = 10.0
    group_per_minute: float = 20.0
    group_burst: float = 20.0


class TokenBucket:
    """``capacity`` tokens, refilled at ``rate`` per second."""

    __slots__ = ("capacity", "rate", "tokens", "updated")

    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.updated = now

    def wait_for(self, count: float, now: float) -> float:
        """Seconds until ``count`` tokens are available (0 when they are now)."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= count:
            return 0.0
        if count > self.capacity:
            return (count - self.tokens) / self.rate
        return (count - self.tokens) / self.rate

    def take(self, count: float) -> None:
        """Consume tokens already checked with ``wait_for``."""
        self.tokens -= count


class RateLimiter:
    """Decides whether a send may go now, or how many seconds the bot must wait."""

    def __init__(
        self, limits: RateLimits | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits or RateLimits()
        self._clock = clock
        self._global: dict[int, TokenBucket] = {}
        self._chats: dict[tuple[int, int], TokenBucket] = {}

    def _chat_bucket(self, bot_id: int, chat_id: int, is_group: bool, now: float) -> TokenBucket:
        key = (bot_id, chat_id)
        bucket = self._chats.get(key)
        if bucket is None:
            limits = self.limits
            if is_group:
                bucket = TokenBucket(limits.group_burst, limits.group_per_minute / 60.0, now)
            else:
                bucket = TokenBucket(limits.private_burst, limits.private_per_second, now)
            self._chats[key] = bucket
        return bucket

    def acquire(self, bot_id: int, chat_id: int, *, is_group: bool, count: int = 1) -> int | None:
        """Take ``count`` sends; return None if allowed, else ``retry_after`` in seconds."""
        now = self._clock()
        overall = self._global.get(bot_id)
        if overall is None:
            overall = TokenBucket(self.limits.global_burst, self.limits.global_per_second, now)
            self._global[bot_id] = overall
        chat = self._chat_bucket(bot_id, chat_id, is_group, now)
        wait = max(overall.wait_for(count, now), chat.wait_for(count, now))
        if wait > 0:
            return max(1, math.ceil(wait))
        overall.take(count)
        chat.take(count)
        return None
