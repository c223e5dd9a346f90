"""How the pipeline's reminders read when they fall due, or why they are dropped then.

Each renderer looks at the request again: a warning about a stage the request has left
meanwhile, or a nurture reminder about a request back in work, says nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from bot.reminders.engine import ReminderEngine
from bot.reminders.kinds import ReminderContext, ReminderKind, Rendered
from bot.services.card_text import stage_label
from bot.services.desk import Desk, display_name
from bot.services.nurture import (
    NURTURE,
    NURTURED_AUTHOR,
    NURTURED_GROUP,
    NURTURED_NOTICE,
    NURTURED_OWNER,
    POSTPONED_BACK,
    POSTPONED_IGNORED,
    back_keyboard,
    plan_nurture_reminder,
)
from bot.services.pipeline import STAGE_OVERDUE, STAGE_WARNING, group_post, stamp
from bot.services.view_buttons import with_open_button
from storage.models import Request, Stage

DeskFactory = Callable[[ReminderContext], Desk]
"""Builds a desk on a renderer's transaction, for work a renderer does beside its text."""


async def _still_in_stage(context: ReminderContext) -> Request | None:
    """The request, if it is still in the stage (and since the moment) the reminder is about."""
    payload = context.reminder.payload
    request_id = context.reminder.request_id
    request = await context.repo.requests.get(request_id) if request_id else None
    if request is None or request.stage != payload.get("stage"):
        return None
    if stamp(request.stage_changed_at) != payload.get("since"):
        return None
    return request


def _due(context: ReminderContext) -> datetime:
    return datetime.fromisoformat(str(context.reminder.payload["due"]))


def _due_text(context: ReminderContext) -> str:
    return context.t.datetime(_due(context).astimezone(context.zone))


async def render_stage_warning(context: ReminderContext) -> Rendered | None:
    """The owner's warning before the stage limit, unless the limit has already passed.

    The warning is not urgent, so it waits for the owner's working hours; for an owner far
    from the team's zone those may begin after the deadline. Then "it runs out at …" would be
    false and arrive after the manager was told, so the warning is dropped instead: the
    escalation covers it, and the owner's digest of that morning lists the stage as past
    its limit.
    """
    request = await _still_in_stage(context)
    if request is None or request.owner_id != context.reminder.recipient_id:
        return None
    if context.now >= _due(context):
        return None
    t = context.t
    return Rendered(
        text=t(
            "pipeline-stage-warning",
            number=request.id,
            stage=stage_label(t, request.stage),
            due=_due_text(context),
        ),
        reply_markup=with_open_button(t, request.id),
    )


async def render_stage_overdue(context: ReminderContext) -> Rendered | None:
    request = await _still_in_stage(context)
    if request is None:
        return None
    t = context.t
    owner = await context.repo.users.get(request.owner_id) if request.owner_id else None
    return Rendered(
        text=t(
            "pipeline-stage-overdue",
            number=request.id,
            stage=stage_label(t, request.stage),
            owner=display_name(owner),
            due=_due_text(context),
        ),
        reply_markup=with_open_button(t, request.id),
    )


def nurture_kind(desk_for: DeskFactory, reminders: ReminderEngine) -> ReminderKind:
    """The cadence reminder: still nurtured, remind the owner and plan the next one."""

    async def render(context: ReminderContext) -> Rendered | None:
        request_id = context.reminder.request_id
        request = await context.repo.requests.get(request_id) if request_id else None
        if request is None or request.stage != Stage.NURTURE.value:
            return None
        if request.owner_id != context.reminder.recipient_id:
            return None
        payload = context.reminder.payload
        since = datetime.fromisoformat(str(payload["since"]))
        round_ = int(payload.get("round", 1))
        desk = desk_for(context)
        await plan_nurture_reminder(desk, reminders, request, since=since, round_=round_ + 1)
        await desk.repo.events.add(
            kind="request.nurture_reminded",
            actor_id=None,
            request_id=request.id,
            data={"owner": request.owner_id, "round": round_},
        )
        t = context.t
        return Rendered(
            text=t("pipeline-nurture-reminder", number=request.id),
            reply_markup=with_open_button(t, request.id, back_keyboard(t, request.id)),
        )

    return ReminderKind(name=NURTURE, render=render, grace=None)


def nurtured_kind(desk_for: DeskFactory) -> ReminderKind:
    """The notice of a move to nurture, in the recipient's working hours.

    Rendered only while the request is still in the nurture the notice is about: one that
    came back to work before the recipient's morning is not announced as nurtured.
    """

    async def render(context: ReminderContext) -> Rendered | None:
        request_id = context.reminder.request_id
        request = await context.repo.requests.get(request_id) if request_id else None
        if request is None or request.stage != Stage.NURTURE.value:
            return None
        if stamp(request.stage_changed_at) != context.reminder.payload.get("since"):
            return None
        audience = context.reminder.payload.get("audience")
        if audience == NURTURED_OWNER:
            return _owner_nurtured(desk_for(context), context, request)
        if audience == NURTURED_AUTHOR:
            return Rendered(text=context.t("pipeline-author-nurtured", number=request.id))
        if audience == NURTURED_GROUP:
            return await _group_nurtured(desk_for(context), context, request)
        return None

    return ReminderKind(name=NURTURED_NOTICE, render=render, grace=None)


def _owner_nurtured(desk: Desk, context: ReminderContext, request: Request) -> Rendered | None:
    if request.owner_id != context.reminder.recipient_id:
        return None
    t = context.t
    text = t(
        "pipeline-owner-nurtured",
        number=request.id,
        days=desk.settings.deal_life_days,
        cadence=desk.settings.nurture_cadence_days,
    )
    return Rendered(text=text, reply_markup=back_keyboard(t, request.id))


async def _group_nurtured(desk: Desk, context: ReminderContext, request: Request) -> Rendered:
    """The group's post, under the card or in the request's own topic, as other moves are."""
    post = await group_post(context.repo, desk.team_t, request, "pipeline-group-nurtured")
    return Rendered(text=post.text, thread_id=post.thread_id, reply_to=post.reply_to)


async def _still_postponed(context: ReminderContext) -> Request | None:
    """The request, if it is still postponed to the date the reminder is about."""
    request_id = context.reminder.request_id
    request = await context.repo.requests.get(request_id) if request_id else None
    if request is None or request.stage != Stage.POSTPONED.value:
        return None
    until = request.postponed_until
    if until is None or stamp(until) != context.reminder.payload.get("until"):
        return None
    return request


async def render_postponed_back(context: ReminderContext) -> Rendered | None:
    """The postpone date came: back to work, or postpone again."""
    request = await _still_postponed(context)
    if request is None or request.owner_id != context.reminder.recipient_id:
        return None
    await context.repo.events.add(
        kind="request.postponed_due",
        actor_id=None,
        request_id=request.id,
        data={"owner": request.owner_id},
    )
    t = context.t
    return Rendered(
        text=t("pipeline-postponed-back", number=request.id, client=request.client_name or "—"),
        reply_markup=with_open_button(t, request.id, back_keyboard(t, request.id, again=True)),
    )


async def render_postponed_ignored(context: ReminderContext) -> Rendered | None:
    """Nobody answered the return: the owner's manager hears of it."""
    request = await _still_postponed(context)
    if request is None or request.postponed_until is None:
        return None
    owner = await context.repo.users.get(request.owner_id) if request.owner_id else None
    await context.repo.events.add(
        kind="request.postponed_overdue",
        actor_id=None,
        request_id=request.id,
        data={"owner": request.owner_id, "manager": context.reminder.recipient_id},
    )
    t = context.t
    return Rendered(
        text=t(
            "pipeline-postponed-ignored",
            number=request.id,
            owner=display_name(owner),
            day=t.date(request.postponed_until.astimezone(context.zone)),
        ),
        reply_markup=with_open_button(t, request.id),
    )


STAGE_KINDS = (
    ReminderKind(name=STAGE_WARNING, render=render_stage_warning, grace=timedelta(days=1)),
    ReminderKind(name=STAGE_OVERDUE, render=render_stage_overdue, grace=timedelta(days=3)),
    ReminderKind(name=POSTPONED_BACK, render=render_postponed_back, grace=None),
    ReminderKind(name=POSTPONED_IGNORED, render=render_postponed_ignored, grace=None),
)
