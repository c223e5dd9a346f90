"""Deal life and nurture: idle requests are parked, and "Back to work" brings them back.

Apart from the stage limits (:mod:`bot.services.pipeline`), which only warn and escalate,
because this part moves requests in and out of the parked stages and plans what a parked
request needs. A request nobody touched for ``DEAL_LIFE_DAYS`` goes to nurture; its owner
is reminded every ``NURTURE_CADENCE_DAYS`` with a "Back to work" button, which returns it
to the stage it came from (any stage change by the owner ends nurture too). A postponed
request's owner gets the same button on its date, and their managers hear if nobody acts.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.reminders.engine import ReminderEngine
from bot.sending.outbox import Outbox
from bot.services.buttons import StageButton
from bot.services.card_text import stage_label
from bot.services.desk import Desk
from bot.services.pipeline import group_post, stamp
from bot.services.request_view import refresh_request
from bot.services.topics import sync_request_topic
from domain import pipeline as rules
from domain.stages import Stage as DomainStage
from storage.models import FINAL_STAGES, Request, Stage, User
from storage.repositories.pipeline import NURTURED, PipelineQueries

logger = logging.getLogger(__name__)

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
    signs = list(events.values())
    meeting = await desk.repo.followups.next_meeting(request.id)
    if meeting is not None:
        # A planned meeting is work ahead: the deal lives until it, and a deal life after.
        signs.append(meeting.starts_at)
    # So is an open step: someone committed to act by its deadline. A step done or
    # cancelled no longer counts; one overdue counts from its deadline, like a meeting.
    signs.extend(step.due_at for step in await desk.repo.followups.open_steps(request.id))
    active = rules.last_activity(request.stage_changed_at, signs)
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
