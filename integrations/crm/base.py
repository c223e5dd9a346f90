"""What every CRM client shares: the lead it is given, its interface, its rate and its HTTP."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

import aiohttp

from bot.sending.limits import TokenBucket
from domain.stages import Stage
from integrations.policy import Outcome, is_retryable_status, parse_retry_after
from scenarios.schema import Scenario


@dataclass(frozen=True, slots=True)
class Lead:
    """A request as a CRM needs it, whatever the CRM.

    ``source`` says where the lead came from, for the CRM's source field. ``values`` holds
    each answer by field id for the form's own mapping: numbers as
    numbers, everything else as the text the team sees. ``notes`` are all the answers
    as "label: text" lines, for the CRM's comment.
    """

    number: int
    title: str
    source: str
    stage: Stage
    company: str | None
    contact_name: str | None
    phone: str | None
    email: str | None
    values: dict[str, Any] = field(default_factory=dict)
    notes: str = ""


class CrmClient(Protocol):
    """One CRM: create the lead (answering with its id), then move it between stages."""

    name: str

    async def create(self, http: aiohttp.ClientSession, lead: Lead, form: Scenario) -> Outcome:
        """Create the lead; a delivered ``Outcome`` carries ``crm_id`` and ``crm_entity``."""
        ...

    async def move(
        self,
        http: aiohttp.ClientSession,
        crm_id: str,
        entity: str,
        stage: Stage,
        form: Scenario,
    ) -> Outcome:
        """Put the lead ``crm_id`` into the CRM status the form maps ``stage`` to."""
        ...


class RateLimit(Protocol):
    """How fast one CRM's calls go: ``wait`` before each, ``exhausted`` on "too many".

    ``LocalRateLimit`` holds it in this process; with Redis configured every instance
    shares one (``bot.cluster.buckets.SharedRate``), as the CRM counts the account's calls.
    """

    async def wait(self) -> None:
        """Return when one more call may go, and count it."""
        ...

    async def exhausted(self) -> None:
        """The CRM said "too many": wait for a full token before the next call."""
        ...


class LocalRateLimit:
    """A token bucket on the monotonic clock shared by one CRM's calls in this process."""

    def __init__(self, *, burst: float, per_second: float) -> None:
        self._bucket = TokenBucket(burst, per_second, time.monotonic())
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        """Return when one more call may go, and count it."""
        async with self._lock:
            delay = self._bucket.delay(time.monotonic())
            if delay > 0:
                await asyncio.sleep(delay)
            self._bucket.take(time.monotonic())

    async def exhausted(self) -> None:
        """The CRM said "too many": wait for a full token before the next call."""
        self._bucket.tokens = min(self._bucket.tokens, 0.0)


@dataclass(frozen=True, slots=True)
class Answer:
    """A CRM's HTTP answer: its status, its JSON (if any), and its ``Retry-After``."""

    status: int
    body: Any
    retry_after: float | None


async def call(
    http: aiohttp.ClientSession,
    method: str,
    url: str,
    *,
    payload: Any,
    headers: dict[str, str] | None = None,
) -> Answer | Outcome:
    """One JSON call; a timeout or a network error comes back as a transient ``Outcome``."""
    try:
        async with http.request(
            method,
            url,
            data=json.dumps(payload, ensure_ascii=False),
            headers={"content-type": "application/json", **(headers or {})},
        ) as response:
            text = await response.text()
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            status = response.status
    except TimeoutError:
        return Outcome.transient("timed out")
    except (aiohttp.ClientError, OSError) as error:
        return Outcome.transient(f"network: {type(error).__name__}")
    try:
        body = json.loads(text) if text else None
    except ValueError:
        body = None
    return Answer(status=status, body=body, retry_after=retry_after)


def failure(answer: Answer, detail: str) -> Outcome:
    """A non-2xx answer: 5xx and 429 are retried, anything else is not."""
    reason = f"HTTP {answer.status}" + (f" {detail}" if detail else "")
    if is_retryable_status(answer.status):
        return Outcome.transient(reason, status=answer.status, retry_after=answer.retry_after)
    return Outcome.refused(reason, status=answer.status)
