"""Which stage buttons the brief offers, read from the stage machine in ``domain.stages``."""

from __future__ import annotations

from domain import stages as machine
from storage.models import Stage

_OWNER_NEVER = frozenset({Stage.NEW, Stage.NURTURE})
"""Release has its own button, and nurture is the warm-up manager's move, not the owner's."""

LOST_OR_POSTPONED = (Stage.WON, Stage.LOST, Stage.POSTPONED)
"""The outcome buttons, shown in one row after the forward steps."""


def _can_move(source: Stage, target: Stage) -> bool:
    current, wanted = machine.Stage(source.value), machine.Stage(target.value)
    return (
        machine.can_move(current, wanted)
        and not machine.needs_manager(current, wanted)
        and target not in _OWNER_NEVER
    )


def next_stages(stage: Stage) -> tuple[Stage, ...]:
    """The stages an owner may move a request to from ``stage``, in funnel order."""
    forward = [s for s in Stage if s not in LOST_OR_POSTPONED and _can_move(stage, s)]
    outcomes = [s for s in LOST_OR_POSTPONED if _can_move(stage, s)]
    return (*forward, *outcomes)


def can_move(source: Stage, target: Stage) -> bool:
    """Whether an owner may move a request from ``source`` to ``target``."""
    return _can_move(source, target)


def sources_of(target: Stage) -> list[Stage]:
    """Every stage an owner may reach ``target`` from, for a guarded UPDATE."""
    return [stage for stage in Stage if _can_move(stage, target)]
