"""How a background loop logs its failures: an outage once, a bug every time."""

from __future__ import annotations

import logging

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy.exc import IntegrityError

from bot.loop_failures import REMIND_EVERY, LoopFailures

logger = logging.getLogger("tests.loop")


class Stopwatch:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def stopwatch() -> Stopwatch:
    return Stopwatch()


@pytest.fixture
def failures(stopwatch: Stopwatch) -> LoopFailures:
    return LoopFailures(logger, "sender.pass", about="owner=s1", monotonic=stopwatch)


def lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records]


def test_an_outage_is_one_line_when_it_begins_and_one_when_it_is_over(
    failures: LoopFailures, stopwatch: Stopwatch, caplog: pytest.LogCaptureFixture
) -> None:
    for _ in range(5):
        failures.failed(RedisConnectionError("Connection refused"), "chat_key=7")
        stopwatch.now += 2
    failures.succeeded()
    failures.succeeded()  # nothing was failing any more: nothing to say

    assert lines(caplog) == [
        "event=sender.pass_failed owner=s1 chat_key=7 outage=began"
        " error=ConnectionError('Connection refused')",
        "event=sender.pass_resumed owner=s1 outage=over failures=5 seconds=10.0",
    ]
    assert all(record.exc_info is None for record in caplog.records)
    assert failures.failures == 0


def test_a_long_outage_says_once_a_minute_that_it_is_still_on(
    failures: LoopFailures, stopwatch: Stopwatch, caplog: pytest.LogCaptureFixture
) -> None:
    for _ in range(13):  # a try every 10 s for two minutes
        failures.failed(TimeoutError())
        stopwatch.now += 10

    assert lines(caplog) == [
        "event=sender.pass_failed owner=s1 outage=began error=TimeoutError",
        "event=sender.pass_waiting owner=s1 outage=on failures=7 seconds=60 error=TimeoutError",
        "event=sender.pass_waiting owner=s1 outage=on failures=13 seconds=120 error=TimeoutError",
    ]
    assert REMIND_EVERY == 60


def test_a_failure_that_is_no_outage_keeps_its_traceback_every_time(
    failures: LoopFailures, caplog: pytest.LogCaptureFixture
) -> None:
    bug = IntegrityError("INSERT", {}, Exception("duplicate key"))
    failures.failed(bug, "outbox_id=3")
    failures.failed(bug, "outbox_id=4")

    assert lines(caplog) == [
        "event=sender.pass_failed owner=s1 outbox_id=3",
        "event=sender.pass_failed owner=s1 outbox_id=4",
    ]
    assert all(record.levelno == logging.ERROR for record in caplog.records)
    assert all(record.exc_info is not None for record in caplog.records)
    failures.succeeded()
    assert len(caplog.records) == 2  # no outage was under way
