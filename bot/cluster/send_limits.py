"""Telegram's flood limits held by all instances together, through Redis.

Each instance of a bot paces itself (``bot/sending/limits.py``), but Telegram counts
the bot's messages, not an instance's: three instances each sending 29 a second would
send 87. With Redis configured, every message any instance sends (a handler's answer
or the outbox's) first takes its moment on buckets kept in Redis, one for the bot and
one per chat, checked and spent in one script on Redis' own clock (``buckets.py``): a
send held back by the bot's overall rate is given a moment of its own and sleeps until
then; one held back by its chat's rate (or a pause) waits and asks again. A 429 is written to Redis
too: its chat is paused for ``retry_after`` on every instance, and a second chat
refused within a second pauses everything, as the in-process gate does.

While Redis is away, a message does not wait for it: it goes under this instance's own
pacing (the outbox's gate) and Telegram's 429s, which are obeyed all the same. A Redis that
answers nothing (a network partition) costs a send its client's timeout, so after a failure
the shared buckets are left alone for ``REST_AFTER_FAILURE`` seconds; then one send asks
Redis again while the others go on by local pacing, and the shared buckets are used once
it answers. Updates are
not handled then (their chats' turns are in Redis), so what goes out is the outbox: the
reminders, and the notice telling the admins that updates wait (``bot/web/webhook_watch.py``),
which would otherwise wait for the very outage it tells of. The outage and its end are
logged once each (``event=send_limits.shared_failed`` / ``_resumed``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.cluster.buckets import NOW, Bucket, RedisBuckets
from bot.loop_failures import LoopFailures
from bot.metrics import is_send
from bot.sending.limits import GLOBAL_FLOOD_WINDOW, is_group

logger = logging.getLogger(__name__)

REST_AFTER_FAILURE = 10.0
"""Seconds the shared buckets are left alone after Redis failed a send: a frozen Redis
would otherwise hold every send for the client's whole timeout."""

# KEYS: chat pause, overall pause, last flood. ARGV: chat, retry_after, flood window.
# Returns 1 when the pause is global.
_FLOODED = (
    NOW
    + """
local retry = tonumber(ARGV[2])
local function pause(key)
    local until_ = tonumber(redis.call('GET', KEYS[key]) or '0')
    if now + retry > until_ then
        redis.call('SET', KEYS[key], tostring(now + retry), 'PX', math.ceil(retry * 1000) + 1000)
    end
end
pause(1)
local last = redis.call('HMGET', KEYS[3], 'chat', 'at')
redis.call('HSET', KEYS[3], 'chat', ARGV[1], 'at', now)
redis.call('EXPIRE', KEYS[3], 60)
if last[1] and last[1] ~= ARGV[1] and now - tonumber(last[2]) <= tonumber(ARGV[3]) then
    pause(2)
    return 1
end
return 0
"""
)


@dataclass(frozen=True)
class SharedLimits:
    """Telegram's published limits, a little under them; ``per_second`` is the bot's.

    Rates and bursts stay under Telegram's (30/s, 1/s and about 10 at once per chat,
    20/min per group) by a margin: a message is counted when its moment comes and
    reaches Telegram a trip later, and trips differ (a busy instance writes late, a
    packet is retransmitted), so messages counted apart can arrive together. The
    overall burst is what absorbs that: 10 at once leaves 20 of Telegram's 30 free,
    which covers messages counted over 0.7 s arriving at once; with a burst of 25 it
    was 0.17 s, shorter than one hiccup of a loaded machine. Waiting up to half a
    second longer for the 11th to 25th message of a sudden burst is the price.
    """

    per_second: float = 29.0
    burst: float = 10.0
    chat_per_second: float = 0.9
    chat_burst: float = 8.0
    group_per_minute: float = 18.0
    group_burst: float = 18.0


class SharedSendGate:
    """Buckets and pauses in Redis under ``prefix``, shared by every instance of the bot."""

    def __init__(self, redis: Redis, *, prefix: str, limits: SharedLimits) -> None:
        self._redis = redis
        self._buckets = RedisBuckets(redis)
        self._prefix = f"{prefix}:send:"
        self.limits = limits

    def _chat(self, chat_id: int | str) -> str:
        return f"{self._prefix}chat:{chat_id}"

    async def wait_turn(self, chat_id: int | str) -> None:
        """Return once a message to ``chat_id`` may go, counted on the shared buckets."""
        await self._buckets.wait_turn(*self.limits_of(chat_id))

    def limits_of(self, chat_id: int | str) -> tuple[list[Bucket], list[str]]:
        """The overall bucket (the line), the chat's, and the pauses that hold the chat."""
        limits = self.limits
        group = isinstance(chat_id, str) or is_group(chat_id)
        chat_rate = limits.group_per_minute / 60 if group else limits.chat_per_second
        chat_burst = limits.group_burst if group else limits.chat_burst
        buckets = [
            Bucket(f"{self._prefix}all", limits.per_second, min(limits.burst, limits.per_second)),
            Bucket(self._chat(chat_id), chat_rate, chat_burst),
        ]
        return buckets, [f"{self._prefix}pause:all", f"{self._chat(chat_id)}:pause"]

    async def flooded(self, chat_id: int | str, retry_after: float) -> bool:
        """Pause the chat on every instance (everything, after a second chat); global?"""
        everyone = await self._redis.eval(
            _FLOODED,
            3,
            f"{self._chat(chat_id)}:pause",
            f"{self._prefix}pause:all",
            f"{self._prefix}flood",
            str(chat_id),
            retry_after,
            GLOBAL_FLOOD_WINDOW,
        )
        return bool(everyone)


class SharedSendLimits(BaseRequestMiddleware):
    """Every message waits for a shared token; every 429 pauses all instances.

    While Redis rests after a failure, messages go by this instance's pacing alone, and
    one message at a time (the probe) asks Redis again once the rest is over.
    """

    def __init__(
        self, gate: SharedSendGate, *, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self._gate = gate
        self._failures = LoopFailures(logger, "send_limits.shared", monotonic=monotonic)
        self._monotonic = monotonic
        self._resting_until = 0.0
        self._probing = False

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        chat_id = getattr(method, "chat_id", None)
        if chat_id is None or not is_send(method):
            return await make_request(bot, method)
        if self._may_ask():
            await self._wait_turn(chat_id)
        try:
            return await make_request(bot, method)
        except TelegramRetryAfter as error:
            everyone = await self._flooded(chat_id, error.retry_after)
            logger.warning(
                "event=send.flood_wait chat_id=%s retry_after=%s global=%s",
                chat_id,
                error.retry_after,
                everyone,
            )
            raise

    @property
    def failures(self) -> int:
        """Sends Redis failed in the outage under way (0 while it answers)."""
        return self._failures.failures

    def _may_ask(self) -> bool:
        """Whether Redis is asked for this message: always while it answers; after a
        failure, by one message at a time once the rest is over."""
        if self.failures == 0:
            return True
        return not self._probing and self._monotonic() >= self._resting_until

    async def _wait_turn(self, chat_id: int | str) -> None:
        """Wait for the shared token; on a Redis failure, rest and let the message go."""
        probe = self.failures > 0
        self._probing = self._probing or probe
        try:
            await self._gate.wait_turn(chat_id)
            self._failures.succeeded()
        except RedisError as error:  # sent under this instance's own pacing meanwhile
            self._failed(error, chat_id)
        finally:
            if probe:
                self._probing = False

    async def _flooded(self, chat_id: int | str, retry_after: float) -> bool:
        """Tell every instance of a 429, if Redis can be told; the caller obeys it anyway."""
        if not self._may_ask():
            return False
        try:
            return await self._gate.flooded(chat_id, retry_after)
        except RedisError as error:
            self._failed(error, chat_id)
            return False

    def _failed(self, error: RedisError, chat_id: int | str) -> None:
        self._failures.failed(error, f"chat_id={chat_id}")
        self._resting_until = self._monotonic() + REST_AFTER_FAILURE
