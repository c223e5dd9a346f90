"""An estimate's deadline reminders, planned when it is asked for or sent back for rework:
each reads the estimate as it is when it falls due, so one delivered, cancelled or given
another deadline meanwhile says nothing more.
"""

from __future__ import annotations

from datetime import timedelta

from bot.reminders.engine import ReminderEngine
from bot.reminders.kinds import ReminderContext, ReminderKind, Rendered
from bot.reminders.relay import NOBODY, Relayed, relay
from bot.services.desk import Desk, display_name
from bot.services.estimate_buttons import deliver_keyboard
from bot.services.view_buttons import with_open_button
from storage.models import Estimate
from storage.repositories.process import OPEN_ESTIMATES

ESTIMATE_SOON = "estimate.soon"
ESTIMATE_MISSED = "estimate.missed"
ESTIMATE_DUE = "estimate.due"
WARN_BEFORE = timedelta(hours=4)
"""The estimator is reminded this long before the deadline."""


async def plan_deadline(desk: Desk, reminders: ReminderEngine, estimate: Estimate) -> None:
    """The estimator's reminder before the deadline; at it, the owner and the supervisor.

    The reminder before the deadline is the estimator's own nudge, like a step's reminder
    at its due time: not worth a night's sleep, so it waits for their working hours, and
    when it can only go out after the deadline it says so (:func:`render_soon`). Who hears
    of a missed deadline is decided at the deadline (:func:`render_missed`): the request's
    owner then, and the estimator's managers then.
    """
    due = estimate.due_at
    payload = {"estimate": estimate.id, "due": int(due.timestamp())}
    key = f"estimate:{estimate.id}:{payload['due']}"
    if due - WARN_BEFORE > desk.now():
        await reminders.schedule(
            desk.repo,
            kind=ESTIMATE_SOON,
            due_at=due - WARN_BEFORE,
            recipient_id=estimate.estimator_id,
            request_id=estimate.request_id,
            payload=payload,
            dedup_key=f"{key}:soon",
        )
    await reminders.schedule(
        desk.repo,
        kind=ESTIMATE_MISSED,
        due_at=due,
        recipient_id=NOBODY,
        urgent=True,
        request_id=estimate.request_id,
        payload=payload,
        dedup_key=f"{key}:missed",
    )


async def _still_open(context: ReminderContext) -> Estimate | None:
    """The estimate, if it is still in hand with the deadline the reminder is about.

    A cancelled estimate (its request closed) is not in hand, so it says nothing more.
    """
    payload = context.reminder.payload
    estimate = await context.repo.process.estimate(int(payload.get("estimate", 0)))
    if estimate is None or estimate.status not in OPEN_ESTIMATES:
        return None
    if int(estimate.due_at.timestamp()) != payload.get("due"):
        return None
    return estimate


async def render_soon(context: ReminderContext) -> Rendered | None:
    """Before the deadline, to the estimator, with "Deliver".

    Not urgent, like a step's reminder at its due time, so it may wait for the
    estimator's morning and find the deadline passed: then it says so rather than ask
    "will you make it?", and still carries the button.
    """
    estimate = await _still_open(context)
    if estimate is None:
        return None
    t = context.t
    key = "estimates-soon" if context.now < estimate.due_at else "estimates-soon-passed"
    return Rendered(
        text=t(
            key,
            number=estimate.request_id,
            due=t.datetime(estimate.due_at.astimezone(context.zone)),
        ),
        reply_markup=with_open_button(t, estimate.request_id, deliver_keyboard(t, estimate.id)),
    )


async def render_missed(context: ReminderContext) -> Relayed | None:
    """Not delivered at the deadline: recorded once, and the request's owner and the
    estimator's managers (else the admins), as they are now, are each told
    (``ESTIMATE_DUE``, in their working hours: nothing can be done about it at night)."""
    estimate = await _still_open(context)
    if estimate is None:
        return None
    await context.repo.events.add(
        kind="estimate.overdue",
        actor_id=None,
        request_id=estimate.request_id,
        data={"estimate_id": estimate.id, "estimator_id": estimate.estimator_id},
    )
    request = await context.repo.requests.get(estimate.request_id)
    owner_id = request.owner_id if request is not None else None
    managers = await context.repo.team.managers_for([estimate.estimator_id], context.admins)
    told = [owner_id] if owner_id is not None else []
    told += [m.id for m in managers if m.id not in {estimate.estimator_id, owner_id}]
    key = f"estimate:{estimate.id}:{context.reminder.payload.get('due')}:due"
    return await relay(context, kind=ESTIMATE_DUE, recipients=told, key=key)


async def render_due(context: ReminderContext) -> Rendered | None:
    """The missed deadline, to one of those :func:`render_missed` named."""
    estimate = await _still_open(context)
    if estimate is None:
        return None
    estimator = await context.repo.users.get(estimate.estimator_id)
    return Rendered(
        text=context.t(
            "estimates-overdue", number=estimate.request_id, estimator=display_name(estimator)
        ),
        reply_markup=with_open_button(context.t, estimate.request_id),
    )


ESTIMATE_KINDS = (
    ReminderKind(name=ESTIMATE_SOON, render=render_soon, grace=None),
    ReminderKind(name=ESTIMATE_MISSED, render=render_missed, grace=None),
    ReminderKind(name=ESTIMATE_DUE, render=render_due, grace=None),
)
