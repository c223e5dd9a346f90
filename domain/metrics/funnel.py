"""How far the period's requests got, and how they ended."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.metrics.history import (
    FUNNEL,
    JUNK,
    LOST,
    WON,
    History,
    last_move_to,
)
from domain.metrics.numbers import share

#: The seeds' norm for project companies: a quarter of leads become contracts.
NORM_WON = 0.25


@dataclass(frozen=True, slots=True)
class FunnelStep:
    """One stage of the funnel for the cohort.

    ``reached`` counts requests that got this far; ``conversion`` is ``reached`` over the
    previous stage's, ``cumulative`` over the submitted; ``drop_off`` is how many the
    previous stage had that never got here; ``target`` is the form's cumulative target.
    """

    stage: str
    reached: int
    conversion: float | None
    cumulative: float | None
    drop_off: int
    target: float | None


def funnel(history: History, targets: Mapping[str, float] | None = None) -> list[FunnelStep]:
    """The cohort's funnel from submitted (``new``) to ``won``.

    ``targets`` are cumulative conversions per stage as fractions; without one for
    ``won``, the seeds' norm of 25% applies.
    """
    goals = dict(targets or {})
    goals.setdefault(WON, NORM_WON)
    ranks = [history.rank_of(request) for request in history.requests]
    steps: list[FunnelStep] = []
    submitted = len(ranks)
    previous = submitted
    for index, stage in enumerate(FUNNEL):
        reached = sum(rank >= index for rank in ranks)
        steps.append(
            FunnelStep(
                stage=stage,
                reached=reached,
                conversion=share(reached, previous) if index else share(reached, submitted),
                cumulative=share(reached, submitted),
                drop_off=previous - reached,
                target=goals.get(stage),
            )
        )
        previous = reached
    return steps


@dataclass(frozen=True, slots=True)
class Outcomes:
    """How the cohort ended so far: won, lost, junk, and still open.

    ``win_rate`` is won over won plus lost: junk is not a sale that failed, and open
    requests have not decided yet. Reasons are counted as stored, most frequent first: a lost
    reason from the list (like a junk reason) by its code, whatever the language of the
    person who chose it, and a typed one as written.
    """

    won: int
    lost: int
    junk: int
    open: int
    win_rate: float | None
    lost_reasons: list[tuple[str, int]]
    junk_reasons: list[tuple[str, int]]


def outcomes(history: History) -> Outcomes:
    """Won, lost and junk among the cohort, with the reasons given."""
    by_request = history.events_by_request()
    lost_reasons: Counter[str] = Counter()
    junk_reasons: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for request in history.requests:
        counts[request.stage] += 1
        if request.stage == LOST:
            move = last_move_to(by_request[request.id], LOST)
            lost_reasons[_lost_reason(request.lost_reason, move.data if move else {})] += 1
        elif request.stage == JUNK:
            move = last_move_to(by_request[request.id], JUNK)
            junk_reasons[str((move.data.get("junk_reason") if move else None) or "other")] += 1
    won, lost, junk = counts[WON], counts[LOST], counts[JUNK]
    return Outcomes(
        won=won,
        lost=lost,
        junk=junk,
        open=len(history.requests) - won - lost - junk,
        win_rate=share(won, won + lost),
        lost_reasons=_ranked(lost_reasons),
        junk_reasons=_ranked(junk_reasons),
    )


def _lost_reason(stored: str | None, move: Mapping[str, Any]) -> str:
    """The request's stored reason, else its move's code from the list, else its words."""
    return str(stored or move.get("lost_reason") or move.get("reason") or "—")


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))
