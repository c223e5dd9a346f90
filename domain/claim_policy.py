"""Who may take a request, and whom round-robin picks when nobody takes it.

Requests arrive in the team group, where people claim them. The team decides whether only
experts with the right competence tags may claim, or anyone in the group; a refusal says
why, so the bot can tell the person what is missing instead of just "no".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

#: Roles that count as an expert under :attr:`ClaimPolicy.EXPERTS_ONLY`.
EXPERT_ROLES: frozenset[str] = frozenset({"expert"})


class ClaimPolicy(StrEnum):
    """How strict the team is about who claims a request."""

    #: Only experts whose tags cover the request's required tags.
    EXPERTS_ONLY = "experts_only"
    #: Anyone in the team group; tags are a hint, not a gate.
    OPEN = "open"


class ClaimRefusal(StrEnum):
    """Why a person may not claim a request."""

    NOT_IN_GROUP = "not_in_group"
    NOT_EXPERT = "not_expert"
    MISSING_TAGS = "missing_tags"


@dataclass(frozen=True, slots=True)
class ClaimVerdict:
    """The answer to "may this person claim?": ``ok`` or a refusal with its details."""

    refusal: ClaimRefusal | None = None
    #: The required tags the person lacks, sorted; only with ``MISSING_TAGS``.
    missing_tags: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.refusal is None


CLAIM_OK = ClaimVerdict()


def may_claim(
    *,
    roles: Iterable[str],
    tags: Iterable[str],
    in_group: bool,
    required_tags: Iterable[str],
    policy: ClaimPolicy,
) -> ClaimVerdict:
    """Whether a person may claim a request; the first reason that stops them otherwise.

    Membership comes first: a request is claimed from the team group, so someone outside it
    is refused whatever their role.
    """
    if not in_group:
        return ClaimVerdict(ClaimRefusal.NOT_IN_GROUP)
    if policy is ClaimPolicy.OPEN:
        return CLAIM_OK
    if EXPERT_ROLES.isdisjoint(roles):
        return ClaimVerdict(ClaimRefusal.NOT_EXPERT)
    missing = set(required_tags) - set(tags)
    if missing:
        return ClaimVerdict(ClaimRefusal.MISSING_TAGS, tuple(sorted(missing)))
    return CLAIM_OK


@dataclass(frozen=True, slots=True)
class Candidate:
    """An eligible expert as round-robin sees them."""

    user_id: int
    open_requests: int
    last_assigned_at: datetime | None

    def __post_init__(self) -> None:
        if self.open_requests < 0:
            raise ValueError(f"open request count cannot be negative: {self.open_requests}")
        if self.last_assigned_at is not None and self.last_assigned_at.utcoffset() is None:
            raise ValueError("last_assigned_at must be an aware datetime")


def pick_round_robin(candidates: Sequence[Candidate]) -> int | None:
    """The user id to assign to, or ``None`` when there is nobody.

    Fewest open requests first, so load evens out; then whoever waited longest since their
    last assignment (never assigned counts as longest); then the lowest id, so the same
    team always gives the same answer.
    """
    if not candidates:
        return None
    return min(candidates, key=_round_robin_key).user_id


def _round_robin_key(candidate: Candidate) -> tuple[int, bool, float, int]:
    last = candidate.last_assigned_at
    return (
        candidate.open_requests,
        last is not None,
        last.timestamp() if last is not None else 0.0,
        candidate.user_id,
    )
