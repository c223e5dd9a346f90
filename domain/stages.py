"""The request's stage machine: which moves make sense, and how long a stage may last.

A request is claimed, meets the client, has its recap confirmed, gets a proposal and ends
won or lost; it may be postponed or sent to nurture on the way. Final stages stay final
unless a manager reopens the request, which brings it back to ``taken``.

The values match the ``stage`` strings stored in the database.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum


class Stage(StrEnum):
    """Where a request is in its life from intake to outcome."""

    NEW = "new"
    TAKEN = "taken"
    MEETING_PLANNED = "meeting_planned"
    MEETING_HELD = "meeting_held"
    RECAP_CONFIRMED = "recap_confirmed"
    PROPOSAL_SENT = "proposal_sent"
    WON = "won"
    LOST = "lost"
    POSTPONED = "postponed"
    NURTURE = "nurture"


class StageChangeRefusal(StrEnum):
    """Why a stage change was refused, for the message the user gets."""

    NOT_ALLOWED = "not_allowed"
    MANAGER_ONLY = "manager_only"


class StageChangeError(Exception):
    """A request was asked to move to a stage it cannot reach from where it is."""

    def __init__(self, current: Stage, target: Stage, reason: StageChangeRefusal) -> None:
        super().__init__(f"cannot move a request from {current} to {target}: {reason}")
        self.current = current
        self.target = target
        self.reason = reason


FINAL_STAGES: frozenset[Stage] = frozenset({Stage.WON, Stage.LOST})

#: Stages in which an expert is actively working the request: they count as their load.
IN_WORK_STAGES: frozenset[Stage] = frozenset(
    {
        Stage.TAKEN,
        Stage.MEETING_PLANNED,
        Stage.MEETING_HELD,
        Stage.RECAP_CONFIRMED,
        Stage.PROPOSAL_SENT,
    }
)

#: A deal not won within this time goes to nurture, where a separate person warms it up.
DEAL_LIFE = timedelta(days=7)

# Every exit leads somewhere a person would recognise: lost is always possible while a
# request is alive (the client said no), nurture is where the deal-life limit sends it.
_TRANSITIONS: dict[Stage, frozenset[Stage]] = {
    # Claimed by an expert, or closed as spam or a duplicate, or aged out unclaimed.
    Stage.NEW: frozenset({Stage.TAKEN, Stage.LOST, Stage.NURTURE}),
    # Releasing a request puts it back to new for someone else to claim.
    Stage.TAKEN: frozenset(
        {
            Stage.NEW,
            Stage.MEETING_PLANNED,
            Stage.PROPOSAL_SENT,
            Stage.WON,
            Stage.LOST,
            Stage.POSTPONED,
            Stage.NURTURE,
        }
    ),
    # A cancelled meeting returns the request to taken.
    Stage.MEETING_PLANNED: frozenset(
        {Stage.MEETING_HELD, Stage.TAKEN, Stage.LOST, Stage.POSTPONED, Stage.NURTURE}
    ),
    # After a meeting the recap is confirmed, or another meeting is needed, or it is decided.
    Stage.MEETING_HELD: frozenset(
        {
            Stage.RECAP_CONFIRMED,
            Stage.MEETING_PLANNED,
            Stage.PROPOSAL_SENT,
            Stage.WON,
            Stage.LOST,
            Stage.POSTPONED,
            Stage.NURTURE,
        }
    ),
    Stage.RECAP_CONFIRMED: frozenset(
        {
            Stage.PROPOSAL_SENT,
            Stage.MEETING_PLANNED,
            Stage.WON,
            Stage.LOST,
            Stage.POSTPONED,
            Stage.NURTURE,
        }
    ),
    # A proposal may need a follow-up meeting before the client decides.
    Stage.PROPOSAL_SENT: frozenset(
        {Stage.WON, Stage.LOST, Stage.MEETING_PLANNED, Stage.POSTPONED, Stage.NURTURE}
    ),
    # Reopening is the only way out of a final stage, and only a manager may do it.
    Stage.WON: frozenset({Stage.TAKEN}),
    Stage.LOST: frozenset({Stage.TAKEN}),
    Stage.POSTPONED: frozenset({Stage.TAKEN, Stage.LOST, Stage.NURTURE}),
    # Nurture also returns to the stage it came from; see ``allowed_transitions``.
    Stage.NURTURE: frozenset({Stage.TAKEN, Stage.LOST}),
}


def allowed_transitions(stage: Stage, *, came_from: Stage | None = None) -> frozenset[Stage]:
    """Stages reachable from ``stage`` in one move.

    ``came_from`` is the stage a nurtured request had before nurture: the warm-up
    manager may hand it back exactly where it was, as long as that stage was open.
    """
    allowed = _TRANSITIONS[stage]
    if stage is Stage.NURTURE and came_from is not None and _can_return_to(came_from):
        allowed = allowed | {came_from}
    return allowed


def can_move(current: Stage, target: Stage, *, came_from: Stage | None = None) -> bool:
    """Whether ``current -> target`` is a move the stage machine knows."""
    return target in allowed_transitions(current, came_from=came_from)


def needs_manager(current: Stage, target: Stage) -> bool:
    """Whether only a manager may make this move: reopening a won or lost request."""
    return is_final(current) and not is_final(target)


def ensure_move(
    current: Stage,
    target: Stage,
    *,
    came_from: Stage | None = None,
    by_manager: bool = False,
) -> None:
    """Raise :class:`StageChangeError` unless this person may move the request so."""
    if not can_move(current, target, came_from=came_from):
        raise StageChangeError(current, target, StageChangeRefusal.NOT_ALLOWED)
    if needs_manager(current, target) and not by_manager:
        raise StageChangeError(current, target, StageChangeRefusal.MANAGER_ONLY)


def is_final(stage: Stage) -> bool:
    """Won or lost: the request has an outcome."""
    return stage in FINAL_STAGES


def is_open(stage: Stage) -> bool:
    """Not final yet: the request may still be worked, postponed or nurtured."""
    return not is_final(stage)


def is_in_work(stage: Stage) -> bool:
    """Claimed and actively worked by an expert; what round-robin counts as load."""
    return stage in IN_WORK_STAGES


def default_stage_limits() -> dict[Stage, timedelta]:
    """How long a request may stay in a stage before someone is reminded.

    From practice: the first answer to a new request comes within a couple of hours (hot
    requests get a callback within 10-15 minutes, see ``domain.limits``); a proposal is
    estimated within two days of the confirmed recap; and a deal not won within seven days
    goes to nurture. Whether hours count as working time is the caller's choice.
    Postponed and nurture have no limit here: their own dates decide.
    """
    return {
        Stage.NEW: timedelta(hours=2),
        Stage.TAKEN: DEAL_LIFE,
        Stage.MEETING_PLANNED: DEAL_LIFE,
        Stage.MEETING_HELD: DEAL_LIFE,
        Stage.RECAP_CONFIRMED: timedelta(days=2),
        Stage.PROPOSAL_SENT: DEAL_LIFE,
    }


def _can_return_to(stage: Stage) -> bool:
    return is_open(stage) and stage is not Stage.NURTURE
