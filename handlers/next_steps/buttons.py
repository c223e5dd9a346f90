"""The buttons under a saved step and its reminders: done, later, or someone else's."""

from __future__ import annotations

from datetime import time, timedelta

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.reminders.engine import ReminderEngine
from bot.services.desk import Desk, display_name
from bot.services.followup_buttons import StepAct, StepAction, StepAssignee
from bot.services.followup_keyboards import people_buttons, step_when_keyboard, team_members
from bot.services.followups import may_handle, plan_step, silence_step, step_keyboard
from bot.services.request_view import refresh_views
from domain.followups import tomorrow_morning
from handlers.next_steps.writing import StepForm, owner_of
from storage.models import StepStatus, User

router = Router(name=__name__)


@router.callback_query(StepAct.filter())
async def step_pressed(
    query: CallbackQuery,
    callback_data: StepAct,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
    callback_answer: CallbackAnswer,
) -> None:
    """Done, snooze an hour, tomorrow morning, another time, or someone else."""
    step = await desk.repo.followups.step(callback_data.step)
    request = await desk.repo.requests.get(step.request_id) if step else None
    if step is None or request is None or not may_handle(step, user, request.owner_id):
        callback_answer.show_alert = True
        callback_answer.text = t("common-stale-button")
        return
    act = callback_data.act
    if step.status != StepStatus.OPEN.value and act in (StepAction.RESCHEDULE, StepAction.ASSIGN):
        # Done or cancelled since this message: no date or colleague to ask for.
        callback_answer.text = t("followups-step-not-open")
        return
    zone = reminders.windows.zone_of(user)
    if act is StepAction.DONE:
        if not await desk.repo.followups.finish_step(step.id, desk.now()):
            callback_answer.text = t("followups-step-not-open")
            return
        await silence_step(desk.repo, reminders, step.id)
        await desk.repo.events.add(
            kind="request.step_done",
            actor_id=user.id,
            request_id=request.id,
            data={"step": step.id},
        )
        text = t("followups-step-done", number=request.id, text=step.text)
    elif act in (StepAction.SNOOZE, StepAction.TOMORROW):
        start = time.fromisoformat(desk.settings.work_hours.split("-")[0].strip())
        moment = (
            desk.now() + timedelta(hours=1)
            if act is StepAction.SNOOZE
            else tomorrow_morning(now=desk.now(), zone=zone, start=start)
        )
        if not await desk.repo.followups.move_step(step.id, moment):
            callback_answer.text = t("followups-step-not-open")
            return
        await desk.repo.session.refresh(step)
        await plan_step(
            desk.repo, reminders, desk.settings, step, owner_id=owner_of(request, step)
        )
        when = t.datetime(moment.astimezone(zone))
        text = t("followups-step-moved", number=request.id, text=step.text, when=when)
    elif act is StepAction.RESCHEDULE:
        await state.set_state(StepForm.when)
        await state.set_data({"request": request.id, "step": step.id})
        keyboard = step_when_keyboard(
            t, request_id=request.id, step_id=step.id, now=desk.now(), zone=zone
        )
        await desk.tell(
            user.id, t("followups-step-ask-when", text=step.text), reply_markup=keyboard
        )
        return
    else:
        await desk.tell(
            user.id,
            t("followups-step-ask-who", text=step.text),
            reply_markup=people_buttons(
                await team_members(desk, besides=step.assignee_id), StepAssignee, step=step.id
            ).as_markup(),
        )
        return
    await refresh_views(desk, request.id)
    callback_answer.text = text
    if isinstance(query.message, Message):
        await query.message.edit_text(text)


@router.callback_query(StepAssignee.filter())
async def assignee_chosen(
    query: CallbackQuery,
    callback_data: StepAssignee,
    desk: Desk,
    user: User,
    t: Translator,
    reminders: ReminderEngine,
    callback_answer: CallbackAnswer,
) -> None:
    """The step and its reminders go to the chosen colleague, who is told."""
    step = await desk.repo.followups.step(callback_data.step)
    request = await desk.repo.requests.get(step.request_id) if step else None
    assignee = await desk.repo.users.get(callback_data.user)
    if (
        step is None
        or request is None
        or assignee is None
        or not may_handle(step, user, request.owner_id)
        or not await desk.repo.followups.reassign_step(step.id, assignee.id)
    ):
        callback_answer.show_alert = True
        callback_answer.text = t("common-stale-button")
        return
    await desk.repo.session.refresh(step)
    await plan_step(desk.repo, reminders, desk.settings, step, owner_id=owner_of(request, step))
    zone = reminders.windows.zone_of(assignee)
    their_t = desk.t_for(assignee)
    await desk.notify(
        assignee.id,
        their_t(
            "followups-step-given",
            number=request.id,
            text=step.text,
            when=their_t.datetime(step.due_at.astimezone(zone)),
            by=display_name(user),
        ),
        reply_markup=step_keyboard(their_t, step.id),
    )
    text = t("followups-step-assigned", text=step.text, name=display_name(assignee))
    callback_answer.text = text
    if isinstance(query.message, Message):
        await query.message.edit_text(text)
