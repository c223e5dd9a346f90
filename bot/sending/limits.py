"""Pacing under Telegram's flood limits: token buckets, pauses after a 429, backoff.

This runs on real monotonic time, not on the bot's clock: it protects against the limits
of the real Telegram, which a test moving the clock does not change.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

# Two chats answered 429 within this many seconds: the flood is global, not per chat.
GLOBAL_FLOOD_WINDOW = 1.0


@dataclass(frozen=True)
class SendLimits:
    """How fast the sender writes. A little under Telegram's published limits
    (30/s overall, about 1/s per chat, 20/min per group), so a jittery network
    does not tip a send over them: the overall burst of 10 leaves room for messages
    counted over 0.7 s to arrive at once (see ``bot/cluster/send_limits.py``)."""

    per_second: float = 29.0
    burst: float = 10.0
    chat_per_second: float = 1.0
    chat_burst: float = 3.0
    group_per_minute: float = 18.0
    group_burst: float = 20.0


class TokenBucket:
    """``capacity`` tokens, refilled at ``rate`` per second; one send takes one token."""

    __slots__ = ("capacity", "rate", "tokens", "updated")

    def __init__(self, capacity: float, rate: float, now: float) -> None:
        if capacity < 1 or rate <= 0:
            raise ValueError("a bucket needs room for one token and a positive rate")
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.updated = now

    def _refill(self, now: float) -> None:
        if now > self.updated:
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
            self.updated = now

    def delay(self, now: float) -> float:
        """Seconds until one token is there (0.0 when it is there now)."""
        self._refill(now)
        if self.tokens >= 1:
            return 0.0
        return (1 - self.tokens) / self.rate

    def take(self, now: float) -> None:
        """Spend one token; may go below zero, which only makes the next wait longer."""
        self._refill(now)
        self.tokens -= 1

    def is_full(self, now: float) -> bool:
        """Whether the bucket has refilled completely (and can be forgotten)."""
        self._refill(now)
        return self.tokens >= self.capacity


def is_group(chat_id: int) -> bool:
    """Groups, supergroups and channels have negative ids in the Bot API."""
    return chat_id < 0


def backoff_delay(attempt: int, *, base: float = 1.0, cap: float = 60.0, jitter: float) -> float:
    """Seconds to wait before retry number ``attempt`` (1, 2, ...): doubling, capped.

    ``jitter`` in [0, 1) spreads retries of many messages over the second half of the
    delay, so they do not all come back at the same instant.
    """
    if attempt < 1:
        raise ValueError(f"attempts count from 1, got {attempt}")
    if not 0 <= jitter < 1:
        raise ValueError(f"jitter must be in [0, 1), got {jitter}")
    ceiling: float = min(cap, base * 2.0 ** (attempt - 1))
    return ceiling * (0.5 + jitter / 2)


class RateGate:
    """Decides whether a message to a chat may go now, and how long to wait if not."""

    # Buckets of idle chats are forgotten once there are this many, to bound memory.
    PRUNE_AT = 10_000

    def __init__(
        self, limits: SendLimits | None = None, *, now: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits or SendLimits()
        self._now = now
        start = now()
        self._overall = TokenBucket(self.limits.burst, self.limits.per_second, start)
        self._chats: dict[int, TokenBucket] = {}
        self._paused_until: dict[int, float] = {}
        self._all_paused_until = 0.0
        self._last_flood: tuple[int, float] | None = None

    def delay(self, chat_id: int) -> float:
        """Seconds until a message to ``chat_id`` may go (0.0: now)."""
        now = self._now()
        waits = [
            self._all_paused_until - now,
            self._paused_until.get(chat_id, 0.0) - now,
            self._overall.delay(now),
            self._bucket(chat_id, now).delay(now),
        ]
        return max(0.0, *waits)

    def take(self, chat_id: int) -> None:
        """Count one message to ``chat_id`` as sent now."""
        now = self._now()
        self._overall.take(now)
        self._bucket(chat_id, now).take(now)

    def pause_chat(self, chat_id: int, seconds: float) -> None:
        """Send nothing to this chat for ``seconds`` (after a 429 or a failure)."""
        until = self._now() + seconds
        self._paused_until[chat_id] = max(self._paused_until.get(chat_id, 0.0), until)

    def pause_all(self, seconds: float) -> None:
        """Send nothing at all for ``seconds`` (a global flood wait)."""
        self._all_paused_until = max(self._all_paused_until, self._now() + seconds)

    def flooded(self, chat_id: int, retry_after: float) -> bool:
        """Obey a 429: pause the chat, or everything when a second chat is refused
        right after the first. Returns whether the pause is global."""
        now = self._now()
        previous, self._last_flood = self._last_flood, (chat_id, now)
        self.pause_chat(chat_id, retry_after)
        second_chat = previous is not None and previous[0] != chat_id
        if second_chat and previous is not None and now - previous[1] <= GLOBAL_FLOOD_WINDOW:
            self.pause_all(retry_after)
            return True
        return False

    def _bucket(self, chat_id: int, now: float) -> TokenBucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            if len(self._chats) >= self.PRUNE_AT:
                self._prune(now)
            limits = self.limits
            if is_group(chat_id):
                bucket = TokenBucket(limits.group_burst, limits.group_per_minute / 60.0, now)
            else:
                bucket = TokenBucket(limits.chat_burst, limits.chat_per_second, now)
            self._chats[chat_id] = bucket
        return bucket

    def _prune(self, now: float) -> None:
        for chat_id in [c for c, bucket in self._chats.items() if bucket.is_full(now)]:
            del self._chats[chat_id]
        for chat_id in [c for c, until in self._paused_until.items() if until <= now]:
            del self._paused_until[chat_id]
