"""Rules of next steps and meetings: quick deadlines, and what a meeting must have.

Plain functions on aware datetimes; the handlers turn their results into buttons and
messages, the tests read them alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

MIN_GOAL_LENGTH = 5
"""A goal shorter than this ("ok", "-") is no goal: the meeting would have no purpose."""


class Slot(StrEnum):
    """A deadline offered on a button; ``TYPED`` asks the person to write one."""

    IN_HOUR = "hour"
    TODAY_16 = "today16"
    TOMORROW_10 = "tomorrow10"
    TOMORROW_16 = "tomorrow16"
    TYPED = "typed"


def slot_moment(slot: Slot, *, now: datetime, zone: ZoneInfo) -> datetime | None:
    """The moment a quick button means for a person in ``zone``; ``None`` when past."""
    local = now.astimezone(zone)
    today = local.date()
    match slot:
        case Slot.IN_HOUR:
            return now + timedelta(hours=1)
        case Slot.TODAY_16:
            moment = datetime.combine(today, time(16), tzinfo=zone)
        case Slot.TOMORROW_10:
            moment = datetime.combine(today + timedelta(days=1), time(10), tzinfo=zone)
        case Slot.TOMORROW_16:
            moment = datetime.combine(today + timedelta(days=1), time(16), tzinfo=zone)
        case Slot.TYPED:
            return None
    return moment if moment > now else None


def quick_slots(*, now: datetime, zone: ZoneInfo) -> list[Slot]:
    """The quick deadlines that are still ahead, in the order they are shown."""
    return [
        slot
        for slot in (Slot.IN_HOUR, Slot.TODAY_16, Slot.TOMORROW_10, Slot.TOMORROW_16)
        if slot_moment(slot, now=now, zone=zone) is not None
    ]


def tomorrow_morning(*, now: datetime, zone: ZoneInfo, start: time) -> datetime:
    """The start of the next calendar day's working hours, in ``zone``."""
    day = now.astimezone(zone).date() + timedelta(days=1)
    return datetime.combine(day, start, tzinfo=zone)


class GoalProblem(StrEnum):
    """Why a meeting cannot be saved yet."""

    NO_OUR_GOAL = "our-goal"
    NO_CLIENT_GOAL = "client-goal"


def is_goal(text: str | None) -> bool:
    """Whether a typed goal says something."""
    return text is not None and len(text.strip()) >= MIN_GOAL_LENGTH


def goal_problems(our_goal: str | None, client_goal: str | None) -> list[GoalProblem]:
    """Both goals are required: a meeting without them is a meeting for its own sake."""
    problems = []
    if not is_goal(our_goal):
        problems.append(GoalProblem.NO_OUR_GOAL)
    if not is_goal(client_goal):
        problems.append(GoalProblem.NO_CLIENT_GOAL)
    return problems


def meeting_reminder_times(starts_at: datetime, *, now: datetime) -> dict[str, datetime]:
    """The day-before and hour-before moments that are still ahead of ``now``."""
    moments = {"day": starts_at - timedelta(days=1), "hour": starts_at - timedelta(hours=1)}
    return {name: moment for name, moment in moments.items() if moment > now}


def missing_required(
    required_visible: Iterable[str], answers: Mapping[str, str | None]
) -> list[str]:
    """Required fields the form shows that have no answer, or an empty one."""
    return [field_id for field_id in required_visible if not (answers.get(field_id) or "").strip()]
