"""Failures a test orders in advance: the next N calls of a method fail in a chosen way."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Literal

FaultKind = Literal["5xx", "timeout", "429"]


@dataclass(frozen=True)
class Fault:
    """One planned failure."""

    kind: FaultKind
    retry_after: int = 1
    hold: float | None = None


class Faults:
    """Planned failures per method name (case-insensitive, like Telegram's routing)."""

    def __init__(self) -> None:
        self._planned: dict[str, deque[Fault]] = {}

    def add(self, method: str, count: int, fault: Fault) -> None:
        """Make the next ``count`` calls of ``method`` fail with ``fault``."""
        self._planned.setdefault(method.lower(), deque()).extend([fault] * count)

    def take(self, method: str) -> Fault | None:
        """The failure planned for this call, if any."""
        planned = self._planned.get(method.lower())
        if not planned:
            return None
        return planned.popleft()
