"""What a failure means (a Bot API call's, or the bot's own stores'), decided in one place.

A call can fail because Telegram is having trouble (a 5xx, a network error, a timeout,
a 429 flood wait of any length), and an update's work because the bot's own database or
Redis is out of reach for a moment: that is *transient*, it will pass, and the work is
retried, never dropped. Anything else (a 400 the bot caused, a 403) is *permanent* for
this call. Two refusals are really success: "message is not modified" (the edit is
already on screen, e.g. applied before a lost answer or a restart) and an answer to a
button press that is too old to answer (the spinner is long gone; there is nothing left
to do). The update handler, the poller, the outbox sender and the card posting all ask
here, so they agree.
"""

from __future__ import annotations

from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from bot.sending.limits import backoff_delay

TRANSIENT_ERRORS = (TelegramRetryAfter, TelegramServerError, TelegramNetworkError)
"""Errors that will pass: what is behind them is retried, not failed."""

_OUTAGES = (
    RedisConnectionError,
    RedisTimeoutError,
    PoolTimeoutError,
    ConnectionError,
    TimeoutError,
)
"""The bot's own database or Redis not answering: a connection refused, reset or timed out."""
_SQLITE_BUSY = "database is locked"

_NOT_MODIFIED = "message is not modified"
_QUERY_GONE = "query is too old"
_THREAD_GONE = ("message thread not found", "TOPIC_ID_INVALID")

# Network errors and 5xx come back after half a second, then twice as long each
# time, up to a minute: quick when it was a blip, patient when Telegram is down.
_BASE_DELAY = 0.5
_MAX_DELAY = 60.0


def is_transient(error: BaseException) -> bool:
    """Whether the work failed for a reason that will pass: Telegram having trouble (5xx,
    network, any 429), or the bot's own database or Redis out of reach (:func:`is_outage`).
    """
    return isinstance(error, TRANSIENT_ERRORS) or is_outage(error)


def is_outage(error: BaseException) -> bool:
    """Whether the bot's own database or Redis did not answer, which passes as well.

    A connection refused, reset or closed under a statement, a pool that could not lend
    one in time, SQLite still locked after its wait. The database driver wraps the
    socket's error in its own, so for a database error what caused it counts too; any
    other error is judged by itself, so that a refusal raised while handling a timeout
    is not taken for the timeout. An error of the statement itself (a constraint, a bug)
    is no outage: it would fail the same way again.
    """
    if isinstance(error, _OUTAGES):
        return True
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated or _SQLITE_BUSY in str(error.orig):
        return True
    cause = error.__cause__ or error.__context__
    while cause is not None:
        if isinstance(cause, _OUTAGES):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def is_already_done(error: BaseException) -> bool:
    """A refusal that means the wanted result is already there: treated as success."""
    if not isinstance(error, TelegramBadRequest):
        return False
    message = error.message.lower()
    return _NOT_MODIFIED in message or _QUERY_GONE in message


def retry_delay(error: BaseException, attempt: int, *, jitter: float = 0.0) -> float:
    """Seconds to wait before trying again after ``attempt`` (1, 2, ...) failed with ``error``.

    A 429 names its own wait; other transient errors back off, doubling up to a minute.
    """
    if isinstance(error, TelegramRetryAfter):
        return float(error.retry_after)
    return backoff_delay(attempt, base=_BASE_DELAY * 2, cap=_MAX_DELAY, jitter=jitter)


def thread_gone(error: BaseException) -> bool:
    """Whether the forum topic a call addressed is no longer there (someone deleted it).

    Telegram tells a bot nothing of a deleted topic: a post to it ("message thread not
    found") or a rename (``TOPIC_ID_INVALID``) failing is how the bot learns of it.
    """
    return isinstance(error, TelegramBadRequest) and any(
        sign in error.message for sign in _THREAD_GONE
    )
