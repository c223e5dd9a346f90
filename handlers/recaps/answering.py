"""The client's answer to the recap: confirmed moves the request on, corrections are
asked for and recorded, no answer yet keeps the daily chase going."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.desk import Desk
from bot.services.followup_buttons import RecapAnswer, RecapReply
from bot.services.followup_keyboards import answer_keyboard
from bot.services.followups import typed_words
from bot.services.progress import change_stage
from handlers.recaps.meeting import RECORD, meeting_of
from handlers.recaps.states import TEXT_LIMIT, RecapForm
from storage.models import RecapStatus, Stage, User

router = Router(name=__name__)


@router.callback_query(RecapReply.filter())
async def answer_pressed(
    query: CallbackQuery,
    callback_data: RecapReply,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """Confirmed moves the request on; corrections asks what; no answer keeps the chase."""
    found = await meeting_of(desk, callback_data.meeting, user)
    if found is None:
        callback_answer.show_alert = True
        callback_answer.text = t("common-stale-button")
        return
    meeting, request = found
    answer = callback_data.answer
    if answer is RecapAnswer.CORRECTIONS:
        await state.set_state(RecapForm.corrections)
        await state.set_data({"meeting": meeting.id})
        await desk.tell(user.id, t("followups-recap-ask-corrections"))
        return
    status = RecapStatus(answer.value)
    if not await desk.repo.followups.record_answer(meeting.id, status, desk.now()):
        callback_answer.text = t("followups-recap-already", number=request.id)
        return
    await desk.repo.events.add(
        kind=f"request.recap_{answer.value}",
        actor_id=user.id,
        request_id=request.id,
        data={"meeting": meeting.id},
    )
    if answer is RecapAnswer.CONFIRMED and request.owner_id is not None:
        owner = (
            user if user.id == request.owner_id else await desk.repo.users.get(request.owner_id)
        )
        if owner is not None:
            await change_stage(desk, request, owner, Stage.RECAP_CONFIRMED, RECORD)
    callback_answer.text = t(f"followups-recap-recorded-{answer.value.replace('_', '-')}")
    if isinstance(query.message, Message):
        await query.message.edit_text(callback_answer.text)


@router.message(RecapForm.corrections, F.text)
async def corrections_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    """What the client wants corrected; the chase goes on until they confirm."""
    text = await typed_words(message, t, TEXT_LIMIT)
    if text is None:
        return
    data = await state.get_data()
    await state.clear()
    meeting_id = int(data.get("meeting", 0))
    found = await meeting_of(desk, meeting_id, user)
    if found is None or not await desk.repo.followups.record_answer(
        meeting_id, RecapStatus.CORRECTIONS, desk.now(), corrections=text
    ):
        await message.answer(t("common-stale-button"))
        return
    await desk.repo.events.add(
        kind="request.recap_corrections",
        actor_id=user.id,
        request_id=found[1].id,
        data={"meeting": meeting_id, "corrections": text},
    )
    await message.answer(
        t("followups-recap-corrections-saved", text=text),
        reply_markup=answer_keyboard(t, meeting_id),
    )
