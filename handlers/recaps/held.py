"""Whether a meeting took place: held moves the request on and asks for the recap, not
held cancels the meeting and sends the request back to taken.

Only a meeting that has begun can be answered for; ``not_started`` says so elsewhere too.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.desk import Desk
from bot.services.followup_buttons import MeetingHeld
from bot.services.progress import change_stage
from handlers.recaps.meeting import RECORD, meeting_of
from handlers.recaps.states import RecapForm
from storage.models import Meeting, MeetingStatus, Request, Stage, User

router = Router(name=__name__)


def not_started(desk: Desk, t: Translator, user: User, meeting: Meeting) -> str | None:
    """Why it is too early to say whether ``meeting`` took place, or ``None`` once it began.

    Only a meeting that has begun can have been held or missed: the panel's button may be
    pressed the day before, and an end-of-meeting question may outlive a reschedule.
    """
    if meeting.starts_at <= desk.now():
        return None
    when = t.datetime(meeting.starts_at.astimezone(desk.zone_of(user)))
    return t("followups-meeting-not-yet", number=meeting.request_id, when=when)


@router.callback_query(MeetingHeld.filter())
async def held_pressed(
    query: CallbackQuery,
    callback_data: MeetingHeld,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """Held: the stage moves on and the recap is asked for. Not held: back to taken.

    A question already answered, or asked about a meeting that has not begun (it was
    moved meanwhile), changes nothing and says why.
    """
    found = await meeting_of(desk, callback_data.meeting, user)
    if found is None:
        callback_answer.show_alert = True
        callback_answer.text = t("common-stale-button")
        return
    meeting, request = found
    if meeting.status != MeetingStatus.PLANNED.value:
        callback_answer.text = t("followups-meeting-answered", number=request.id)
        return
    too_early = not_started(desk, t, user, meeting)
    if too_early is not None:
        callback_answer.show_alert = True
        callback_answer.text = too_early
        return
    if not callback_data.held:
        await _not_held(desk, query, t, user, request, meeting, callback_answer)
        return
    if not await desk.repo.followups.mark_held(meeting.id):
        callback_answer.text = t("followups-meeting-answered", number=request.id)
        return
    await desk.repo.events.add(
        kind="request.meeting_held",
        actor_id=user.id,
        request_id=request.id,
        data={"meeting": meeting.id},
    )
    await change_stage(desk, request, user, Stage.MEETING_HELD, RECORD)
    await state.set_state(RecapForm.discussed)
    await state.set_data({"meeting": meeting.id, "steps": []})
    await desk.tell(user.id, t("followups-recap-ask-discussed", number=request.id))


async def _not_held(
    desk: Desk,
    query: CallbackQuery,
    t: Translator,
    user: User,
    request: Request,
    meeting: Meeting,
    callback_answer: CallbackAnswer,
) -> None:
    """The meeting did not take place: cancelled, and the request back to taken.

    Cancelling is conditional on the meeting still being planned, so a press that loses
    the race with "held" only says the question was answered.
    """
    if not await desk.repo.followups.cancel_meeting(meeting.id):
        callback_answer.text = t("followups-meeting-answered", number=request.id)
        return
    await change_stage(desk, request, user, Stage.TAKEN, RECORD)
    callback_answer.text = t("followups-meeting-not-held", number=request.id)
    if isinstance(query.message, Message):
        await query.message.edit_text(callback_answer.text)
