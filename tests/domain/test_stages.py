"""The request's stage machine: every allowed move, and the ones that are refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import product

import pytest

from domain.stages import (
    DEAL_LIFE,
    Stage,
    StageChangeError,
    StageChangeRefusal,
    Via,
    allowed_transitions,
    can_move,
    default_stage_limits,
    ensure_move,
    is_final,
    is_open,
    needs_manager,
    reopen_target,
)

S = Stage

# The whole table, written out once more so that a change to the rules is a change here too.
EXPECTED: dict[Stage, set[Stage]] = {
    S.NEW: {S.TAKEN, S.JUNK},
    S.TAKEN: {
        S.NEW,
        S.MEETING_PLANNED,
        S.PROPOSAL_SENT,
        S.WON,
        S.LOST,
        S.JUNK,
        S.POSTPONED,
        S.NURTURE,
    },
    S.MEETING_PLANNED: {S.MEETING_HELD, S.TAKEN, S.LOST, S.POSTPONED, S.NURTURE},
    S.MEETING_HELD: {
        S.RECAP_CONFIRMED,
        S.MEETING_PLANNED,
        S.PROPOSAL_SENT,
        S.WON,
        S.LOST,
        S.POSTPONED,
        S.NURTURE,
    },
    S.RECAP_CONFIRMED: {
        S.PROPOSAL_SENT,
        S.MEETING_PLANNED,
        S.WON,
        S.LOST,
        S.POSTPONED,
        S.NURTURE,
    },
    S.PROPOSAL_SENT: {S.WON, S.LOST, S.MEETING_PLANNED, S.POSTPONED, S.NURTURE},
    S.WON: {S.TAKEN},
    S.LOST: {S.TAKEN},
    S.JUNK: {S.TAKEN},
    S.POSTPONED: {S.TAKEN, S.LOST, S.NURTURE, S.POSTPONED},
    S.NURTURE: {S.TAKEN, S.LOST},
}


def test_the_table_covers_every_stage() -> None:
    assert set(EXPECTED) == set(Stage)


@pytest.mark.parametrize(("current", "target"), list(product(Stage, Stage)))
def test_every_move_follows_the_table(current: Stage, target: Stage) -> None:
    assert can_move(current, target) is (target in EXPECTED[current])


@pytest.mark.parametrize("stage", [s for s in Stage if s is not S.POSTPONED])
def test_staying_in_place_is_not_a_move(stage: Stage) -> None:
    assert not can_move(stage, stage)


def test_postponing_again_moves_the_date() -> None:
    ensure_move(S.POSTPONED, S.POSTPONED, via=Via.OWNER, until=datetime(2026, 4, 1, tzinfo=UTC))


def test_a_new_request_is_claimed_not_jumped_ahead() -> None:
    assert can_move(S.NEW, S.TAKEN)
    assert not can_move(S.NEW, S.MEETING_PLANNED)
    assert not can_move(S.NEW, S.WON)


def test_releasing_a_taken_request_puts_it_back_to_new() -> None:
    assert can_move(S.TAKEN, S.NEW)


def test_a_cancelled_meeting_returns_the_request_to_taken() -> None:
    assert can_move(S.MEETING_PLANNED, S.TAKEN)


def test_a_meeting_must_be_held_before_its_recap_is_confirmed() -> None:
    assert not can_move(S.MEETING_PLANNED, S.RECAP_CONFIRMED)
    assert can_move(S.MEETING_HELD, S.RECAP_CONFIRMED)


def test_a_postponed_request_moves_again_through_taken_or_where_it_was() -> None:
    assert allowed_transitions(S.POSTPONED) == {S.TAKEN, S.LOST, S.NURTURE, S.POSTPONED}
    assert S.PROPOSAL_SENT in allowed_transitions(S.POSTPONED, came_from=S.PROPOSAL_SENT)


@pytest.mark.parametrize(
    "came_from",
    [S.NEW, S.TAKEN, S.MEETING_PLANNED, S.MEETING_HELD, S.RECAP_CONFIRMED, S.PROPOSAL_SENT],
)
def test_nurture_hands_the_request_back_where_it_was(came_from: Stage) -> None:
    assert can_move(S.NURTURE, came_from, came_from=came_from)
    assert can_move(S.NURTURE, S.TAKEN, came_from=came_from)


@pytest.mark.parametrize("came_from", [S.WON, S.LOST, S.NURTURE])
def test_nurture_cannot_return_to_a_final_stage_or_to_itself(came_from: Stage) -> None:
    assert allowed_transitions(S.NURTURE, came_from=came_from) == {S.TAKEN, S.LOST}


def test_nurture_without_history_only_returns_to_taken() -> None:
    assert not can_move(S.NURTURE, S.PROPOSAL_SENT)
    assert can_move(S.NURTURE, S.PROPOSAL_SENT, came_from=S.PROPOSAL_SENT)


def test_came_from_does_not_open_new_moves_from_a_working_stage() -> None:
    assert allowed_transitions(S.TAKEN, came_from=S.RECAP_CONFIRMED) == allowed_transitions(
        S.TAKEN
    )


@pytest.mark.parametrize("final", [S.WON, S.LOST, S.JUNK])
def test_a_final_request_is_reopened_only_by_a_manager_with_a_reason(final: Stage) -> None:
    assert needs_manager(final, S.TAKEN)
    with pytest.raises(StageChangeError) as refused:
        ensure_move(final, S.TAKEN, via=Via.OWNER)
    assert refused.value.reason is StageChangeRefusal.MANAGER_ONLY
    assert (refused.value.current, refused.value.target) == (final, S.TAKEN)
    with pytest.raises(StageChangeError) as unexplained:
        ensure_move(final, S.TAKEN, via=Via.MANAGER)
    assert unexplained.value.reason is StageChangeRefusal.NEEDS_REASON
    ensure_move(final, S.TAKEN, via=Via.MANAGER, reason="the client came back")


def test_a_reopened_request_returns_to_the_stage_it_was_closed_from() -> None:
    assert reopen_target(S.PROPOSAL_SENT) == S.PROPOSAL_SENT
    assert reopen_target(S.NEW) == S.NEW
    assert reopen_target(None) == S.TAKEN
    assert reopen_target(S.NURTURE) == S.TAKEN
    ensure_move(
        S.WON, S.RECAP_CONFIRMED, via=Via.MANAGER, came_from=S.RECAP_CONFIRMED, reason="why"
    )


@pytest.mark.parametrize("target", [S.NEW, S.PROPOSAL_SENT, S.LOST])
def test_a_won_request_cannot_go_anywhere_but_reopened(target: Stage) -> None:
    with pytest.raises(StageChangeError) as refused:
        ensure_move(S.WON, target, via=Via.MANAGER, reason="why")
    assert refused.value.reason is StageChangeRefusal.NOT_ALLOWED


@pytest.mark.parametrize("target", [S.MEETING_PLANNED, S.MEETING_HELD, S.RECAP_CONFIRMED])
def test_a_stage_that_counts_meetings_needs_its_record(target: Stage) -> None:
    source = {S.MEETING_PLANNED: S.TAKEN, S.MEETING_HELD: S.MEETING_PLANNED}.get(
        target, S.MEETING_HELD
    )
    for via in (Via.OWNER, Via.MANAGER):
        with pytest.raises(StageChangeError) as refused:
            ensure_move(source, target, via=via, reason="trust me")
        assert refused.value.reason is StageChangeRefusal.NEEDS_RECORD
    ensure_move(source, target, via=Via.RECORD)


def test_an_override_skips_the_rules_but_not_the_reason() -> None:
    ensure_move(S.TAKEN, S.RECAP_CONFIRMED, via=Via.OVERRIDE, reason="confirmed by phone")
    with pytest.raises(StageChangeError) as refused:
        ensure_move(S.TAKEN, S.RECAP_CONFIRMED, via=Via.OVERRIDE, reason="  ")
    assert refused.value.reason is StageChangeRefusal.NEEDS_REASON


def test_lost_needs_a_reason_and_postponed_a_date() -> None:
    with pytest.raises(StageChangeError) as lost:
        ensure_move(S.TAKEN, S.LOST, via=Via.OWNER)
    assert lost.value.reason is StageChangeRefusal.NEEDS_REASON
    with pytest.raises(StageChangeError) as postponed:
        ensure_move(S.TAKEN, S.POSTPONED, via=Via.OWNER)
    assert postponed.value.reason is StageChangeRefusal.NEEDS_DATE


def test_junk_is_a_managers_move_from_new_or_taken() -> None:
    with pytest.raises(StageChangeError) as refused:
        ensure_move(S.NEW, S.JUNK, via=Via.OWNER, reason="spam")
    assert refused.value.reason is StageChangeRefusal.MANAGER_ONLY
    ensure_move(S.NEW, S.JUNK, via=Via.MANAGER, reason="spam")
    assert not can_move(S.PROPOSAL_SENT, S.JUNK)


def test_an_ordinary_move_needs_no_manager() -> None:
    assert not needs_manager(S.MEETING_HELD, S.PROPOSAL_SENT)
    ensure_move(S.MEETING_HELD, S.PROPOSAL_SENT, via=Via.OWNER)


def test_a_refusal_names_both_stages() -> None:
    with pytest.raises(StageChangeError, match="from new to won"):
        ensure_move(S.NEW, S.WON, via=Via.OWNER)


@pytest.mark.parametrize("stage", list(Stage))
def test_open_and_final_split_the_stages(stage: Stage) -> None:
    assert is_final(stage) is (stage in {S.WON, S.LOST, S.JUNK})
    assert is_open(stage) is not is_final(stage)


def test_stage_values_are_the_stored_strings() -> None:
    assert [stage.value for stage in Stage] == [
        "new",
        "taken",
        "meeting_planned",
        "meeting_held",
        "recap_confirmed",
        "proposal_sent",
        "won",
        "lost",
        "postponed",
        "nurture",
        "junk",
    ]


def test_default_limits_follow_practice() -> None:
    limits = default_stage_limits()
    assert limits[S.NEW] == timedelta(hours=2)
    assert limits[S.TAKEN] == DEAL_LIFE == timedelta(days=7)
    assert limits[S.RECAP_CONFIRMED] == timedelta(days=2)
    assert all(is_open(stage) for stage in limits)
    assert S.POSTPONED not in limits
    assert S.NURTURE not in limits


def test_default_limits_are_a_fresh_dict_each_time() -> None:
    limits = default_stage_limits()
    limits[S.NEW] = timedelta(0)
    assert default_stage_limits()[S.NEW] == timedelta(hours=2)
