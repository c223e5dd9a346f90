"""Medians, percentiles and shares the way the report states them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile: the smallest value with ``share`` of values at or below it.

    ``None`` for no values. Nearest rank (not interpolation) so the answer is always one
    of the measured values, which a manager can find in the export.
    """
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float | None:
    """The middle value, the mean of the two middle ones for an even count."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def share(part: int, whole: int) -> float | None:
    """``part / whole`` as a fraction, ``None`` when there is nothing to divide."""
    return part / whole if whole else None


def minutes(delta: timedelta) -> float:
    """A duration in minutes."""
    return delta.total_seconds() / 60


def hours(delta: timedelta) -> float:
    """A duration in hours."""
    return delta.total_seconds() / 3600
