"""When a delivery is tried again, and when it is given up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from integrations.policy import (
    GIVE_UP_AFTER,
    Outcome,
    is_retryable_status,
    next_attempt,
    parse_retry_after,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "retried"),
    [
        (500, True),
        (502, True),
        (503, True),
        (429, True),
        (400, False),
        (401, False),
        (404, False),
        (410, False),
        (301, False),
    ],
)
def test_only_5xx_and_429_are_worth_another_try(status: int, retried: bool) -> None:
    assert is_retryable_status(status) is retried


def test_a_refusal_is_never_retried() -> None:
    refused = Outcome.refused("HTTP 400", status=400)
    assert (
        next_attempt(refused, attempts=1, now=NOW, give_up_at=NOW + GIVE_UP_AFTER, jitter=0)
        is None
    )


def test_the_wait_doubles_is_jittered_and_capped() -> None:
    failed = Outcome.transient("HTTP 500", status=500)
    end = NOW + GIVE_UP_AFTER
    waits = [
        next_attempt(failed, attempts=n, now=NOW, give_up_at=end, jitter=0.0) for n in (1, 2, 3)
    ]
    assert [w - NOW for w in waits if w] == [timedelta(seconds=s) for s in (15, 30, 60)]
    late = next_attempt(failed, attempts=30, now=NOW, give_up_at=end, jitter=0.999)
    assert late is not None
    assert timedelta(hours=1) <= late - NOW <= timedelta(hours=2)


def test_a_retry_after_longer_than_the_backoff_is_obeyed() -> None:
    limited = Outcome.transient("HTTP 429", status=429, retry_after=600)
    at = next_attempt(limited, attempts=1, now=NOW, give_up_at=NOW + GIVE_UP_AFTER, jitter=0)
    assert at == NOW + timedelta(seconds=600)


def test_a_day_of_failures_ends_in_giving_up() -> None:
    failed = Outcome.transient("timed out")
    end, now, attempts = NOW + GIVE_UP_AFTER, NOW, 1
    while at := next_attempt(failed, attempts=attempts, now=now, give_up_at=end, jitter=0.5):
        now, attempts = at, attempts + 1
    assert now <= end
    assert end - now < timedelta(hours=2)
    assert 15 <= attempts <= 30


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (" 5 ", 5.0),
        (None, None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", None),
        ("-1", None),
    ],
)
def test_retry_after_is_read_in_seconds(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header) == seconds
