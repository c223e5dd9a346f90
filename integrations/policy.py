"""When a delivery is retried, and when it is given up: plain rules, no I/O.

Retried: a timeout, a network error, any 5xx and 429 (after ``Retry-After`` if the
receiver gave one), with jittered doubling backoff until the delivery's 24 hours run out.
Not retried: any other answer outside 2xx; the receiver said no, and asking again would
get the same answer. An admin can redeliver it once the receiver is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.sending.limits import backoff_delay

RETRY_BASE_SECONDS = 30.0
RETRY_CAP_SECONDS = 2 * 3600.0
GIVE_UP_AFTER = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one attempt came to.

    ``retry`` says a later attempt may succeed; ``retry_after`` is the receiver's own
    wish in seconds (a 429's ``Retry-After``); ``crm_id`` and ``crm_entity`` are the
    record a CRM created (``lead`` or ``deal``).
    """

    ok: bool
    retry: bool = False
    status: int | None = None
    error: str = ""
    retry_after: float | None = None
    crm_id: str | None = None
    crm_entity: str = "lead"

    @classmethod
    def delivered(
        cls, status: int | None = None, *, crm_id: str | None = None, crm_entity: str = "lead"
    ) -> Outcome:
        return cls(ok=True, status=status, crm_id=crm_id, crm_entity=crm_entity)

    @classmethod
    def transient(
        cls, error: str, *, status: int | None = None, retry_after: float | None = None
    ) -> Outcome:
        return cls(ok=False, retry=True, status=status, error=error, retry_after=retry_after)

    @classmethod
    def refused(cls, error: str, *, status: int | None = None) -> Outcome:
        return cls(ok=False, retry=False, status=status, error=error)


def is_retryable_status(status: int) -> bool:
    """429 and every 5xx are worth another try; 2xx is done; everything else is a no."""
    return status == 429 or status >= 500


def next_attempt(
    outcome: Outcome, *, attempts: int, now: datetime, give_up_at: datetime, jitter: float
) -> datetime | None:
    """When to try again after a failed attempt, or ``None`` to give up."""
    if not outcome.retry:
        return None
    delay = backoff_delay(attempts, base=RETRY_BASE_SECONDS, cap=RETRY_CAP_SECONDS, jitter=jitter)
    if outcome.retry_after is not None:
        delay = max(delay, outcome.retry_after)
    moment = now + timedelta(seconds=delay)
    return moment if moment <= give_up_at else None


def parse_retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds; the HTTP-date form is rare and ignored (backoff covers it)."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if seconds >= 0 else None
