"""Every metric against the hand-built week of ``metrics_history``; each figure worked out here."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.metrics.followups import meetings, steps
from domain.metrics.funnel import funnel, outcomes
from domain.metrics.history import EventFact, RequestFact, visits
from domain.metrics.numbers import median, percentile
from domain.metrics.people import closers, estimators, experts, lead_generators, managers
from domain.metrics.periods import PeriodKind, period_of, previous_week, week_starts
from domain.metrics.report import build_report
from domain.metrics.standing import Place, place_of, places, team_median
from domain.metrics.timing import claiming, stage_times
from domain.metrics.trend import weekly_trend
from tests.domain.metrics_history import (
    ANNA,
    BORIS,
    CLARA,
    MOSCOW,
    WEEK_END,
    WEEK_START,
    XENIA,
    YURI,
    ZOE,
    event,
    h,
    week,
)


def test_the_funnel_counts_how_far_each_request_ever_got() -> None:
    # Reached: everyone (7); all but #5 were taken (6); #1, #2, #7 had a meeting planned and
    # held (3); #1 had its recap confirmed and a proposal sent, and #7 skipped both but was
    # won, so it counts for both (2); won: #1 and #7 (2).
    rows = funnel(week(), {"meeting_held": 0.4})
    assert [(row.stage, row.reached, row.drop_off) for row in rows] == [
        ("new", 7, 0),
        ("taken", 6, 1),
        ("meeting_planned", 3, 3),
        ("meeting_held", 3, 0),
        ("recap_confirmed", 2, 1),
        ("proposal_sent", 2, 0),
        ("won", 2, 0),
    ]
    by_stage = {row.stage: row for row in rows}
    assert by_stage["taken"].conversion == pytest.approx(6 / 7)
    assert by_stage["meeting_planned"].conversion == pytest.approx(3 / 6)
    assert by_stage["recap_confirmed"].conversion == pytest.approx(2 / 3)
    assert by_stage["won"].cumulative == pytest.approx(2 / 7)
    # The form's own target where it has one, the seeds' 25% norm for won.
    assert by_stage["meeting_held"].target == 0.4
    assert by_stage["won"].target == 0.25
    assert by_stage["taken"].target is None


def test_win_rate_counts_won_against_lost_and_leaves_junk_and_open_out() -> None:
    result = outcomes(week())
    assert (result.won, result.lost, result.junk, result.open) == (2, 2, 1, 2)
    assert result.win_rate == pytest.approx(2 / 4)
    assert result.lost_reasons == [("no budget", 1), ("price", 1)]
    assert result.junk_reasons == [("duplicate", 1)]


def test_time_to_claim_has_a_median_a_90th_percentile_and_the_share_in_time() -> None:
    # Minutes to the first owner: 30, 60, 240 (round robin), 10, 120, 20.
    # Sorted 10 20 30 60 120 240: median (30 + 60) / 2 = 45; nearest rank ceil(0.9*6)=6 -> 240.
    # #3 was escalated before its take, so 5 of 6 were claimed within the limit.
    result = claiming(week())
    assert (result.claimed, result.unclaimed) == (6, 1)
    assert result.median_minutes == pytest.approx(45)
    assert result.p90_minutes == pytest.approx(240)
    assert result.within_limit == pytest.approx(5 / 6)
    assert result.escalations == {1: 1}
    assert result.auto_assigned == 1


def test_time_in_stage_uses_finished_visits_and_counts_breaches() -> None:
    # New (hours): 0.5, 1, 4, 1/6, 2, 1/3 (#5 is still new, not counted);
    # sorted 1/6 1/3 0.5 1 2 4: median 0.75, 90th percentile 4, one over the 2 h limit.
    # Taken: 1.5, 3, 2, 16 5/6, 2/3 (#6 still taken): median 2, 90th 16 5/6, one over 8 h,
    # and one stage_overdue event for #4 in taken.
    limits = {"new": timedelta(hours=2), "taken": timedelta(hours=8)}
    rows = {row.stage: row for row in stage_times(week(), limits)}
    assert rows["new"].visits == 6
    assert rows["new"].median_hours == pytest.approx(0.75)
    assert rows["new"].p90_hours == pytest.approx(4)
    assert (rows["new"].over_limit, rows["new"].breaches) == (1, 0)
    assert rows["taken"].median_hours == pytest.approx(2)
    assert rows["taken"].p90_hours == pytest.approx(16 + 5 / 6)
    assert (rows["taken"].over_limit, rows["taken"].breaches) == (1, 1)
    # Meeting planned: 24, 24, 23 hours; no limit given.
    assert rows["meeting_planned"].median_hours == pytest.approx(24)
    assert rows["meeting_planned"].limit_hours is None


def test_steps_are_on_time_late_or_overdue_now_and_cancelled_ones_do_not_count() -> None:
    result = steps(week())
    assert (result.due, result.on_time, result.late, result.overdue_now) == (4, 1, 1, 1)


def test_meetings_count_held_confirmed_the_wait_for_confirmation_and_corrections() -> None:
    # Held: #1, #2, #7; confirmed #1 (3 h after its end) and #7 (5 h): median 4 h.
    result = meetings(week())
    assert (result.planned, result.held, result.confirmed) == (4, 3, 2)
    assert result.confirmed_share == pytest.approx(2 / 3)
    assert result.median_confirm_hours == pytest.approx(4)
    assert result.corrections == 1


def test_lead_generators_are_ranked_by_won_then_by_lead_quality() -> None:
    # Anna: won 4 + met 2 + won 4 = 10 of 12 points -> 83.3; Clara: 1 + 1 = 2 of 8 -> 25;
    # Boris: junk 0 + lost after a take 1 = 1 of 8 -> 12.5.
    rows = lead_generators(week())
    assert [row.person_id for row in rows] == [ANNA, CLARA, BORIS]
    anna, clara, boris = rows
    assert (anna.submitted, anna.taken, anna.met, anna.won, anna.junk) == (3, 3, 3, 2, 0)
    assert anna.quality == pytest.approx(100 * 10 / 12)
    assert (clara.submitted, clara.taken, clara.quality) == (2, 1, 25)
    assert (boris.junk, boris.quality) == (1, 12.5)


def test_experts_show_claims_load_meetings_recaps_wins_and_overdue_steps() -> None:
    rows = {row.person_id: row for row in experts(week())}
    xenia = rows[XENIA]
    # First owner of #1 (30 min), #4 (10), #6 (120), #7 (20): median 25.
    assert (xenia.taken, xenia.median_claim_minutes) == (4, 25)
    assert (xenia.load, xenia.meetings, xenia.confirmed_share) == (6, 2, 1.0)
    assert (xenia.won, xenia.overdue_steps) == (2, 1)
    assert (rows[YURI].taken, rows[YURI].confirmed_share, rows[YURI].won) == (1, 0.0, 0)
    # Round robin made Zoe the owner of #3 after 240 minutes.
    assert (rows[ZOE].taken, rows[ZOE].median_claim_minutes) == (1, 240)


def test_estimators_show_on_time_share_and_reworks_charged_to_the_right_person() -> None:
    rows = {row.person_id: row for row in estimators(week())}
    assert (rows[30].requested, rows[30].delivered, rows[30].on_time_share) == (1, 1, 1.0)
    assert (rows[31].delivered, rows[31].on_time_share) == (1, 0.0)
    # #1's rework names estimate 1 (30); #2's names none, so it goes to 31, last asked there.
    assert (rows[30].reworks, rows[31].reworks) == (1, 1)


def test_closers_show_calls_joins_and_wins_after_joining() -> None:
    rows = {row.person_id: row for row in closers(week())}
    assert (rows[40].called, rows[40].joined, rows[40].won_after_joining) == (2, 1, 1)
    assert (rows[41].called, rows[41].joined, rows[41].won_after_joining) == (1, 0, 0)


def test_managers_show_escalations_received_and_time_until_someone_acted() -> None:
    # Manager 20: #3's claim escalation at 4 h, answered by Zoe's junk move at 8 h (the
    # bot's round robin at 6 h is not a person acting): 240 min; #4's stage escalation at
    # 12 h, answered by the move to lost at 20 h: 480 min. Median 360. Manager 21: only #4.
    rows = {row.person_id: row for row in managers(week())}
    assert (rows[20].escalations, rows[20].median_reaction_minutes) == (2, 360)
    assert (rows[21].escalations, rows[21].median_reaction_minutes) == (1, 480)


def test_the_report_names_the_oldest_overdue_step_the_slowest_stage_and_the_busiest() -> None:
    report = build_report(
        week(), stage_limits={"new": timedelta(hours=2), "taken": timedelta(hours=8)}
    )
    assert report.attention.worst_overdue is not None
    assert report.attention.worst_overdue.request_id == 6
    # Median over limit: new 0.75 / 2 = 0.375, taken 2 / 8 = 0.25.
    assert report.attention.slowest is not None
    assert report.attention.slowest.stage == "new"
    # Loads 6, 2, 2: median 2, and 6 is at least 1.5 times that.
    assert report.attention.overloaded is not None
    assert report.attention.overloaded.person_id == XENIA


def test_nobody_is_overloaded_when_the_load_is_even() -> None:
    report = build_report(week(open_load={XENIA: 2, YURI: 2}))
    assert report.attention.overloaded is None


def test_the_weekly_trend_counts_each_request_taken_once_at_its_first_take() -> None:
    earlier = event(-30, "request.submitted", 99, ANNA)  # Sunday before: the week before
    again = event(10, "request.taken", 2, YURI)  # a second take of #2 is not counted
    weeks = week_starts(WEEK_END, MOSCOW, 2)
    assert weeks == [WEEK_START - timedelta(days=7), WEEK_START]
    trend = weekly_trend([earlier, *week().events, again], weeks)
    assert [(w.submitted, w.taken, w.won) for w in trend] == [(1, 0, 0), (7, 6, 2)]


def test_a_release_puts_a_request_back_to_new_and_a_reassignment_keeps_its_stage() -> None:
    fact = RequestFact(1, "it_erp", ANNA, XENIA, "meeting_planned", "normal", h(0))
    path = visits(
        fact,
        [
            event(1, "request.taken", 1, YURI),
            event(2, "request.released", 1, YURI),
            event(3, "request.taken", 1, XENIA),
            event(4, "request.assigned", 1, 20, to=ZOE),
            EventFact(h(5), "request.stage_changed", 1, ZOE, {"from": "taken", "to": "x"}),
        ],
    )
    assert [(v.stage, v.entered, v.left) for v in path] == [
        ("new", h(0), h(1)),
        ("taken", h(1), h(2)),
        ("new", h(2), h(3)),
        ("taken", h(3), h(5)),
        ("x", h(5), None),
    ]


def test_an_empty_history_gives_no_shares_rather_than_dividing_by_zero() -> None:
    report = build_report(week(requests=[], events=[], period_events=[], steps=[], meetings=[]))
    assert report.funnel[0].reached == 0
    assert report.funnel[-1].cumulative is None
    assert report.outcomes.win_rate is None
    assert report.claiming.median_minutes is None
    assert report.meetings.confirmed_share is None


def test_percentiles_are_nearest_rank_and_medians_average_the_middle_pair() -> None:
    assert percentile([5, 1, 3], 0.9) == 5
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert percentile([], 0.9) is None
    assert median([4, 1, 3, 2]) == 2.5
    assert median([3, 1, 2]) == 2


@pytest.mark.parametrize(
    ("kind", "first", "last"),
    [
        (PeriodKind.THIS_WEEK, date(2026, 3, 2), date(2026, 3, 8)),
        (PeriodKind.LAST_WEEK, date(2026, 2, 23), date(2026, 3, 1)),
        (PeriodKind.THIS_MONTH, date(2026, 3, 1), date(2026, 3, 31)),
        (PeriodKind.LAST_MONTH, date(2026, 2, 1), date(2026, 2, 28)),
        (PeriodKind.QUARTER, date(2026, 1, 1), date(2026, 3, 31)),
    ],
)
def test_named_periods_follow_the_readers_calendar(
    kind: PeriodKind, first: date, last: date
) -> None:
    now = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)  # Wednesday noon in Moscow
    period = period_of(kind, now, MOSCOW)
    assert (period.first_day, period.last_day) == (first, last)
    assert period.start == datetime(first.year, first.month, first.day, tzinfo=MOSCOW)
    assert period.end == datetime(last.year, last.month, last.day, tzinfo=MOSCOW) + timedelta(
        days=1
    )


def test_the_week_before_is_the_seven_days_before() -> None:
    this = period_of(PeriodKind.LAST_WEEK, datetime(2026, 3, 4, 9, 0, tzinfo=UTC), MOSCOW)
    before = previous_week(this, MOSCOW)
    assert (before.first_day, before.last_day) == (date(2026, 2, 16), date(2026, 2, 22))


def test_places_are_shared_by_equal_values_and_the_next_place_skips() -> None:
    rows = [(1, 5.0), (2, 7.0), (3, 5.0), (4, 1.0)]
    ranks = places(rows, key=lambda row: row[1], person=lambda row: row[0])
    assert ranks == {2: 1, 1: 2, 3: 2, 4: 4}
    assert place_of(rows, 3, key=lambda row: row[1], person=lambda row: row[0]) == Place(2, 4)
    assert place_of(rows, 9, key=lambda row: row[1], person=lambda row: row[0]) is None


def test_the_team_median_leaves_out_people_without_the_figure() -> None:
    rows = lead_generators(week())
    # Qualities 83.3, 25 and 12.5: the median is 25.
    assert team_median(rows, lambda row: row.quality) == 25
    assert team_median(experts(week()), lambda row: row.median_claim_minutes) == pytest.approx(
        60
    )  # Xenia 25, Yuri 60, Zoe 240
