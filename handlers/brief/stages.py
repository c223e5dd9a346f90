"""The brief's stage buttons: a move at once, or the question or record the stage needs.

"Lost" and "postponed" ask why and until when (answered in :mod:`handlers.brief.lost` and
:mod:`handlers.brief.postponing`); a stage that counts meetings leads into its record.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.buttons import StageButton
from bot.services.card_text import stage_label
from bot.services.desk import Desk
from bot.services.followup_keyboards import answer_keyboard, held_keyboard
from bot.services.meetings import WAITING_FOR_CLIENT
from bot.services.progress import Move
from bot.services.stages import can_move
from domain.stages import RECORDED_STAGES, is_final
from handlers.brief.keyboards import days_keyboard, reasons_keyboard
from handlers.brief.moves import apply_move, remember_pressed
from handlers.meetings.planning import start_meeting
from handlers.recaps.held import not_started
from handlers.request_view import offer_fresh_panel
from storage.models import MeetingStatus, Request, Stage, User

router = Router(name=__name__)


def stale_move(t: Translator, request: Request, user: User, target: Stage) -> str | None:
    """What changed since the panel was drawn, if the move no longer applies; else ``None``."""
    if is_final(Stage(request.stage)):
        return t("claims-closed", number=request.id)
    if request.owner_id != user.id:
        return t("claims-not-yours", number=request.id)
    if not can_move(Stage(request.stage), target):
        return t("view-stale-move", number=request.id, stage=stage_label(t, request.stage))
    return None


@router.callback_query(StageButton.filter())
async def stage_pressed(
    query: CallbackQuery,
    callback_data: StageButton,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """Move forward at once; "lost" asks why and "postponed" asks until when.

    A press on an old panel whose move no longer applies says what changed and turns
    that message into the current panel.
    """
    request = await desk.repo.requests.get(callback_data.request)
    if request is None:
        callback_answer.show_alert = True
        callback_answer.text = t("view-not-found", number=callback_data.request)
        return
    stale = stale_move(t, request, user, callback_data.to)
    if stale is not None:
        callback_answer.show_alert = True
        callback_answer.text = stale
        await offer_fresh_panel(desk, query, user, roles, request.id)
        return
    if callback_data.to is Stage.LOST:
        await desk.tell(
            user.id,
            t("claims-lost-ask", number=request.id),
            reply_markup=reasons_keyboard(t, request.id),
        )
        return
    if callback_data.to is Stage.POSTPONED:
        keyboard = days_keyboard(t, request.id, desk.now(), desk.zone_of(user))
        await desk.tell(
            user.id, t("claims-postpone-ask", number=request.id), reply_markup=keyboard
        )
        return
    if callback_data.to in RECORDED_STAGES:
        await lead_into_record(desk, user, t, state, request, callback_data.to)
        return
    await remember_pressed(desk, query, request.id)
    callback_answer.text = await apply_move(desk, t, request, user, callback_data.to, Move())


async def lead_into_record(
    desk: Desk, user: User, t: Translator, state: FSMContext, request: Request, target: Stage
) -> None:
    """A stage that counts meetings is reached through its record, never by a tap.

    "Meeting planned" opens the planner; "meeting held" asks whether the planned meeting
    took place, once it has begun; "recap confirmed" asks for the client's answer to the
    recap.
    """
    if target is Stage.MEETING_PLANNED:
        await start_meeting(desk, user, t, state, request.id)
        return
    meeting = await desk.repo.followups.latest_meeting(request.id)
    if target is Stage.MEETING_HELD:
        if meeting is None or meeting.status != MeetingStatus.PLANNED.value:
            await desk.tell(user.id, t("stages-needs-meeting", number=request.id))
            return
        too_early = not_started(desk, t, user, meeting)
        if too_early is not None:
            await desk.tell(user.id, too_early)
            return
        await desk.tell(
            user.id,
            t("stages-was-it-held", number=request.id),
            reply_markup=held_keyboard(t, meeting.id),
        )
        return
    if meeting is None or meeting.recap_status not in WAITING_FOR_CLIENT:
        await desk.tell(user.id, t("stages-needs-recap", number=request.id))
        return
    await desk.tell(
        user.id,
        t("followups-recap-ask-answer", number=request.id),
        reply_markup=answer_keyboard(t, meeting.id),
    )
