"""Stage limits and deal life: warn the owner, tell the manager, send idle deals to nurture.

A periodic check, woken by the clock like the claim check, looks at every request in work.
Past 80% of its stage limit the owner gets a warning, past all of it the manager (the
owner's supervisor, else every manager) is told; both are reminders planned under a key
naming the request and the moment its stage began, so each goes once per stage even with
two bot processes. A request nobody touched for ``DEAL_LIFE_DAYS`` goes to nurture; its
owner is reminded every ``NURTURE_CADENCE_DAYS`` with a "Back to work" button, which
returns it to the stage it came from (any stage change by the owner ends nurture too).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.reminders.engine import ReminderEngine
from bot.sending.outbox import Outbox
from bot.services.buttons import StageButton
from bot.services.card_text import stage_label
from bot.services.desk import Desk, display_name
from bot.services.escalation import schedule_of
from bot.services.request_view import refresh_request
from bot.services.topics import sync_request_topic
from domain import pipeline as rules
from domain.stages import Stage as DomainStage
from scenarios.schema import Scenario
from storage.models import FINAL_STAGES, Request, Stage, User
from storage.repositories.holder import Repositories
from storage.repositories.pipeline import NURTURED, PipelineQueries

logger = logging.getLogger(__name__)

STAGE_WARNING = "pipeline.stage_warning"
STAGE_OVERDUE = "pipeline.stage_overdue"
NURTURE = "pipeline.nurture"
POSTPONED_BACK = "pipeline.postponed_back"
POSTPONED_IGNORED = "pipeline.postponed_ignored"
NURTURED_NOTICE = "pipeline.nurtured"
"""The notice of a move to nurture; its payload's ``audience`` says whose text it carries."""
NURTURED_OWNER, NURTURED_AUTHOR, NURTURED_GROUP = "owner", "author", "group"
PARKED = frozenset({Stage.NURTURE.value, Stage.POSTPONED.value})
"""Stages "Back to work" returns a request from, to the stage it had before."""


class BackToWork(CallbackData, prefix="nb"):
    """'Back to work' under a nurture reminder: the request returns to where it was."""

    request: int


_RETURNABLE = frozenset(
    stage.value for stage in Stage if stage.value not in PARKED and stage is not Stage.NEW
) - {stage.value for stage in FINAL_STAGES}


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


async def check_deal_life(
    desk: Desk, reminders: ReminderEngine, request: Request, now: datetime
) -> bool:
    """Send ``request`` to nurture if nobody touched it for the deal life.

    The move happens whenever the check finds the request idle, at night too; the card shows
    it at once. Telling the owner, the author and the group is not urgent, so those notices
    are reminders that wait for each one's working hours (the group's: the team's).
    """
    stage = DomainStage(request.stage)
    if request.owner_id is None or not rules.may_nurture(stage):
        return False
    events = await PipelineQueries(desk.repo.session, desk.repo.clock).last_person_event(
        [request.id]
    )
    active = rules.last_activity(request.stage_changed_at, list(events.values()))
    life = timedelta(days=desk.settings.deal_life_days)
    if not rules.is_idle(now, active, life):
        return False
    moved = await desk.repo.requests.set_stage(
        request.id, Stage.NURTURE, now, only_from=[Stage(stage.value)], owner_id=request.owner_id
    )
    if not moved:
        return False
    await desk.repo.events.add(
        kind=NURTURED,
        actor_id=None,
        request_id=request.id,
        data={"from": stage.value, "to": Stage.NURTURE.value, "idle_since": active.isoformat()},
    )
    await plan_nurture_reminder(desk, reminders, request, since=now, round_=1)
    moved_request = await _show_move(desk, request.id)
    if moved_request is not None:
        await plan_nurtured_notices(desk, reminders, moved_request, since=now)
    logger.info("event=pipeline.nurtured request_id=%s from=%s", request.id, stage.value)
    return True


async def plan_nurture_reminder(
    desk: Desk, reminders: ReminderEngine, request: Request, *, since: datetime, round_: int
) -> None:
    """The ``round_``-th cadence reminder of the nurture that began at ``since``."""
    if request.owner_id is None:
        return
    cadence = timedelta(days=desk.settings.nurture_cadence_days)
    await reminders.schedule(
        desk.repo,
        kind=NURTURE,
        due_at=since + cadence * round_,
        recipient_id=request.owner_id,
        request_id=request.id,
        payload={"since": since.isoformat(), "round": round_},
        dedup_key=f"nurture:{request.id}:{stamp(since)}:{round_}",
    )


async def plan_nurtured_notices(
    desk: Desk, reminders: ReminderEngine, request: Request, *, since: datetime
) -> None:
    """Tell the owner, the author (if someone else) and the group of the move to nurture.

    Each is a reminder due now, sent in the recipient's working hours, once per nurture
    (keyed by its start); one that falls due after the request came back says nothing.
    """
    audiences: list[tuple[str, int]] = []
    if request.owner_id is not None:
        audiences.append((NURTURED_OWNER, request.owner_id))
    if request.author_id != request.owner_id:
        audiences.append((NURTURED_AUTHOR, request.author_id))
    if request.team_chat_id is not None:
        audiences.append((NURTURED_GROUP, request.team_chat_id))
    for audience, recipient in audiences:
        await reminders.schedule(
            desk.repo,
            kind=NURTURED_NOTICE,
            due_at=since,
            recipient_id=recipient,
            request_id=request.id,
            payload={"audience": audience, "since": stamp(since)},
            dedup_key=f"nurtured:{request.id}:{stamp(since)}:{audience}",
        )


def back_keyboard(t: Translator, request_id: int, *, again: bool = False) -> InlineKeyboardMarkup:
    """ "Back to work", and for a postponed request "Postpone again"."""
    builder = InlineKeyboard()
    builder.button(text=t("pipeline-back-to-work"), callback_data=BackToWork(request=request_id))
    if again:
        builder.button(
            text=t("pipeline-postpone-again"),
            callback_data=StageButton(request=request_id, to=Stage.POSTPONED),
        )
    return builder.as_markup()


async def plan_return(
    desk: Desk, reminders: ReminderEngine, request_id: int, owner_id: int, until: datetime
) -> None:
    """A postponed request comes back: the owner is reminded on its date (in their working
    hours), and if nobody answers, their managers hear of it like of an overdue step."""
    payload = {"until": stamp(until)}
    await reminders.schedule(
        desk.repo,
        kind=POSTPONED_BACK,
        due_at=until,
        recipient_id=owner_id,
        request_id=request_id,
        payload=payload,
        dedup_key=f"postponed:{request_id}:{stamp(until)}",
    )
    ignored_at = until + timedelta(hours=desk.settings.step_escalate_hours)
    for manager in await desk.repo.team.managers_for([owner_id], desk.settings.admin_ids):
        if manager.id != owner_id:
            await reminders.schedule(
                desk.repo,
                kind=POSTPONED_IGNORED,
                due_at=ignored_at,
                recipient_id=manager.id,
                request_id=request_id,
                payload={**payload, "owner": owner_id},
                dedup_key=f"postponed-ignored:{request_id}:{stamp(until)}:{manager.id}",
            )


async def back_to_work(
    desk: Desk, reminders: ReminderEngine, outbox: Outbox, request: Request, owner: User
) -> Stage | None:
    """Return a nurtured or postponed request to the stage it came from; ``None`` if it
    cannot (not theirs, or no longer parked)."""
    if request.owner_id != owner.id or request.stage not in PARKED:
        return None
    parked = Stage(request.stage)
    if parked is Stage.NURTURE:
        queries = PipelineQueries(desk.repo.session, desk.repo.clock)
        origin = await queries.nurtured_from(request.id)
    else:
        before = await desk.repo.events.stage_before(request.id, parked.value)
        origin = Stage(before) if before in _RETURNABLE else None
    target = origin or Stage.TAKEN
    moved = await desk.repo.requests.set_stage(
        request.id, target, desk.now(), only_from=[parked], owner_id=owner.id
    )
    if not moved:
        return None
    await desk.repo.events.add(
        kind="request.stage_changed",
        actor_id=owner.id,
        request_id=request.id,
        data={"from": parked.value, "to": target.value, "via": "back_to_work"},
    )
    for kind in (NURTURE, POSTPONED_BACK, POSTPONED_IGNORED):
        await reminders.cancel(desk.repo, request_id=request.id, kind=kind)
    await _follow(desk, outbox, request.id, "pipeline-group-back", "pipeline-author-back")
    return target


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


async def _show_move(desk: Desk, request_id: int) -> Request | None:
    """The card and the request's topic show its new stage; the request as it is now."""
    request = await refresh_request(desk, request_id)
    if request is not None:
        await sync_request_topic(desk, request)
    return request


async def _follow(
    desk: Desk, outbox: Outbox, request_id: int, group_key: str, author_key: str
) -> None:
    """After a person's move: the card shows the new stage, and the group and the author
    hear of it through the outbox at once, as of any move a person makes."""
    request = await _show_move(desk, request_id)
    if request is None:
        return
    if request.team_chat_id is not None:
        post = await group_post(desk.repo, desk.team_t, request, group_key)
        await outbox.enqueue(
            desk.repo,
            chat_id=request.team_chat_id,
            text=post.text,
            thread_id=post.thread_id,
            reply_to=post.reply_to,
        )
    author = await desk.repo.users.get(request.author_id)
    if author is not None and author.id != request.owner_id:
        t = desk.t_for(author)
        await outbox.enqueue(
            desk.repo,
            chat_id=author.id,
            text=t(author_key, number=request.id, stage=stage_label(t, request.stage)),
        )
