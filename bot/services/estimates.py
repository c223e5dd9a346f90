"""The estimator: an estimate asked by the owner, accepted, delivered on time, reworked.

The owner picks an estimator with the competences the form needs (or "whoever is free":
the one with the fewest estimates in hand), says what is to be estimated and by when (the
form's ``estimate_days`` working days unless they type a date). The estimator accepts or
declines with a reason, is reminded before the deadline, and delivers a file with a
one-line summary; the file joins the request's files. At the deadline the owner and the
estimator's supervisor hear of an estimate not delivered. Delivery records ``on_time``.

Its deadline's reminders are :mod:`bot.services.estimate_deadlines`; its buttons,
:mod:`bot.services.estimate_buttons`.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.reminders.engine import ReminderEngine
from bot.services.desk import Desk, display_name, shorten
from bot.services.estimate_buttons import reply_keyboard
from bot.services.estimate_deadlines import plan_deadline
from domain.claim_policy import Candidate, pick_round_robin
from domain.working_hours import WorkingSchedule, add_working_time
from storage.models import Estimate, EstimateStatus, Request, Role, User


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


def estimate_line(
    t: Translator, estimate: Estimate, estimator: User | None, zone: ZoneInfo, preview: int
) -> str:
    """One estimate as the brief shows it, its deadline in the reader's ``zone``, its
    scope and summary cut to ``preview`` characters."""
    status = t(f"estimates-status-{estimate.status}")
    if estimate.status == EstimateStatus.DELIVERED.value:
        status = t("estimates-on-time" if estimate.on_time else "estimates-late")
    line = t(
        "estimates-line",
        estimator=display_name(estimator),
        status=status,
        scope=shorten(estimate.scope, preview),
        due=t.datetime(estimate.due_at.astimezone(zone)),
    )
    if estimate.summary:
        line += "\n" + t("estimates-line-summary", summary=shorten(estimate.summary, preview))
    return line
