"""The pipeline's background discipline: stage limits, deal life and the daily digest.

A stage has a maximum duration. Its owner is warned once ``WARNING_SHARE`` of it has
passed (80%: a week-long stage warns on day six, an eight-working-hour one with an hour
and a half to go), and the manager is told once all of it has. A request nobody has
touched for the deal life (no stage change, no action by a person) goes to nurture.

Plain functions of aware datetimes; the services decide what to send.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from domain.stages import IN_WORK_STAGES, Stage, default_stage_limits
from domain.working_hours import WorkingSchedule, add_working_time, next_working_start

#: The share of a stage limit after which the owner is warned.
WARNING_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class StageLimit:
    """How long a request may stay in one stage, in working or wall-clock time."""

    duration: timedelta
    working_time: bool

    def __post_init__(self) -> None:
        if self.duration <= timedelta(0):
            raise ValueError(f"a stage limit must be positive, got {self.duration}")


class StageDeadlines(NamedTuple):
    """When the owner is warned and when the stage is overdue, in UTC."""

    warn_at: datetime
    due_at: datetime


class LimitLevel:
    """How far a request is into its stage limit: nothing yet, warned, overdue."""

    NONE = 0
    WARNING = 1
    OVERDUE = 2


def stage_limit(stage: Stage, overrides: Mapping[str, StageLimit]) -> StageLimit | None:
    """The limit of ``stage``: the scenario's, else the default; ``None``: no limit.

    Only stages an owner works in are limited here: a new request has claim limits of its
    own, and postponed or nurtured requests wait for their dates. Defaults count wall-clock
    time, being days long.
    """
    if stage not in IN_WORK_STAGES:
        return None
    if stage.value in overrides:
        return overrides[stage.value]
    default = default_stage_limits().get(stage)
    return StageLimit(default, working_time=False) if default is not None else None


def stage_deadlines(
    schedule: WorkingSchedule,
    since: datetime,
    limit: StageLimit,
    *,
    warn_share: float = WARNING_SHARE,
) -> StageDeadlines:
    """The warning and the overdue moments of a stage entered at ``since``."""
    if since.utcoffset() is None:
        raise ValueError(f"stage deadlines need an aware datetime, got {since!r}")
    warn_after = limit.duration * warn_share
    if limit.working_time:
        return StageDeadlines(
            add_working_time(schedule, since, warn_after),
            add_working_time(schedule, since, limit.duration),
        )
    start = since.astimezone(UTC)
    return StageDeadlines(start + warn_after, start + limit.duration)


def limit_level(now: datetime, deadlines: StageDeadlines) -> int:
    """``LimitLevel`` reached at ``now``: a deadline moment already counts."""
    if now >= deadlines.due_at:
        return LimitLevel.OVERDUE
    if now >= deadlines.warn_at:
        return LimitLevel.WARNING
    return LimitLevel.NONE


def last_activity(stage_changed_at: datetime, person_events: Sequence[datetime]) -> datetime:
    """The latest sign of life: the stage change or anything a person did since."""
    return max([stage_changed_at, *person_events])


def may_nurture(stage: Stage) -> bool:
    """Whether the deal-life rule applies: the request is owned and being worked."""
    return stage in IN_WORK_STAGES


def is_idle(now: datetime, last_active: datetime, deal_life: timedelta) -> bool:
    """Whether nothing happened for the whole deal life (its end moment counts as idle)."""
    return now - last_active >= deal_life


def digest_start(schedule: WorkingSchedule, now: datetime) -> datetime:
    """The start of the first working day after ``now``: when its digest goes out.

    Digests are planned a day ahead, so within a working day already begun (or at its very
    first moment) that is the next working day's start: a digest belongs to the start of
    a day, not to whenever the bot first looked.
    """
    start = next_working_start(schedule, now)
    local = start.astimezone(schedule.tz)
    day_start = datetime.combine(local.date(), schedule.start, tzinfo=schedule.tz)
    if day_start.astimezone(UTC) > now.astimezone(UTC):
        return day_start.astimezone(UTC)
    day_end = datetime.combine(local.date(), schedule.end, tzinfo=schedule.tz)
    return digest_start(schedule, day_end)


def working_day_end(schedule: WorkingSchedule, now: datetime) -> datetime:
    """The end of the working day ``now`` is in, or of the next one outside working hours."""
    local = next_working_start(schedule, now).astimezone(schedule.tz)
    return datetime.combine(local.date(), schedule.end, tzinfo=schedule.tz).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class DigestItem:
    """One line of a digest: a request number and, if it has one, the moment it is about."""

    request_id: int
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class DigestContent:
    """What a person's day holds; managers also get the team-wide sections.

    ``near_limit`` holds stage deadlines still ahead this working day, ``past_limit`` those
    already passed: a deadline the owner was warned of and missed is not "ending today".
    """

    meetings: Sequence[DigestItem] = ()
    steps_today: Sequence[DigestItem] = ()
    steps_overdue: Sequence[DigestItem] = ()
    past_limit: Sequence[DigestItem] = ()
    near_limit: Sequence[DigestItem] = ()
    returning: Sequence[DigestItem] = ()
    unclaimed: Sequence[DigestItem] = ()
    team_overdue: int = 0


def digest_requests(content: DigestContent) -> list[int]:
    """The requests a digest lists, each once, in the order its sections name them."""
    sections = (
        content.meetings,
        content.steps_today,
        content.steps_overdue,
        content.past_limit,
        content.near_limit,
        content.returning,
        content.unclaimed,
    )
    return list(dict.fromkeys(item.request_id for items in sections for item in items))


def digest_is_empty(content: DigestContent) -> bool:
    """Nothing to say: no section has a line and nothing across the team is overdue."""
    return not (
        content.meetings
        or content.steps_today
        or content.steps_overdue
        or content.past_limit
        or content.near_limit
        or content.returning
        or content.unclaimed
        or content.team_overdue
    )
