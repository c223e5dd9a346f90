"""Stage limits warn at 80% and are overdue at 100%; idle deals nurture; digests start days."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.pipeline import (
    DigestContent,
    DigestItem,
    LimitLevel,
    StageLimit,
    digest_is_empty,
    digest_requests,
    digest_start,
    is_idle,
    last_activity,
    limit_level,
    may_nurture,
    stage_deadlines,
    stage_limit,
    working_day_end,
)
from domain.stages import DEAL_LIFE, Stage
from domain.working_hours import WorkingSchedule

MOSCOW = ZoneInfo("Europe/Moscow")
OFFICE = WorkingSchedule(start=time(9), end=time(18), days=frozenset(range(1, 6)), tz=MOSCOW)


def msk(day: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock moment in Moscow in March 2026; the 2nd is a Monday."""
    return datetime(2026, 3, day, hour, minute, tzinfo=MOSCOW)


def test_a_scenario_limit_wins_over_the_default() -> None:
    own = StageLimit(timedelta(hours=8), working_time=True)
    assert stage_limit(Stage.TAKEN, {"taken": own}) == own
    assert stage_limit(Stage.PROPOSAL_SENT, {"taken": own}) == StageLimit(DEAL_LIFE, False)


def test_new_postponed_and_final_stages_have_no_stage_limit() -> None:
    for stage in (Stage.NEW, Stage.POSTPONED, Stage.NURTURE, Stage.WON, Stage.LOST):
        assert stage_limit(stage, {}) is None


def test_a_working_time_limit_warns_at_80_percent_of_working_hours() -> None:
    limit = StageLimit(timedelta(hours=8), working_time=True)
    warn_at, due_at = stage_deadlines(OFFICE, msk(2, 14), limit)
    # 6.4 working hours from Monday 14:00: 4 on Monday, 2.4 on Tuesday.
    assert warn_at == msk(3, 11, 24).astimezone(UTC)
    assert due_at == msk(3, 13).astimezone(UTC)


def test_a_wall_clock_limit_counts_nights_and_weekends() -> None:
    limit = StageLimit(timedelta(days=7), working_time=False)
    warn_at, due_at = stage_deadlines(OFFICE, msk(2, 9), limit)
    assert due_at - warn_at == timedelta(days=7) * 0.2
    assert due_at == msk(9, 9).astimezone(UTC)


def test_levels_count_the_deadline_moment_itself() -> None:
    deadlines = stage_deadlines(OFFICE, msk(2, 9), StageLimit(timedelta(hours=10), False))
    assert limit_level(msk(2, 16, 59), deadlines) == LimitLevel.NONE
    assert limit_level(msk(2, 17), deadlines) == LimitLevel.WARNING
    assert limit_level(msk(2, 19), deadlines) == LimitLevel.OVERDUE


def test_naive_moments_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        stage_deadlines(OFFICE, datetime(2026, 3, 2), StageLimit(timedelta(hours=1), False))
    with pytest.raises(ValueError, match="positive"):
        StageLimit(timedelta(0), working_time=False)


def test_a_request_touched_by_a_person_is_not_idle() -> None:
    changed = msk(2, 9)
    active = last_activity(changed, [msk(5, 12)])
    assert active == msk(5, 12)
    assert not is_idle(msk(9, 10), active, DEAL_LIFE)
    assert is_idle(msk(12, 12), active, DEAL_LIFE)
    assert last_activity(changed, []) == changed


def test_only_requests_in_work_go_to_nurture() -> None:
    assert may_nurture(Stage.TAKEN)
    assert may_nurture(Stage.PROPOSAL_SENT)
    for stage in (Stage.NEW, Stage.POSTPONED, Stage.NURTURE, Stage.WON, Stage.LOST):
        assert not may_nurture(stage)


def test_the_digest_goes_at_the_start_of_the_next_working_day() -> None:
    assert digest_start(OFFICE, msk(2, 7)) == msk(2, 9).astimezone(UTC)
    assert digest_start(OFFICE, msk(2, 9)) == msk(3, 9).astimezone(UTC)
    assert digest_start(OFFICE, msk(2, 9, 1)) == msk(3, 9).astimezone(UTC)
    # Friday afternoon: Monday morning.
    assert digest_start(OFFICE, msk(6, 15)) == msk(9, 9).astimezone(UTC)


def test_the_working_day_ends_at_its_window_end() -> None:
    assert working_day_end(OFFICE, msk(2, 10)) == msk(2, 18).astimezone(UTC)
    assert working_day_end(OFFICE, msk(6, 20)) == msk(9, 18).astimezone(UTC)


def test_an_empty_digest_is_not_sent() -> None:
    assert digest_is_empty(DigestContent())
    assert not digest_is_empty(DigestContent(near_limit=[DigestItem(request_id=1)]))
    assert not digest_is_empty(DigestContent(team_overdue=2))


def test_a_digest_names_each_request_once_in_the_order_of_its_sections() -> None:
    content = DigestContent(
        meetings=[DigestItem(request_id=7)],
        steps_today=[DigestItem(request_id=3), DigestItem(request_id=7)],
        steps_overdue=[DigestItem(request_id=5)],
        unclaimed=[DigestItem(request_id=1), DigestItem(request_id=3)],
        team_overdue=4,
    )
    assert digest_requests(content) == [7, 3, 5, 1]
    assert digest_requests(DigestContent(team_overdue=4)) == []
