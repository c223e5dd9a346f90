"""The pure parts of the sender: token buckets, the rate gate, retry backoff."""

from __future__ import annotations

import pytest

from bot.sending.limits import RateGate, SendLimits, TokenBucket, backoff_delay


class FakeTime:
    """Monotonic seconds that a test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_full_bucket_lets_a_burst_through_then_paces_at_its_rate() -> None:
    bucket = TokenBucket(capacity=3, rate=1.0, now=0.0)
    for _ in range(3):
        assert bucket.delay(0.0) == 0.0
        bucket.take(0.0)
    assert bucket.delay(0.0) == pytest.approx(1.0)
    assert bucket.delay(0.5) == pytest.approx(0.5)
    assert bucket.delay(1.0) == 0.0


def test_a_bucket_never_holds_more_than_its_capacity() -> None:
    bucket = TokenBucket(capacity=2, rate=10.0, now=0.0)
    assert bucket.is_full(1000.0)
    bucket.take(1000.0)
    bucket.take(1000.0)
    bucket.take(1000.0)  # overdrawn: the next wait is longer
    assert bucket.delay(1000.0) == pytest.approx(0.2)


def test_a_bucket_needs_room_and_a_rate() -> None:
    with pytest.raises(ValueError, match="positive rate"):
        TokenBucket(capacity=1, rate=0, now=0.0)


def test_a_private_chat_gets_a_short_burst_then_one_message_a_second() -> None:
    time = FakeTime()
    gate = RateGate(SendLimits(chat_burst=2, chat_per_second=1.0), now=time)
    for _ in range(2):
        assert gate.delay(42) == 0.0
        gate.take(42)
    assert gate.delay(42) == pytest.approx(1.0)
    assert gate.delay(43) == 0.0  # another chat is not held up


def test_a_group_gets_twenty_then_waits_for_its_per_minute_allowance() -> None:
    time = FakeTime()
    gate = RateGate(SendLimits(burst=30, group_burst=20, group_per_minute=20), now=time)
    for _ in range(20):
        assert gate.delay(-100) == 0.0
        gate.take(-100)
    assert gate.delay(-100) == pytest.approx(3.0)


def test_the_overall_limit_holds_across_chats() -> None:
    time = FakeTime()
    gate = RateGate(SendLimits(per_second=5, burst=5), now=time)
    for chat_id in range(5):
        gate.take(chat_id)
    assert gate.delay(99) == pytest.approx(0.2)
    time.now += 0.2
    assert gate.delay(99) == 0.0


def test_a_flood_wait_pauses_one_chat_and_two_chats_in_a_row_pause_everyone() -> None:
    time = FakeTime()
    gate = RateGate(now=time)
    assert not gate.flooded(1, 5)
    assert gate.delay(1) == pytest.approx(5.0)
    assert gate.delay(2) == 0.0
    time.now += 0.5
    assert gate.flooded(2, 3)
    assert gate.delay(3) == pytest.approx(3.0)
    time.now += 3
    assert gate.delay(3) == 0.0
    assert gate.delay(1) == pytest.approx(1.5)


def test_floods_far_apart_stay_per_chat() -> None:
    time = FakeTime()
    gate = RateGate(now=time)
    gate.flooded(1, 1)
    time.now += 10
    assert not gate.flooded(2, 1)
    assert gate.delay(3) == 0.0


@pytest.mark.parametrize(
    ("attempt", "jitter", "expected"),
    [
        (1, 0.0, 0.5),
        (1, 0.99, 0.995),
        (2, 0.0, 1.0),
        (3, 0.5, 3.0),
        (7, 0.0, 30.0),
        (20, 0.0, 30.0),
    ],
)
def test_backoff_doubles_up_to_a_cap_with_jitter_in_the_upper_half(
    attempt: int, jitter: float, expected: float
) -> None:
    assert backoff_delay(attempt, jitter=jitter) == pytest.approx(expected)


def test_backoff_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="count from 1"):
        backoff_delay(0, jitter=0.0)
    with pytest.raises(ValueError, match="jitter"):
        backoff_delay(1, jitter=1.0)
