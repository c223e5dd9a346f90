"""The estimator accepts the ask, or declines it with a reason the owner hears."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.desk import Desk
from bot.services.estimate_buttons import EstimateReply, deliver_keyboard
from bot.services.followups import typed_within
from handlers.estimates.estimator import closed, estimate_for, tell_owner
from handlers.estimates.states import TEXT_LIMIT, EstimateForm
from storage.models import EstimateStatus, User
from storage.repositories.process import OPEN_ESTIMATES

router = Router(name=__name__)


@router.callback_query(EstimateReply.filter())
async def reply_pressed(
    query: CallbackQuery,
    callback_data: EstimateReply,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """Accept: the owner hears it and the deliver button comes. Decline: why?"""
    estimate = await estimate_for(desk, callback_data.estimate, user, t, callback_answer)
    if estimate is None:
        return
    if not callback_data.accept:
        if estimate.status not in OPEN_ESTIMATES:
            callback_answer.text = t("estimates-already", number=estimate.request_id)
            return
        await state.set_state(EstimateForm.decline)
        await state.set_data({"estimate": estimate.id})
        await desk.tell(user.id, t("estimates-ask-decline", number=estimate.request_id))
        return
    accepted = await desk.repo.process.change_estimate(
        estimate.id, from_=[EstimateStatus.REQUESTED], status=EstimateStatus.ACCEPTED.value
    )
    if not accepted:
        callback_answer.text = t("estimates-already", number=estimate.request_id)
        return
    await desk.repo.events.add(
        kind="estimate.accepted",
        actor_id=user.id,
        request_id=estimate.request_id,
        data={"estimate_id": estimate.id},
    )
    await tell_owner(desk, estimate, "estimates-told-accepted")
    callback_answer.text = t("estimates-accepted", number=estimate.request_id)
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=deliver_keyboard(t, estimate.id))


@router.message(EstimateForm.decline, F.text)
async def decline_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    data = await state.get_data()
    reason = await typed_within(message, t, TEXT_LIMIT)
    if reason is None:
        return
    if not reason:
        await message.answer(t("estimates-ask-decline-again"))
        return
    await state.clear()
    estimate = await desk.repo.process.estimate(int(data.get("estimate", 0)))
    if estimate is not None and await closed(desk, estimate):
        await message.answer(t("claims-closed", number=estimate.request_id))
        return
    declined = estimate is not None and await desk.repo.process.change_estimate(
        estimate.id,
        from_=[EstimateStatus(s) for s in OPEN_ESTIMATES],
        status=EstimateStatus.DECLINED.value,
        reason=reason,
    )
    if estimate is None or not declined:
        await message.answer(t("common-stale-button"))
        return
    await desk.repo.events.add(
        kind="estimate.declined",
        actor_id=user.id,
        request_id=estimate.request_id,
        data={"estimate_id": estimate.id, "reason": reason},
    )
    await tell_owner(desk, estimate, "estimates-told-declined", reason=reason)
    await message.answer(t("estimates-declined", number=estimate.request_id))
