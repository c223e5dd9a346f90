"""Asking for an estimate from the brief; the estimator's answer, delivery and rework."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.reminders.engine import ReminderEngine
from bot.services.cards import send_attachments
from bot.services.desk import Desk, display_name, work_refusal
from bot.services.estimates import (
    ANYONE,
    EstimateDefault,
    EstimateDeliver,
    EstimateFile,
    EstimateNew,
    EstimatePick,
    EstimateReply,
    EstimateRework,
    ask_estimate,
    default_days,
    default_due,
    deliver_keyboard,
    delivered_keyboard,
    eligible_estimators,
    least_busy,
    plan_deadline,
)
from bot.services.followup_keyboards import people_buttons
from bot.services.followups import read_future_moment
from bot.services.request_view import refresh_views
from bot.services.steering import is_manager
from storage.models import AttachmentKind, Estimate, EstimateStatus, User
from storage.repositories.process import OPEN_ESTIMATES

router = Router(name=__name__)

TEXT_LIMIT = 1000
SUMMARY_LIMIT = 300


class EstimateForm(StatesGroup):
    """The owner's ask and the estimator's answers, one question at a time."""

    scope = State()
    due = State()
    decline = State()
    file = State()
    summary = State()
    rework = State()


@router.callback_query(EstimateNew.filter())
async def new_pressed(
    query: CallbackQuery,
    callback_data: EstimateNew,
    desk: Desk,
    user: User,
    t: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """Estimators with the form's competences, and "whoever is free"."""
    request = await desk.owned(callback_data.request, user, t, callback_answer)
    if request is None:
        return
    people = await eligible_estimators(desk, request)
    if not people:
        callback_answer.show_alert, callback_answer.text = True, t("estimates-nobody")
        return
    builder = people_buttons(people, EstimatePick, request=request.id)
    anyone = InlineKeyboard()
    anyone.button(
        text=t("estimates-anyone"), callback_data=EstimatePick(request=request.id, user=ANYONE)
    )
    builder.attach(anyone)
    await desk.tell(
        user.id, t("estimates-pick", number=request.id), reply_markup=builder.as_markup()
    )


@router.callback_query(EstimatePick.filter())
async def estimator_picked(
    query: CallbackQuery,
    callback_data: EstimatePick,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """The estimator (round-robin for "whoever is free"); then what is to be estimated."""
    request = await desk.owned(callback_data.request, user, t, callback_answer)
    if request is None:
        return
    people = await eligible_estimators(desk, request)
    if callback_data.user == ANYONE:
        chosen = await least_busy(desk, people)
    else:
        chosen = next((p for p in people if p.id == callback_data.user), None)
    if chosen is None:
        callback_answer.show_alert, callback_answer.text = True, t("estimates-nobody")
        return
    await state.set_state(EstimateForm.scope)
    await state.set_data({"request": request.id, "estimator": chosen.id})
    await desk.tell(
        user.id, t("estimates-ask-scope", number=request.id, estimator=display_name(chosen))
    )


@router.message(EstimateForm.scope, F.text)
async def scope_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    """What to estimate; then by when, the form's regulation offered as one button."""
    scope = (message.text or "").strip()[:TEXT_LIMIT]
    data = await state.get_data()
    request = await desk.repo.requests.get(int(data.get("request", 0)))
    if request is None or not scope:
        await message.answer(t("estimates-ask-scope-again"))
        return
    await state.update_data(scope=scope)
    await state.set_state(EstimateForm.due)
    days = default_days(desk, request)
    builder = InlineKeyboard()
    builder.button(
        text=t(
            "estimates-default-due",
            days=days,
            due=t.datetime(default_due(desk, days).astimezone(desk.zone_of(user))),
        ),
        callback_data=EstimateDefault(days=days),
    )
    await message.answer(t("estimates-ask-due"), reply_markup=builder.as_markup())


@router.callback_query(EstimateForm.due, EstimateDefault.filter())
async def default_due_pressed(
    query: CallbackQuery,
    callback_data: EstimateDefault,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
) -> None:
    await _ask(desk, user, t, state, reminders, default_due(desk, callback_data.days))


@router.message(EstimateForm.due, F.text)
async def due_typed(
    message: Message,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
) -> None:
    zone = reminders.windows.zone_of(user)
    moment = await read_future_moment(message, t, now=desk.now(), zone=zone)
    if moment is not None:
        await _ask(desk, user, t, state, reminders, moment.astimezone(UTC))


async def _ask(
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
    due_at: datetime,
) -> None:
    data = await state.get_data()
    await state.clear()
    request = await desk.repo.requests.get(int(data.get("request", 0)))
    estimator = await desk.repo.users.get(int(data.get("estimator", 0)))
    refusal = work_refusal(request, user)
    if request is None or estimator is None or refusal is not None:
        refusal = refusal or "claims-not-yours"
        await desk.tell(user.id, t(refusal, number=data.get("request", 0)))
        return
    await ask_estimate(desk, reminders, request, user, estimator, str(data["scope"]), due_at)
    await refresh_views(desk, request.id)
    await desk.tell(
        user.id,
        t(
            "estimates-asked",
            number=request.id,
            estimator=display_name(estimator),
            due=t.datetime(due_at.astimezone(desk.zone_of(user))),
        ),
    )


async def _estimate_for(
    desk: Desk, estimate_id: int, user: User, t: Translator, answer: CallbackAnswer
) -> Estimate | None:
    """The estimate if ``user`` is its estimator and its request is open; otherwise an
    alert. The estimator's buttons outlive the request, which may have closed since."""
    estimate = await desk.repo.process.estimate(estimate_id)
    if estimate is None or estimate.estimator_id != user.id:
        answer.show_alert, answer.text = True, t("common-stale-button")
        return None
    if await _closed(desk, estimate):
        answer.show_alert, answer.text = True, t("claims-closed", number=estimate.request_id)
        return None
    return estimate


async def _closed(desk: Desk, estimate: Estimate) -> bool:
    """Whether the estimate ended with its request: cancelled when the request closed, or
    the request closed now (a reopened request does not revive a cancelled estimate)."""
    return estimate.status == EstimateStatus.CANCELLED.value or await desk.closed(
        estimate.request_id
    )


async def _tell_owner(desk: Desk, estimate: Estimate, key: str, **values: str) -> None:
    """The request's owner now (not whoever asked: it may have changed hands) hears of the
    estimate's change, and the request's open panels show it."""
    await refresh_views(desk, estimate.request_id)
    request = await desk.repo.requests.get(estimate.request_id)
    owner = await desk.repo.users.get(request.owner_id) if request and request.owner_id else None
    estimator = await desk.repo.users.get(estimate.estimator_id)
    if owner is None:
        return
    t = desk.t_for(owner)
    keyboard = delivered_keyboard(t, estimate.id) if key == "estimates-told-delivered" else None
    await desk.notify(
        owner.id,
        t(key, number=estimate.request_id, estimator=display_name(estimator), **values),
        reply_markup=keyboard,
    )


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
    estimate = await _estimate_for(desk, callback_data.estimate, user, t, callback_answer)
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
    await _tell_owner(desk, estimate, "estimates-told-accepted")
    callback_answer.text = t("estimates-accepted", number=estimate.request_id)
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=deliver_keyboard(t, estimate.id))


@router.message(EstimateForm.decline, F.text)
async def decline_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    data = await state.get_data()
    reason = (message.text or "").strip()[:TEXT_LIMIT]
    if not reason:
        await message.answer(t("estimates-ask-decline-again"))
        return
    await state.clear()
    estimate = await desk.repo.process.estimate(int(data.get("estimate", 0)))
    if estimate is not None and await _closed(desk, estimate):
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
    await _tell_owner(desk, estimate, "estimates-told-declined", reason=reason)
    await message.answer(t("estimates-declined", number=estimate.request_id))


@router.callback_query(EstimateDeliver.filter())
async def deliver_pressed(
    query: CallbackQuery,
    callback_data: EstimateDeliver,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    estimate = await _estimate_for(desk, callback_data.estimate, user, t, callback_answer)
    if estimate is None:
        return
    if estimate.status not in OPEN_ESTIMATES:
        callback_answer.text = t("estimates-already", number=estimate.request_id)
        return
    await state.set_state(EstimateForm.file)
    await state.set_data({"estimate": estimate.id})
    await desk.tell(user.id, t("estimates-ask-file", number=estimate.request_id))


@router.message(EstimateForm.file, F.document | F.photo)
async def file_sent(message: Message, t: Translator, state: FSMContext) -> None:
    """The estimate's file; then its one-line summary."""
    if message.document is not None:
        document = message.document
        file = {
            "kind": AttachmentKind.DOCUMENT.value,
            "id": document.file_id,
            "unique": document.file_unique_id,
            "name": document.file_name,
        }
    else:
        photo = (message.photo or [])[-1]
        file = {
            "kind": AttachmentKind.PHOTO.value,
            "id": photo.file_id,
            "unique": photo.file_unique_id,
            "name": None,
        }
    await state.update_data(file=file)
    await state.set_state(EstimateForm.summary)
    await message.answer(t("estimates-ask-summary"))


@router.message(EstimateForm.summary, F.text)
async def summary_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    """Delivered: the file joins the request's files, on time or not is recorded."""
    data = await state.get_data()
    summary = (message.text or "").strip()
    if not summary or len(summary) > SUMMARY_LIMIT or "\n" in summary:
        await message.answer(t("estimates-ask-summary-again", limit=SUMMARY_LIMIT))
        return
    await state.clear()
    estimate = await desk.repo.process.estimate(int(data.get("estimate", 0)))
    if estimate is None or estimate.estimator_id != user.id:
        await message.answer(t("common-stale-button"))
        return
    if await _closed(desk, estimate):
        await message.answer(t("claims-closed", number=estimate.request_id))
        return
    file = data["file"]
    attachment = await desk.repo.process.add_file(
        estimate.request_id,
        kind=AttachmentKind(file["kind"]),
        file_id=str(file["id"]),
        file_unique_id=str(file["unique"]),
        file_name=file.get("name"),
    )
    now = desk.now()
    on_time = now <= estimate.due_at
    delivered = await desk.repo.process.change_estimate(
        estimate.id,
        from_=[EstimateStatus(s) for s in OPEN_ESTIMATES],
        status=EstimateStatus.DELIVERED.value,
        summary=summary,
        attachment_id=attachment.id,
        delivered_at=now,
        on_time=on_time,
    )
    if not delivered:
        await message.answer(t("estimates-already", number=estimate.request_id))
        return
    await desk.repo.events.add(
        kind="estimate.delivered",
        actor_id=user.id,
        request_id=estimate.request_id,
        data={"estimate_id": estimate.id, "on_time": on_time, "summary": summary},
    )
    verdict = t("estimates-on-time" if on_time else "estimates-late")
    await _tell_owner(desk, estimate, "estimates-told-delivered", summary=summary, verdict=verdict)
    await message.answer(t("estimates-delivered", number=estimate.request_id, verdict=verdict))


@router.callback_query(EstimateFile.filter())
async def file_pressed(
    query: CallbackQuery,
    callback_data: EstimateFile,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """The delivered file, to the owner, the estimator or a manager."""
    estimate = await desk.repo.process.estimate(callback_data.estimate)
    request = await desk.repo.requests.get(estimate.request_id) if estimate else None
    allowed = estimate is not None and (
        user.id in {request.owner_id if request else None, estimate.estimator_id}
        or is_manager(roles)
    )
    attachment = (
        await desk.repo.process.file(estimate.attachment_id)
        if estimate is not None and estimate.attachment_id and allowed
        else None
    )
    if attachment is None:
        callback_answer.show_alert, callback_answer.text = True, t("common-stale-button")
        return
    await send_attachments(desk, user.id, [attachment])


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
    reason = (message.text or "").strip()[:TEXT_LIMIT]
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


_ASK = {
    EstimateForm.scope.state: "estimates-ask-scope-again",
    EstimateForm.due.state: "followups-step-type-when",
    EstimateForm.decline.state: "estimates-ask-decline-again",
    EstimateForm.file.state: "estimates-ask-file-again",
    EstimateForm.summary.state: "estimates-ask-summary-again",
}


@router.message(StateFilter(EstimateForm))
async def not_an_answer(message: Message, desk: Desk, t: Translator, state: FSMContext) -> None:
    """Anything that does not answer the current question: ask it again."""
    current = await state.get_state() or ""
    if current == EstimateForm.rework.state:
        await message.answer(await rework_question(desk, t, state))
        return
    await message.answer(t(_ASK.get(current, "estimates-ask-file-again"), limit=SUMMARY_LIMIT))
