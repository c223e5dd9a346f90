"""Which stage buttons the brief offers, read from the stage machine in ``domain.stages``."""

from __future__ import annotations

from bot.services.buttons import SteerAct
from domain import stages as machine
from storage.models import Request, Stage

_OWNER_NEVER = frozenset({Stage.NEW, Stage.NURTURE})
"""Release has its own button, and nurture is the deal life's move, not the owner's."""

LOST_OR_POSTPONED = (Stage.WON, Stage.LOST, Stage.POSTPONED)
"""The outcome buttons, shown in one row after the forward steps."""


def _offered(source: Stage, target: Stage) -> bool:
    """A move the owner starts with a button: some lead into a record, none need a manager."""
    return (
        machine.can_move(source, target)
        and not machine.needs_manager(source, target)
        and target not in _OWNER_NEVER
    )


def can_move(source: Stage, target: Stage) -> bool:
    """Whether the owner's panel offers ``source -> target`` (some lead into a record)."""
    return _offered(source, target)


def next_stages(stage: Stage) -> tuple[Stage, ...]:
    """The stages an owner may move a request to from ``stage``, in funnel order."""
    forward = [s for s in Stage if s not in LOST_OR_POSTPONED and _offered(stage, s)]
    outcomes = [s for s in LOST_OR_POSTPONED if _offered(stage, s)]
    return (*forward, *outcomes)


def may_plan_meeting(stage: Stage) -> bool:
    """Whether a meeting may be planned now: the stage can follow it to "meeting planned".

    A postponed or nurtured request goes back to work first; a meeting saved there would
    leave the stage saying nothing is planned.
    """
    return stage is Stage.MEETING_PLANNED or machine.can_move(stage, Stage.MEETING_PLANNED)


_MANAGER_NEVER = frozenset({Stage.NEW, Stage.NURTURE, Stage.POSTPONED, Stage.JUNK})
"""Release, nurture and postponing are the owner's; junk has its own button with reasons."""

JUNKABLE = frozenset({Stage.NEW, Stage.TAKEN})


def manager_targets(request: Request) -> list[Stage]:
    """Where a manager may move an owned, open request (allowed, or as an override)."""
    stage = Stage(request.stage)
    if machine.is_final(stage) or request.owner_id is None:
        return []
    return [s for s in Stage if s is not stage and s not in _MANAGER_NEVER]


def manager_moves(request: Request) -> list[SteerAct]:
    """A manager's moves that exist for the request as it is now."""
    stage = Stage(request.stage)
    acts = []
    if machine.is_final(stage):
        acts.append(SteerAct.REOPEN)
    if stage in JUNKABLE:
        acts.append(SteerAct.JUNK)
    if manager_targets(request):
        acts.append(SteerAct.MOVE)
    return acts
