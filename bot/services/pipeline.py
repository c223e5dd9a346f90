"""Stage limits: warn the owner, tell the manager; and the helpers the pipeline shares.

A periodic check, woken by the clock like the claim check, looks at every request in work.
Past 80% of its stage limit the owner gets a warning, past all of it the manager (the
owner's supervisor, else every manager) is told; both are reminders planned under a key
naming the request and the moment its stage began, so each goes once per stage even with
two bot processes. Deal life, nurture and "Back to work" are in :mod:`bot.services.nurture`;
the stamp of a moment and the group's word about a request stay here, so that module and
the reminders' renderers (:mod:`bot.services.pipeline_kinds`) share them without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.i18n import Translator
from bot.reminders.engine import ReminderEngine
from bot.services.card_text import stage_label
from bot.services.desk import Desk, display_name
from bot.services.escalation import schedule_of
from domain import pipeline as rules
from domain.stages import Stage as DomainStage
from scenarios.schema import Scenario
from storage.models import Request
from storage.repositories.holder import Repositories

STAGE_WARNING = "pipeline.stage_warning"
STAGE_OVERDUE = "pipeline.stage_overdue"


def stage_limits_of(scenario: Scenario | None) -> dict[str, rules.StageLimit]:
    """A scenario's ``stage_limits`` as the domain counts them."""
    if scenario is None:
        return {}
    return {
        stage: rules.StageLimit(timedelta(hours=limit.hours), limit.working_time)
        for stage, limit in scenario.stage_limits.items()
    }


def deadlines_of(desk: Desk, request: Request) -> rules.StageDeadlines | None:
    """When the owner of ``request`` is warned and when its stage is overdue, if limited."""
    limits = stage_limits_of(desk.scenario(request.scenario_id))
    limit = rules.stage_limit(DomainStage(request.stage), limits)
    if limit is None:
        return None
    return rules.stage_deadlines(schedule_of(desk.settings), request.stage_changed_at, limit)


def stamp(moment: datetime) -> int:
    return int(moment.timestamp())


async def check_stage_limit(
    desk: Desk, reminders: ReminderEngine, request: Request, now: datetime
) -> int:
    """Plan the warning or the escalation that is newly due; returns the level reported."""
    deadlines = deadlines_of(desk, request)
    if deadlines is None or request.owner_id is None:
        return 0
    level = rules.limit_level(now, deadlines)
    since = stamp(request.stage_changed_at)
    payload = {"stage": request.stage, "since": since, "due": deadlines.due_at.isoformat()}
    if level == rules.LimitLevel.WARNING:
        planned = await reminders.schedule(
            desk.repo,
            kind=STAGE_WARNING,
            due_at=now,
            recipient_id=request.owner_id,
            request_id=request.id,
            payload=payload,
            dedup_key=f"stage-warn:{request.id}:{since}",
        )
        if planned is None:
            return 0
        await desk.repo.events.add(
            kind="request.stage_limit_warning",
            actor_id=None,
            request_id=request.id,
            data={"stage": request.stage, "owner": request.owner_id, "due": payload["due"]},
        )
        return level
    if level == rules.LimitLevel.OVERDUE:
        managers = await desk.repo.team.managers_for([request.owner_id], desk.settings.admin_ids)
        told = []
        for manager in managers:
            planned = await reminders.schedule(
                desk.repo,
                kind=STAGE_OVERDUE,
                due_at=now,
                recipient_id=manager.id,
                request_id=request.id,
                payload={**payload, "owner": request.owner_id},
                dedup_key=f"stage-over:{request.id}:{since}:{manager.id}",
            )
            if planned is not None:
                told.append(manager.id)
        if not told:
            return 0
        await desk.repo.events.add(
            kind="request.stage_overdue",
            actor_id=None,
            request_id=request.id,
            data={"stage": request.stage, "owner": request.owner_id, "managers": told},
        )
        return level
    return 0


@dataclass(frozen=True, slots=True)
class GroupPost:
    """A word to the team group about a request, and where it goes there."""

    text: str
    thread_id: int | None
    reply_to: int | None


async def group_post(repo: Repositories, t: Translator, request: Request, key: str) -> GroupPost:
    """``key``'s text with the request's owner and stage, in the request's own topic, else
    under its card, as the group hears of every move."""
    owner = await repo.users.get(request.owner_id) if request.owner_id else None
    tracking = await repo.team.tracking(request.id)
    own_thread = tracking.thread_id if tracking is not None else None
    text = t(
        key, number=request.id, owner=display_name(owner), stage=stage_label(t, request.stage)
    )
    return GroupPost(
        text=text,
        thread_id=own_thread or request.topic_thread_id,
        reply_to=None if own_thread else request.team_message_id,
    )
