"""Next steps: planned with their reminders, finished, moved, and escalated when overdue.

A step has three reminders, all checked against the step when they fall due, so a step
done or moved meanwhile silences the old ones: at its deadline to the assignee; after
``STEP_OVERDUE_HOURS`` working hours to the request's owner; after
``STEP_ESCALATE_HOURS`` to the assignee's manager (their supervisor, else every manager,
else the admins), as things stand then.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup, Message

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.reminders.engine import ReminderEngine
from bot.reminders.kinds import ReminderContext, ReminderKind, Rendered
from bot.reminders.relay import NOBODY, Relayed, relay
from bot.services.desk import Desk, display_name
from bot.services.followup_buttons import StepAct, StepAction
from bot.services.view_buttons import with_open_button
from bot.settings import Settings
from domain.dates import DateProblem, parse_datetime
from domain.followups import Slot, is_goal, slot_moment
from domain.working_hours import WorkingSchedule, add_working_time
from storage.models import NextStep, StepStatus, User
from storage.repositories.holder import Repositories

STEP_DUE = "step_due"
STEP_OVERDUE = "step_overdue"
STEP_ESCALATION = "step_escalation"
STEP_ESCALATED = "step_escalated"

FIRST, SECOND = 1, 2


def step_keyboard(t: Translator, step_id: int) -> InlineKeyboardMarkup:
    """Done, snooze an hour, tomorrow, another time."""
    builder = InlineKeyboard()
    for action in (StepAction.DONE, StepAction.SNOOZE, StepAction.TOMORROW, StepAction.RESCHEDULE):
        builder.button(
            text=t(f"followups-step-button-{action.value}"),
            callback_data=StepAct(step=step_id, act=action),
        )
    builder.adjust(1, 2, 1)
    return builder.as_markup()


def schedule_in(settings: Settings, zone: ZoneInfo) -> WorkingSchedule:
    """The team's working hours in one person's zone."""
    return WorkingSchedule.from_text(
        hours=settings.work_hours, days=settings.work_days, tz=zone.key
    )


async def plan_step(
    repo: Repositories,
    engine: ReminderEngine,
    settings: Settings,
    step: NextStep,
    *,
    owner_id: int,
) -> None:
    """(Re)plan the three reminders of ``step`` for its current deadline."""
    assignee = await repo.users.get(step.assignee_id)
    schedule = schedule_in(settings, engine.windows.zone_of(assignee))
    payload = {"step": step.id, "due": step.due_at.astimezone(UTC).isoformat()}

    async def plan(
        kind: str, due_at: datetime, recipient_id: int, key: str, *, urgent: bool = False
    ) -> None:
        await engine.schedule(
            repo,
            kind=kind,
            due_at=due_at,
            recipient_id=recipient_id,
            payload=payload,
            urgent=urgent,
            request_id=step.request_id,
            dedup_key=f"step:{step.id}:{key}",
            replace=True,
        )

    await plan(STEP_DUE, step.due_at, step.assignee_id, "due")
    overdue = timedelta(hours=settings.step_overdue_hours)
    await plan(STEP_OVERDUE, add_working_time(schedule, step.due_at, overdue), owner_id, "late")
    escalate = timedelta(hours=settings.step_escalate_hours)
    escalate_at = add_working_time(schedule, step.due_at, escalate)
    await plan(STEP_ESCALATION, escalate_at, NOBODY, "esc", urgent=True)


async def silence_step(repo: Repositories, engine: ReminderEngine, step_id: int) -> None:
    """Cancel the reminders of a step that is done (escalations drop themselves)."""
    for suffix in ("due", "late"):
        await engine.cancel(repo, dedup_key=f"step:{step_id}:{suffix}")


async def _current_step(context: ReminderContext) -> NextStep | None:
    """The step a reminder is about, if it is still open with the same deadline."""
    payload = context.reminder.payload
    step = await context.repo.followups.step(int(payload.get("step", 0)))
    if step is None or step.status != StepStatus.OPEN.value:
        return None
    if step.due_at != datetime.fromisoformat(str(payload.get("due"))):
        return None
    return step


def _when(context: ReminderContext, moment: datetime) -> str:
    return context.t.datetime(moment.astimezone(context.zone))


async def render_step_due(context: ReminderContext) -> Rendered | None:
    """At the deadline, to the assignee, with the step's buttons."""
    step = await _current_step(context)
    if step is None:
        return None
    text = context.t(
        "followups-step-due",
        number=step.request_id,
        text=step.text,
        when=_when(context, step.due_at),
    )
    return Rendered(text=text, reply_markup=_reminder_keyboard(context.t, step))


async def render_step_overdue(context: ReminderContext) -> Rendered | None:
    """The first overdue notice, to the request's owner."""
    step = await _current_step(context)
    if step is None:
        return None
    await context.repo.followups.raise_step_escalation(step.id, step.due_at, FIRST)
    await context.repo.events.add(
        kind="request.step_overdue",
        actor_id=None,
        request_id=step.request_id,
        data={
            "step": step.id,
            "text": step.text,
            "due_at": step.due_at.astimezone(UTC).isoformat(),
            "assignee_id": step.assignee_id,
        },
    )
    assignee = await context.repo.users.get(step.assignee_id)
    text = context.t(
        "followups-step-overdue",
        number=step.request_id,
        text=step.text,
        when=_when(context, step.due_at),
        assignee=display_name(assignee),
    )
    return Rendered(text=text, reply_markup=_reminder_keyboard(context.t, step))


def _reminder_keyboard(t: Translator, step: NextStep) -> InlineKeyboardMarkup:
    """The step's buttons, and under them the request it belongs to."""
    return with_open_button(t, step.request_id, step_keyboard(t, step.id))


async def render_step_escalation(context: ReminderContext) -> Relayed | None:
    """Long overdue: whoever manages the assignee now is told (``STEP_ESCALATED``).

    Planned for nobody and decided when due (see :mod:`bot.reminders.relay`), so a
    supervisor who blocked the bot meanwhile is passed over for the other managers, and a
    team with no manager left tells its admins.
    """
    step = await _current_step(context)
    if step is None:
        return None
    managers = await context.repo.team.managers_for([step.assignee_id], context.admins)
    return await relay(
        context,
        kind=STEP_ESCALATED,
        recipients=[manager.id for manager in managers if manager.id != step.assignee_id],
        key=f"step:{step.id}:esc",
    )


async def render_step_escalated(context: ReminderContext) -> Rendered | None:
    """The second notice, to a manager: only "open request", the step is not theirs to close.

    Only to someone who still manages the assignee: a step handed to a colleague with a
    supervisor of their own no longer concerns every manager.
    """
    step = await _current_step(context)
    if step is None:
        return None
    managers = await context.repo.team.managers_for([step.assignee_id], context.admins)
    if context.reminder.recipient_id not in {manager.id for manager in managers}:
        return None
    await context.repo.followups.raise_step_escalation(step.id, step.due_at, SECOND)
    assignee = await context.repo.users.get(step.assignee_id)
    return Rendered(
        text=context.t(
            "followups-step-escalated",
            number=step.request_id,
            text=step.text,
            when=_when(context, step.due_at),
            assignee=display_name(assignee),
        ),
        reply_markup=with_open_button(context.t, step.request_id),
    )


STEP_KINDS = (
    ReminderKind(name=STEP_DUE, render=render_step_due, grace=None),
    ReminderKind(name=STEP_OVERDUE, render=render_step_overdue, grace=None),
    ReminderKind(name=STEP_ESCALATION, render=render_step_escalation, grace=None),
    ReminderKind(name=STEP_ESCALATED, render=render_step_escalated, grace=None),
)


def may_handle(step: NextStep, user: User, owner_id: int | None) -> bool:
    """The assignee, the step's author and the request's owner may close or move a step."""
    return user.id in {step.assignee_id, step.created_by, owner_id}


async def pressed_moment(
    desk: Desk, user: User, t: Translator, slot: Slot, *, zone: ZoneInfo
) -> datetime | None:
    """The moment a "when" button stands for, in the person's zone.

    For "another time" it is ``None``, and the person is asked to type the moment.
    """
    moment = slot_moment(slot, now=desk.now(), zone=zone)
    if moment is None:
        await desk.tell(user.id, t("followups-step-type-when"))
    return moment


GOAL_LIMIT = 500
"""The longest meeting goal taken; a longer one is asked to be shortened."""


async def typed_within(message: Message, t: Translator, limit: int) -> str | None:
    """The typed text, stripped, if it fits ``limit``; a longer one is refused with its
    length and ``None`` keeps the dialog where it is.

    Not cut: the words past the limit would be lost without anyone noticing, from a
    recap the client reads or a reason the team does.
    """
    text = (message.text or "").strip()
    if len(text) > limit:
        await message.answer(t("followups-too-long", length=len(text), limit=limit))
        return None
    return text


async def typed_words(message: Message, t: Translator, limit: int) -> str | None:
    """The answer's words, stripped, within ``limit``; ``None`` keeps the question waiting.

    A message of spaces and line breaks alone is asked for again: taken as the answer, it
    closed a request as lost with no reason, or was refused as if the request were gone.
    """
    text = await typed_within(message, t, limit)
    if text == "":
        await message.answer(t("side-question-words"))
        return None
    return text


async def read_goal(message: Message, t: Translator, goal: str) -> str | None:
    """A typed meeting goal (``goal``: ``our-goal`` or ``client-goal``) within its limit.

    One that says nothing is asked for again, and ``None`` keeps the dialog where it is:
    a meeting is not planned, nor edited, without both goals.
    """
    text = await typed_within(message, t, GOAL_LIMIT)
    if text is None:
        return None
    if not is_goal(text):
        await message.answer(t("followups-meeting-goal-required", goal=goal))
        return None
    return text


async def read_future_moment(
    message: Message, t: Translator, *, now: datetime, zone: ZoneInfo
) -> datetime | None:
    """A typed date and time ("завтра 16:00") in the person's zone, in the future.

    Anything else is answered with what was wrong, and ``None`` keeps the dialog where it is.
    """
    moment = parse_datetime(message.text or "", now=now, tz=zone)
    if isinstance(moment, DateProblem):
        await message.answer(t(f"followups-when-{moment.code}"))
        return None
    if moment <= now:
        await message.answer(t("followups-when-past"))
        return None
    return moment
