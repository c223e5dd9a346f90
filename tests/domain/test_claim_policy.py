"""Who may claim a request, and whom round-robin picks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.claim_policy import (
    CLAIM_OK,
    Candidate,
    ClaimPolicy,
    ClaimRefusal,
    ClaimVerdict,
    may_claim,
    pick_round_robin,
)

EXPERTS_ONLY = ClaimPolicy.EXPERTS_ONLY
OPEN = ClaimPolicy.OPEN
MORNING = datetime(2026, 3, 2, 9, tzinfo=UTC)


def test_an_expert_with_every_required_tag_may_claim() -> None:
    verdict = may_claim(
        roles={"expert"},
        tags={"1c", "erp", "wms"},
        in_group=True,
        required_tags={"1c", "erp"},
        policy=EXPERTS_ONLY,
    )
    assert verdict.ok
    assert verdict == CLAIM_OK


def test_someone_outside_the_group_is_refused_whatever_their_role() -> None:
    for policy in ClaimPolicy:
        verdict = may_claim(
            roles={"expert", "manager"},
            tags={"1c"},
            in_group=False,
            required_tags=set(),
            policy=policy,
        )
        assert verdict == ClaimVerdict(ClaimRefusal.NOT_IN_GROUP)
        assert not verdict.ok


@pytest.mark.parametrize("roles", [set(), {"lead_generator"}, {"manager"}, {"admin"}])
def test_only_experts_claim_under_experts_only(roles: set[str]) -> None:
    verdict = may_claim(
        roles=roles, tags={"1c"}, in_group=True, required_tags=set(), policy=EXPERTS_ONLY
    )
    assert verdict.refusal is ClaimRefusal.NOT_EXPERT
    assert verdict.missing_tags == ()


def test_an_expert_is_told_which_tags_they_lack() -> None:
    verdict = may_claim(
        roles={"expert", "manager"},
        tags={"erp"},
        in_group=True,
        required_tags={"wms", "1c", "erp"},
        policy=EXPERTS_ONLY,
    )
    assert verdict == ClaimVerdict(ClaimRefusal.MISSING_TAGS, ("1c", "wms"))
    assert not verdict.ok


def test_not_being_an_expert_is_said_before_missing_tags() -> None:
    verdict = may_claim(
        roles={"lead_generator"},
        tags=set(),
        in_group=True,
        required_tags={"1c"},
        policy=EXPERTS_ONLY,
    )
    assert verdict.refusal is ClaimRefusal.NOT_EXPERT


def test_a_request_without_required_tags_is_open_to_any_expert() -> None:
    verdict = may_claim(
        roles={"expert"}, tags=set(), in_group=True, required_tags=set(), policy=EXPERTS_ONLY
    )
    assert verdict.ok


def test_under_the_open_policy_anyone_in_the_group_claims() -> None:
    verdict = may_claim(roles=set(), tags=set(), in_group=True, required_tags={"1c"}, policy=OPEN)
    assert verdict.ok


# -- round-robin ---------------------------------------------------------------------------


def test_nobody_to_pick_is_none() -> None:
    assert pick_round_robin([]) is None


def test_the_expert_with_fewest_open_requests_is_picked() -> None:
    candidates = [
        Candidate(user_id=1, open_requests=3, last_assigned_at=None),
        Candidate(user_id=2, open_requests=1, last_assigned_at=MORNING),
        Candidate(user_id=3, open_requests=2, last_assigned_at=None),
    ]
    assert pick_round_robin(candidates) == 2


def test_on_equal_load_whoever_waited_longest_is_picked() -> None:
    candidates = [
        Candidate(user_id=1, open_requests=1, last_assigned_at=MORNING),
        Candidate(user_id=2, open_requests=1, last_assigned_at=MORNING - timedelta(hours=3)),
        Candidate(user_id=3, open_requests=1, last_assigned_at=MORNING - timedelta(hours=1)),
    ]
    assert pick_round_robin(candidates) == 2


def test_never_assigned_counts_as_waiting_longest() -> None:
    candidates = [
        Candidate(user_id=1, open_requests=0, last_assigned_at=datetime(2000, 1, 1, tzinfo=UTC)),
        Candidate(user_id=7, open_requests=0, last_assigned_at=None),
    ]
    assert pick_round_robin(candidates) == 7


@pytest.mark.parametrize("last", [None, MORNING])
def test_a_full_tie_goes_to_the_lowest_id_whatever_the_order(last: datetime | None) -> None:
    candidates = [
        Candidate(user_id=uid, open_requests=2, last_assigned_at=last) for uid in (9, 4, 6)
    ]
    assert pick_round_robin(candidates) == 4
    assert pick_round_robin(list(reversed(candidates))) == 4


def test_assignment_times_in_other_zones_compare_as_moments() -> None:
    moscow_noon = datetime(2026, 3, 2, 12, tzinfo=ZoneInfo("Europe/Moscow"))  # 09:00 UTC
    candidates = [
        Candidate(user_id=1, open_requests=0, last_assigned_at=MORNING + timedelta(minutes=1)),
        Candidate(user_id=2, open_requests=0, last_assigned_at=moscow_noon),
    ]
    assert pick_round_robin(candidates) == 2


def test_taking_turns_spreads_requests_evenly() -> None:
    load = {1: 0, 2: 0, 3: 0}
    last: dict[int, datetime | None] = dict.fromkeys(load)
    picked = []
    for minute in range(6):
        candidates = [Candidate(uid, load[uid], last[uid]) for uid in load]
        chosen = pick_round_robin(candidates)
        assert chosen is not None
        picked.append(chosen)
        load[chosen] += 1
        last[chosen] = MORNING + timedelta(minutes=minute)
    assert picked == [1, 2, 3, 1, 2, 3]


def test_a_candidate_needs_sane_data() -> None:
    with pytest.raises(ValueError, match="negative"):
        Candidate(user_id=1, open_requests=-1, last_assigned_at=None)
    with pytest.raises(ValueError, match="aware"):
        Candidate(user_id=1, open_requests=0, last_assigned_at=datetime(2026, 3, 2, 9))
