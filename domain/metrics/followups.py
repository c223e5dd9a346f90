"""Whether agreed steps are done on time, and whether meetings end with a confirmed recap."""

from __future__ import annotations

from dataclasses import dataclass

from domain.metrics.history import History
from domain.metrics.numbers import hours, median, share

DONE = "done"
OPEN = "open"
HELD = "held"
CONFIRMED = "confirmed"


@dataclass(frozen=True, slots=True)
class Steps:
    """Next steps due in the period: done by their deadline, done after it, still open past it."""

    due: int
    on_time: int
    late: int
    overdue_now: int


def steps(history: History) -> Steps:
    """Cancelled steps do not count; an open step due later than ``now`` is none of the three."""
    on_time = late = overdue = due = 0
    for step in history.steps:
        if step.status == DONE and step.done_at is not None:
            due += 1
            on_time += step.done_at <= step.due_at
            late += step.done_at > step.due_at
        elif step.status == OPEN:
            due += 1
            overdue += step.due_at < history.now
    return Steps(due=due, on_time=on_time, late=late, overdue_now=overdue)


@dataclass(frozen=True, slots=True)
class Meetings:
    """Meetings that started in the period.

    ``held`` were confirmed as held; ``confirmed_share`` is the share of those whose recap
    the client confirmed; ``median_confirm_hours`` runs from the meeting's end to that
    confirmation; ``corrections`` counts recaps the client asked to correct.
    """

    planned: int
    held: int
    confirmed: int
    confirmed_share: float | None
    median_confirm_hours: float | None
    corrections: int


def meetings(history: History) -> Meetings:
    """The meeting figures of the period."""
    held = [meeting for meeting in history.meetings if meeting.status == HELD]
    confirmed = [m for m in held if m.recap_status == CONFIRMED and m.confirmed_at is not None]
    waits = [hours(m.confirmed_at - m.ends_at) for m in confirmed if m.confirmed_at is not None]
    return Meetings(
        planned=len(history.meetings),
        held=len(held),
        confirmed=len(confirmed),
        confirmed_share=share(len(confirmed), len(held)),
        median_confirm_hours=median(waits),
        corrections=sum(meeting.corrections for meeting in history.meetings),
    )
