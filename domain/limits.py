"""Claim limits: when an unclaimed request is first late, and when it is late enough to escalate.

A hot request is a callback within 10-15 minutes, and a client does not care whether it is
evening, so its limits count wall-clock time. A normal request gets its first answer within
a couple of working hours and never later than one working day, counted in working time so
that a request left on Friday evening is not "overdue" on Saturday morning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from domain.working_hours import WorkingSchedule, add_working_time


@dataclass(frozen=True, slots=True)
class ClaimLimits:
    """Two limits from a request's creation: a reminder at ``first``, an escalation at ``second``.

    ``working_time`` says whether they count only working hours or wall-clock time.
    """

    first: timedelta
    second: timedelta
    working_time: bool

    def __post_init__(self) -> None:
        if self.first <= timedelta(0):
            raise ValueError(f"the first claim limit must be positive, got {self.first}")
        if self.second < self.first:
            raise ValueError(
                f"the second claim limit ({self.second}) must not come before "
                f"the first ({self.first})"
            )


class ClaimDeadlines(NamedTuple):
    """The moments, in UTC, at which each claim limit is breached."""

    first: datetime
    second: datetime


def claim_deadlines(
    schedule: WorkingSchedule, created_at: datetime, limits: ClaimLimits
) -> ClaimDeadlines:
    """When each limit is breached for a request created at ``created_at``.

    Both limits count from creation, not one from the other, so changing the first does not
    move the second.
    """
    if created_at.utcoffset() is None:
        raise ValueError(f"claim deadlines need an aware datetime, got {created_at!r}")
    if limits.working_time:
        return ClaimDeadlines(
            add_working_time(schedule, created_at, limits.first),
            add_working_time(schedule, created_at, limits.second),
        )
    created = created_at.astimezone(UTC)
    return ClaimDeadlines(created + limits.first, created + limits.second)


def overdue_level(now: datetime, deadlines: tuple[datetime, datetime]) -> int:
    """0 before the first deadline, 1 from it, 2 from the second: a deadline moment is late."""
    first, second = deadlines
    if now >= second:
        return 2
    if now >= first:
        return 1
    return 0
