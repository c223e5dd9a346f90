"""The owner asks for an estimate: who estimates it, what is to be estimated, by when."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.reminders.engine import ReminderEngine
from bot.services.desk import Desk, display_name, work_refusal
from bot.services.estimate_buttons import ANYONE, EstimateDefault, EstimateNew, EstimatePick
from bot.services.estimates import (
    ask_estimate,
    default_days,
    default_due,
    eligible_estimators,
    least_busy,
)
from bot.services.followup_keyboards import people_buttons
from bot.services.followups import read_future_moment, typed_within
from bot.services.request_view import refresh_views
from handlers.estimates.states import TEXT_LIMIT, EstimateForm
from storage.models import User

router = Router(name=__name__)


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
    scope = await typed_within(message, t, TEXT_LIMIT)
    if scope is None:
        return
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
