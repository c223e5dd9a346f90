"""Every metric of one period in one object, and what in it needs a manager's attention."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from domain.metrics.followups import Meetings, Steps, meetings, steps
from domain.metrics.funnel import FunnelStep, Outcomes, funnel, outcomes
from domain.metrics.history import History, StepFact
from domain.metrics.numbers import median
from domain.metrics.people import (
    Closer,
    Estimator,
    Expert,
    LeadGenerator,
    Manager,
    closers,
    estimators,
    experts,
    lead_generators,
    managers,
)
from domain.metrics.timing import Claiming, StageTime, claiming, slowest_stage, stage_times

#: An expert carries too much when their load is this many times the team's median load.
OVERLOAD_FACTOR = 1.5


@dataclass(frozen=True, slots=True)
class Attention:
    """What needs a manager now: the oldest overdue step, the slowest stage, the busiest expert."""

    worst_overdue: StepFact | None
    slowest: StageTime | None
    overloaded: Expert | None


@dataclass(frozen=True)
class Report:
    """The metrics of one period."""

    history: History
    funnel: list[FunnelStep]
    outcomes: Outcomes
    claiming: Claiming
    stages: list[StageTime]
    steps: Steps
    meetings: Meetings
    lead_generators: list[LeadGenerator]
    experts: list[Expert]
    estimators: list[Estimator]
    closers: list[Closer]
    managers: list[Manager]
    attention: Attention


def build_report(
    history: History,
    *,
    targets: Mapping[str, float] | None = None,
    stage_limits: Mapping[str, timedelta] | None = None,
    expert_ids: tuple[int, ...] = (),
) -> Report:
    """All metrics of ``history``; ``targets`` and ``stage_limits`` come from the form."""
    stage_rows = stage_times(history, stage_limits or {})
    expert_rows = experts(history, expert_ids)
    return Report(
        history=history,
        funnel=funnel(history, targets),
        outcomes=outcomes(history),
        claiming=claiming(history),
        stages=stage_rows,
        steps=steps(history),
        meetings=meetings(history),
        lead_generators=lead_generators(history),
        experts=expert_rows,
        estimators=estimators(history),
        closers=closers(history),
        managers=managers(history),
        attention=Attention(
            worst_overdue=min(history.overdue_steps, key=lambda step: step.due_at, default=None),
            slowest=slowest_stage(stage_rows),
            overloaded=overloaded(expert_rows),
        ),
    )


def overloaded(rows: list[Expert]) -> Expert | None:
    """The expert with the most work, if it is at least 1.5 times the median load."""
    loads = [row.load for row in rows if row.load]
    middle = median(loads)
    if middle is None:
        return None
    busiest = max(rows, key=lambda row: row.load)
    return busiest if busiest.load >= OVERLOAD_FACTOR * middle and len(loads) > 1 else None
