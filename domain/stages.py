"""The request's stage machine: which moves make sense, and how long a stage may last.

A request is claimed, meets the client, has its recap confirmed, gets a proposal and ends
won or lost (or junk: spam, a duplicate, not our profile); it may be postponed or sent to
nurture on the way. Final stages stay final unless a manager reopens the request, which
brings it back to the stage it was closed from. Each move carries what it needs
(:func:`ensure_move`): a record, a reason or a date.

The values match the ``stage`` strings stored in the database.
"""

from __future__ import annotations

from datetime import datetime, timedelta
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
    JUNK = "junk"


class StageChangeRefusal(StrEnum):
    """Why a stage change was refused, for the message the user gets."""

    NOT_ALLOWED = "not_allowed"
    MANAGER_ONLY = "manager_only"
    NEEDS_RECORD = "needs_record"
    NEEDS_REASON = "needs_reason"
    NEEDS_DATE = "needs_date"


class Via(StrEnum):
    """How a move is made, which decides what it must carry.

    The owner's stage buttons move only where nothing has to be proven; the records (a
    saved meeting, its "it took place" answer, the client's confirmation of the recap) are
    the only way into the stages that count meetings. A manager may move for an owner with
    a reason, and override the rules altogether with a reason, which is recorded apart.
    """

    OWNER = "owner"
    RECORD = "record"
    MANAGER = "manager"
    OVERRIDE = "override"


class StageChangeError(Exception):
    """A request was asked to move to a stage it cannot reach from where it is."""

    def __init__(self, current: Stage, target: Stage, reason: StageChangeRefusal) -> None:
        super().__init__(f"cannot move a request from {current} to {target}: {reason}")
        self.current = current
        self.target = target
        self.reason = reason


FINAL_STAGES: frozenset[Stage] = frozenset({Stage.WON, Stage.LOST, Stage.JUNK})

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

#: Reached only through their records: a saved meeting, its "it took place" answer, and
#: the client's confirmation of the recap. A button that would skip one leads into it.
RECORDED_STAGES: frozenset[Stage] = frozenset(
    {Stage.MEETING_PLANNED, Stage.MEETING_HELD, Stage.RECAP_CONFIRMED}
)

#: Closing a deal as lost or junk says why.
REASONED_STAGES: frozenset[Stage] = frozenset({Stage.LOST, Stage.JUNK})

#: A deal not won within this time goes to nurture, where a separate person warms it up.
DEAL_LIFE = timedelta(days=7)

# Every exit leads somewhere a person would recognise: lost is always possible while a
# request is in work (the client said no), junk while it is new or just taken (spam, a
# duplicate, not our profile, the client withdrew), nurture is where the deal life sends it.
_TRANSITIONS: dict[Stage, frozenset[Stage]] = {
    Stage.NEW: frozenset({Stage.TAKEN, Stage.JUNK}),
    # Releasing a request puts it back to new for someone else to claim.
    Stage.TAKEN: frozenset(
        {
            Stage.NEW,
            Stage.MEETING_PLANNED,
            Stage.PROPOSAL_SENT,
            Stage.WON,
            Stage.LOST,
            Stage.JUNK,
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
    # Reopening is the only way out of a final stage; see ``allowed_transitions``.
    Stage.WON: frozenset(),
    Stage.LOST: frozenset(),
    Stage.JUNK: frozenset(),
    # Postponed and nurture also return to the stage they came from; postponing again
    # moves the date.
    Stage.POSTPONED: frozenset({Stage.TAKEN, Stage.LOST, Stage.NURTURE, Stage.POSTPONED}),
    Stage.NURTURE: frozenset({Stage.TAKEN, Stage.LOST}),
}

_RETURNING = frozenset({Stage.POSTPONED, Stage.NURTURE})


def allowed_transitions(stage: Stage, *, came_from: Stage | None = None) -> frozenset[Stage]:
    """Stages reachable from ``stage`` in one move.

    ``came_from`` is the stage a parked or closed request had before: a postponed or
    nurtured request may go back exactly where it was, and a reopened one (final stages)
    returns there too, or to ``taken`` when that stage is not known.
    """
    allowed = _TRANSITIONS[stage]
    returns = came_from is not None and _can_return_to(came_from)
    if stage in _RETURNING and returns and came_from is not None:
        allowed = allowed | {came_from}
    if is_final(stage):
        allowed = allowed | {reopen_target(came_from)}
    return allowed


def reopen_target(came_from: Stage | None) -> Stage:
    """Where a reopened request goes: the stage it was closed from, if that one was open."""
    if came_from is not None and _can_return_to(came_from):
        return came_from
    return Stage.TAKEN


def can_move(current: Stage, target: Stage, *, came_from: Stage | None = None) -> bool:
    """Whether ``current -> target`` is a move the stage machine knows."""
    return target in allowed_transitions(current, came_from=came_from)


def needs_manager(current: Stage, target: Stage) -> bool:
    """Whether only a manager may make this move: reopening, and closing as junk."""
    return (is_final(current) and not is_final(target)) or target is Stage.JUNK


def ensure_move(
    current: Stage,
    target: Stage,
    *,
    via: Via,
    came_from: Stage | None = None,
    reason: str | None = None,
    until: datetime | None = None,
) -> None:
    """Raise :class:`StageChangeError` unless this move may be made this way with this data.

    An override skips the stage machine (that is what it is for) but still needs its
    reason, and a date when it postpones.
    """
    if target is current and target is not Stage.POSTPONED:
        raise StageChangeError(current, target, StageChangeRefusal.NOT_ALLOWED)
    manager = via in {Via.MANAGER, Via.OVERRIDE}
    if via is not Via.OVERRIDE:
        if not can_move(current, target, came_from=came_from):
            raise StageChangeError(current, target, StageChangeRefusal.NOT_ALLOWED)
        if needs_manager(current, target) and not manager:
            raise StageChangeError(current, target, StageChangeRefusal.MANAGER_ONLY)
        if (
            target in RECORDED_STAGES
            and via is not Via.RECORD
            and not _returns(current, target, came_from)
        ):
            raise StageChangeError(current, target, StageChangeRefusal.NEEDS_RECORD)
    if (manager or target in REASONED_STAGES) and not (reason and reason.strip()):
        raise StageChangeError(current, target, StageChangeRefusal.NEEDS_REASON)
    if target is Stage.POSTPONED and until is None:
        raise StageChangeError(current, target, StageChangeRefusal.NEEDS_DATE)


def is_final(stage: Stage) -> bool:
    """Won, lost or junk: the request has an outcome."""
    return stage in FINAL_STAGES


def is_open(stage: Stage) -> bool:
    """Not final yet: the request may still be worked, postponed or nurtured."""
    return not is_final(stage)


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


def _returns(current: Stage, target: Stage, came_from: Stage | None) -> bool:
    """A parked or closed request going back where it was: its record already exists."""
    return (current in _RETURNING or is_final(current)) and target is came_from


def _can_return_to(stage: Stage) -> bool:
    return is_open(stage) and stage not in _RETURNING
