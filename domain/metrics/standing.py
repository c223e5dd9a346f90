"""Where one person stands among the team: their numbers, the team's median, their place."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from domain.metrics.numbers import median

Row = TypeVar("Row")


def places(
    rows: Sequence[Row], key: Callable[[Row], float], person: Callable[[Row], int]
) -> dict[int, int]:
    """Competition ranking by ``key``, highest first: equal values share a place ("1, 2, 2, 4")."""
    ordered = sorted(rows, key=key, reverse=True)
    ranks: dict[int, int] = {}
    for index, row in enumerate(ordered):
        if index and key(row) == key(ordered[index - 1]):
            ranks[person(row)] = ranks[person(ordered[index - 1])]
        else:
            ranks[person(row)] = index + 1
    return ranks


def team_median(rows: Sequence[Row], value: Callable[[Row], float | None]) -> float | None:
    """The median of one figure over everyone who has it."""
    return median([v for v in (value(row) for row in rows) if v is not None])


@dataclass(frozen=True, slots=True)
class Place:
    """A person's place in a ranking of ``of`` people."""

    place: int
    of: int


def place_of(
    rows: Sequence[Row], person_id: int, key: Callable[[Row], float], person: Callable[[Row], int]
) -> Place | None:
    """``person_id``'s place by ``key``, ``None`` if they are not ranked."""
    ranks = places(rows, key, person)
    return Place(ranks[person_id], len(rows)) if person_id in ranks else None
