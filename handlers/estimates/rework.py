"""The owner sends a delivered estimate back with a reason, under a fresh deadline."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.reminders.engine import ReminderEngine
from bot.services.desk import Desk, work_refusal
from bot.services.estimate_buttons import EstimateRework, deliver_keyboard
from bot.services.estimate_deadlines import plan_deadline
from bot.services.estimates import default_days, default_due
from bot.services.followups import typed_within
from bot.services.request_view import refresh_views
from handlers.estimates.states import TEXT_LIMIT, EstimateForm
from storage.models import EstimateStatus, User

router = Router(name=__name__)


@router.callback_query(EstimateRework.filter())
async def rework_pressed(
    query: CallbackQuery,
    callback_data: EstimateRework,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """Only the request's owner now may send it back, and only while the request is open."""
    estimate = await desk.repo.process.estimate(callback_data.estimate)
    if estimate is None:
        callback_answer.show_alert, callback_answer.text = True, t("common-stale-button")
        return
    refusal = work_refusal(await desk.repo.requests.get(estimate.request_id), user)
    if refusal is not None:
        callback_answer.show_alert = True
        callback_answer.text = t(refusal, number=estimate.request_id)
        return
    if estimate.status != EstimateStatus.DELIVERED.value:
        callback_answer.text = t("estimates-already", number=estimate.request_id)
        return
    await state.set_state(EstimateForm.rework)
    await state.set_data({"estimate": estimate.id})
    await desk.tell(user.id, t("estimates-ask-rework", number=estimate.request_id))


@router.message(EstimateForm.rework, F.text)
async def rework_typed(
    message: Message,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
) -> None:
    """Back to the estimator with the reason and a fresh deadline by the regulation."""
    data = await state.get_data()
    reason = await typed_within(message, t, TEXT_LIMIT)
    if reason is None:
        return
    if not reason:
        await message.answer(await rework_question(desk, t, state))
        return
    await state.clear()
    estimate = await desk.repo.process.estimate(int(data.get("estimate", 0)))
    request = await desk.repo.requests.get(estimate.request_id) if estimate else None
    if estimate is None or request is None:
        await message.answer(t("common-stale-button"))
        return
    refusal = work_refusal(request, user)
    if refusal is not None:
        await message.answer(t(refusal, number=request.id))
        return
    due_at = default_due(desk, default_days(desk, request))
    if not await desk.repo.process.change_estimate(
        estimate.id,
        from_=[EstimateStatus.DELIVERED],
        status=EstimateStatus.REWORK.value,
        reason=reason,
        due_at=due_at,
    ):
        await message.answer(t("estimates-already", number=estimate.request_id))
        return
    await desk.repo.events.add(
        kind="estimate.rework_requested",
        actor_id=user.id,
        request_id=estimate.request_id,
        data={"estimate_id": estimate.id, "reason": reason},
    )
    fresh = await desk.repo.process.estimate(estimate.id)
    if fresh is not None:
        await plan_deadline(desk, reminders, fresh)
    await refresh_views(desk, estimate.request_id)
    estimator = await desk.repo.users.get(estimate.estimator_id)
    if estimator is not None:
        et = desk.t_for(estimator)
        await desk.notify(
            estimator.id,
            et(
                "estimates-rework-brief",
                number=estimate.request_id,
                reason=reason,
                due=et.datetime(due_at.astimezone(desk.zone_of(estimator))),
            ),
            reply_markup=deliver_keyboard(et, estimate.id),
        )
    await message.answer(t("estimates-rework-sent", number=estimate.request_id))


async def rework_question(desk: Desk, t: Translator, state: FSMContext) -> str:
    """The rework question again, naming its request: the state keeps only the estimate."""
    data = await state.get_data()
    estimate = await desk.repo.process.estimate(int(data.get("estimate", 0)))
    if estimate is None:
        return t("common-stale-button")
    return t("estimates-ask-rework", number=estimate.request_id)
