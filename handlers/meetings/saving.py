"""The checked meeting saved: goals checked once more, reminders planned, the stage moved."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.reminders.engine import ReminderEngine
from bot.services.card_text import owner_zone, stage_summary
from bot.services.desk import Desk, work_refusal
from bot.services.followup_buttons import MeetingSave
from bot.services.followup_keyboards import manage_keyboard
from bot.services.meetings import plan_meeting
from bot.services.progress import Move, change_stage
from bot.services.request_view import refresh_views
from bot.services.stages import may_plan_meeting
from domain.followups import goal_problems
from domain.stages import Via
from handlers.meetings.planning import ask_when
from handlers.meetings.states import MeetingForm
from storage.models import Stage, User

router = Router(name=__name__)


@router.callback_query(MeetingForm.confirm, MeetingSave.filter())
async def save_pressed(
    query: CallbackQuery,
    callback_data: MeetingSave,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
    callback_answer: CallbackAnswer,
) -> None:
    """Save (goals checked once more), plan the reminders, move the request on."""
    data = await state.get_data()
    if not callback_data.save:
        await state.clear()
        callback_answer.text = t("followups-meeting-dropped")
        if isinstance(query.message, Message):
            await query.message.edit_text(callback_answer.text)
        return
    if goal_problems(data.get("our_goal"), data.get("client_goal")):
        callback_answer.show_alert = True
        callback_answer.text = t("followups-meeting-goal-required", goal="both")
        return
    if datetime.fromisoformat(data["starts_at"]) <= desk.now():
        # The check sat unsaved past the start: a meeting in the past gets no reminders
        # and no "held" question, so its time is asked again and the rest is kept.
        await state.set_state(MeetingForm.when)
        callback_answer.show_alert = True
        callback_answer.text = t("followups-meeting-start-passed")
        await ask_when(desk, user, t, int(data["request"]))
        return
    await state.clear()
    text, meeting_id = await _save(desk, user, t, reminders, data)
    callback_answer.text = text
    if isinstance(query.message, Message):
        keyboard = manage_keyboard(t, meeting_id) if meeting_id else None
        await query.message.edit_text(text, reply_markup=keyboard)


async def _save(
    desk: Desk, user: User, t: Translator, reminders: ReminderEngine, data: dict[str, Any]
) -> tuple[str, int | None]:
    """Store the meeting; the text to show and the meeting's id (``None`` if refused)."""
    request = await desk.repo.requests.get(int(data["request"]))
    refusal = work_refusal(request, user)
    if request is None or refusal is not None:
        return t(refusal or "claims-not-yours", number=data["request"]), None
    if not may_plan_meeting(Stage(request.stage)):
        stage = stage_summary(t, request, await owner_zone(desk, request))
        return t("followups-meeting-parked", number=request.id, stage=stage), None
    participants = {user.id, int(data["moderator"]), *(int(x) for x in data["participants"])}
    meeting = await desk.repo.followups.add_meeting(
        request_id=request.id,
        starts_at=datetime.fromisoformat(data["starts_at"]),
        duration_minutes=int(data["duration"]),
        place=str(data["place"]),
        our_goal=str(data["our_goal"]),
        client_goal=str(data["client_goal"]),
        moderator_id=int(data["moderator"]),
        created_by=user.id,
        participant_ids=participants,
    )
    await plan_meeting(desk.repo, reminders, meeting, participants, desk.now())
    await desk.repo.events.add(
        kind="request.meeting_planned",
        actor_id=user.id,
        request_id=request.id,
        data={"meeting": meeting.id, "starts_at": data["starts_at"]},
    )
    if request.stage != Stage.MEETING_PLANNED.value:
        await change_stage(desk, request, user, Stage.MEETING_PLANNED, Move(via=Via.RECORD))
    else:
        await refresh_views(desk, request.id)
    return t("followups-meeting-saved", number=request.id), meeting.id
