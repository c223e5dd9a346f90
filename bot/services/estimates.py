"""The estimator: an estimate asked by the owner, accepted, delivered on time, reworked.

The owner picks an estimator with the competences the form needs (or "whoever is free":
the one with the fewest estimates in hand), says what is to be estimated and by when (the
form's ``estimate_days`` working days unless they type a date). The estimator accepts or
declines with a reason, is reminded before the deadline, and delivers a file with a
one-line summary; the file joins the request's files. At the deadline the owner and the
estimator's supervisor hear of an estimate not delivered. Delivery records ``on_time``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from pydantic import Field

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.reminders.engine import ReminderEngine
from bot.reminders.kinds import ReminderContext, ReminderKind, Rendered
from bot.reminders.relay import NOBODY, Relayed, relay
from bot.services.desk import Desk, display_name
from bot.services.view_buttons import with_open_button
from domain.claim_policy import Candidate, pick_round_robin
from domain.working_hours import WorkingSchedule, add_working_time
from storage.models import Estimate, EstimateStatus, Request, Role, User
from storage.repositories.process import OPEN_ESTIMATES

ESTIMATE_SOON = "estimate.soon"
ESTIMATE_MISSED = "estimate.missed"
ESTIMATE_DUE = "estimate.due"
WARN_BEFORE = timedelta(hours=4)
"""The estimator is reminded this long before the deadline."""
ANYONE = 0
"""``EstimatePick.user`` for "whoever is free"."""


class EstimateNew(CallbackData, prefix="en"):
    """ "Ask for an estimate" under the brief."""

    request: int = Field(ge=1)


class EstimatePick(CallbackData, prefix="ep"):
    """One estimator, or ``ANYONE``."""

    request: int = Field(ge=1)
    user: int = Field(ge=0)


class EstimateDefault(CallbackData, prefix="eu"):
    """The default deadline, under "by when?"."""

    days: int = Field(ge=1, le=60)


class EstimateReply(CallbackData, prefix="ea"):
    """The estimator accepts or declines."""

    estimate: int = Field(ge=1)
    accept: bool


class EstimateDeliver(CallbackData, prefix="ed"):
    """ "Deliver the estimate": the estimator sends the file and the summary."""

    estimate: int = Field(ge=1)


class EstimateFile(CallbackData, prefix="ef"):
    """The owner opens the delivered file."""

    estimate: int = Field(ge=1)


class EstimateRework(CallbackData, prefix="er"):
    """The owner sends a delivered estimate back with a reason."""

    estimate: int = Field(ge=1)


async def eligible_estimators(desk: Desk, request: Request) -> list[User]:
    """Estimators with every competence the request's form needs."""
    scenario = desk.scenario(request.scenario_id)
    needed = set(scenario.competences) if scenario is not None else set()
    return [
        person
        for person in await desk.repo.users.with_role(Role.ESTIMATOR)
        if not person.is_blocked and needed <= set(person.tags)
    ]


async def least_busy(desk: Desk, people: list[User]) -> User | None:
    """Round-robin by the estimates each has in hand."""
    counts = await desk.repo.process.open_estimate_counts([p.id for p in people])
    chosen = pick_round_robin([Candidate(p.id, counts.get(p.id, 0), None) for p in people])
    return next((p for p in people if p.id == chosen), None)


def default_days(desk: Desk, request: Request) -> int:
    scenario = desk.scenario(request.scenario_id)
    return scenario.estimate_days if scenario is not None else 2


def default_due(desk: Desk, days: int) -> datetime:
    """``days`` working days from now, by the team's working hours."""
    settings = desk.settings
    schedule = WorkingSchedule.from_text(
        hours=settings.work_hours, days=settings.work_days, tz=settings.timezone
    )
    return add_working_time(schedule, desk.now(), schedule.nominal_day * days)


def reply_keyboard(t: Translator, estimate_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("estimates-accept"), callback_data=EstimateReply(estimate=estimate_id, accept=True)
    )
    builder.button(
        text=t("estimates-decline"),
        callback_data=EstimateReply(estimate=estimate_id, accept=False),
    )
    builder.adjust(1)
    return builder.as_markup()


def deliver_keyboard(t: Translator, estimate_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("estimates-deliver"), callback_data=EstimateDeliver(estimate=estimate_id)
    )
    return builder.as_markup()


def delivered_keyboard(t: Translator, estimate_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(text=t("estimates-open-file"), callback_data=EstimateFile(estimate=estimate_id))
    builder.button(text=t("estimates-rework"), callback_data=EstimateRework(estimate=estimate_id))
    builder.adjust(1)
    return builder.as_markup()


async def ask_estimate(
    desk: Desk,
    reminders: ReminderEngine,
    request: Request,
    owner: User,
    estimator: User,
    scope: str,
    due_at: datetime,
) -> Estimate:
    """Record the ask, plan its reminders, and send the estimator the brief."""
    estimate = await desk.repo.process.add_estimate(
        request_id=request.id,
        estimator_id=estimator.id,
        requested_by=owner.id,
        scope=scope,
        due_at=due_at,
    )
    await desk.repo.events.add(
        kind="estimate.requested",
        actor_id=owner.id,
        request_id=request.id,
        data={
            "estimate_id": estimate.id,
            "estimator_id": estimator.id,
            "due_at": due_at.isoformat(),
        },
    )
    await plan_deadline(desk, reminders, estimate)
    t = desk.t_for(estimator)
    await desk.notify(
        estimator.id,
        t(
            "estimates-brief",
            number=request.id,
            client=request.client_name or "—",
            owner=display_name(owner),
            scope=scope,
            due=t.datetime(due_at.astimezone(desk.zone_of(estimator))),
        ),
        reply_markup=reply_keyboard(t, estimate.id),
    )
    return estimate


async def cancel_estimates(desk: Desk, request_id: int, actor: User) -> None:
    """A closed request's estimates still in hand are cancelled, and each estimator (but
    the one closing it) is told once, in their language, that it is no longer needed.

    The reminders already planned find the estimate no longer in hand and say nothing;
    the estimator's old buttons answer that the request is closed.
    """
    for estimate in await desk.repo.process.cancel_request_estimates(request_id):
        await desk.repo.events.add(
            kind="estimate.cancelled",
            actor_id=actor.id,
            request_id=request_id,
            data={"estimate_id": estimate.id, "estimator_id": estimate.estimator_id},
        )
        estimator = await desk.repo.users.get(estimate.estimator_id)
        if estimator is not None and estimator.id != actor.id:
            t = desk.t_for(estimator)
            await desk.notify(estimator.id, t("estimates-told-closed", number=request_id))


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


def estimate_line(
    t: Translator, estimate: Estimate, estimator: User | None, zone: ZoneInfo
) -> str:
    """One estimate as the brief shows it, its deadline in the reader's ``zone``."""
    status = t(f"estimates-status-{estimate.status}")
    if estimate.status == EstimateStatus.DELIVERED.value:
        status = t("estimates-on-time" if estimate.on_time else "estimates-late")
    line = t(
        "estimates-line",
        estimator=display_name(estimator),
        status=status,
        scope=estimate.scope,
        due=t.datetime(estimate.due_at.astimezone(zone)),
    )
    if estimate.summary:
        line += "\n" + t("estimates-line-summary", summary=estimate.summary)
    return line
