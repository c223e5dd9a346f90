"""A next step written from the brief: what (a preset or typed), then by when.

A quick deadline button saves it; "another time" waits for a typed date in the person's
zone. The same "when" question moves a step that already exists (``buttons.py``).
"""

from __future__ import annotations

from datetime import datetime

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.reminders.engine import ReminderEngine
from bot.services.desk import Desk, work_refusal
from bot.services.followup_buttons import StepNew, StepWhat, StepWhen
from bot.services.followup_keyboards import presets_keyboard, saved_keyboard, step_when_keyboard
from bot.services.followups import plan_step, pressed_moment, read_future_moment, typed_within
from bot.services.request_view import refresh_views
from domain.stages import is_final
from storage.models import NextStep, Request, Stage, User

router = Router(name=__name__)

TEXT_LIMIT = 500


class StepForm(StatesGroup):
    """A next step being written: what to do, then when (also when moving one)."""

    what = State()
    when = State()


@router.callback_query(StepNew.filter())
async def new_step(
    query: CallbackQuery,
    callback_data: StepNew,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """Ask what the next step is: a preset, or typed."""
    request = await desk.owned(callback_data.request, user, t, callback_answer)
    if request is None:
        return
    await state.set_state(StepForm.what)
    await state.set_data({"request": request.id})
    await desk.tell(
        user.id,
        t("followups-step-ask-what", number=request.id),
        reply_markup=presets_keyboard(t, request.id),
    )


async def _ask_when(
    desk: Desk, user: User, t: Translator, state: FSMContext, engine: ReminderEngine, text: str
) -> None:
    data = await state.get_data()
    await state.set_state(StepForm.when)
    await state.update_data(text=text, step=0)
    keyboard = step_when_keyboard(
        t,
        request_id=int(data["request"]),
        step_id=0,
        now=desk.now(),
        zone=engine.windows.zone_of(user),
    )
    await desk.tell(user.id, t("followups-step-ask-when", text=text), reply_markup=keyboard)


@router.callback_query(StepForm.what, StepWhat.filter())
async def preset_chosen(
    query: CallbackQuery,
    callback_data: StepWhat,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
    callback_answer: CallbackAnswer,
) -> None:
    """A preset is the step's text; next, when."""
    if (await state.get_data()).get("request") != callback_data.request:
        callback_answer.show_alert = True
        callback_answer.text = t("common-stale-button")
        return
    text = t(f"followups-preset-{callback_data.preset.value}")
    await _ask_when(desk, user, t, state, reminders, text)


@router.message(StepForm.what, F.text)
async def what_typed(
    message: Message,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
) -> None:
    """A typed step; next, when."""
    text = await typed_within(message, t, TEXT_LIMIT)
    if text is None:
        return
    if not text or text.startswith("/"):
        await message.answer(t("followups-step-what-again"))
        return
    await _ask_when(desk, user, t, state, reminders, text)


@router.message(StepForm.what)
async def what_wrong(message: Message, t: Translator) -> None:
    """A photo or a sticker where the step's text was expected."""
    await message.answer(t("followups-step-what-again"))


async def _save(
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    engine: ReminderEngine,
    due_at: datetime,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Create the step (or move the one being rescheduled) and plan its reminders.

    Returns the confirmation and, for a new step, the button to hand it to someone else.
    """
    data = await state.get_data()
    await state.clear()
    request = await desk.repo.requests.get(int(data.get("request", 0)))
    if request is None:
        return t("common-stale-button"), None
    if is_final(Stage(request.stage)):
        # Closing cancelled its steps: a new time for one is refused for that reason.
        return t("claims-closed", number=request.id), None
    step_id = int(data.get("step", 0))
    when = t.datetime(due_at.astimezone(engine.windows.zone_of(user)))
    if step_id:
        step = await desk.repo.followups.step(step_id)
        if step is None or not await desk.repo.followups.move_step(step_id, due_at):
            return t("common-stale-button"), None
        await desk.repo.session.refresh(step)
        await plan_step(desk.repo, engine, desk.settings, step, owner_id=owner_of(request, step))
        await refresh_views(desk, request.id)
        return t("followups-step-moved", number=request.id, text=step.text, when=when), None
    refusal = work_refusal(request, user)
    if refusal is not None:
        return t(refusal, number=request.id), None
    step = await desk.repo.followups.add_step(
        request_id=request.id,
        text=str(data.get("text", "")),
        due_at=due_at,
        assignee_id=user.id,
        created_by=user.id,
    )
    await desk.repo.events.add(
        kind="request.step_added",
        actor_id=user.id,
        request_id=request.id,
        data={"step": step.id, "due": due_at.isoformat()},
    )
    await plan_step(desk.repo, engine, desk.settings, step, owner_id=owner_of(request, step))
    await refresh_views(desk, request.id)
    text = t("followups-step-saved", number=request.id, text=step.text, when=when)
    return text, saved_keyboard(t, step.id)


def owner_of(request: Request, step: NextStep) -> int:
    """Whose step it is for reminders: the request's owner, else whoever wrote it."""
    return request.owner_id or step.created_by


@router.callback_query(StepWhen.filter())
async def when_chosen(
    query: CallbackQuery,
    callback_data: StepWhen,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
    callback_answer: CallbackAnswer,
) -> None:
    """A quick deadline saves the step; "another time" waits for a typed one."""
    data = await state.get_data()
    if await state.get_state() != StepForm.when.state or data.get("request") != (
        callback_data.request
    ):
        callback_answer.show_alert = True
        callback_answer.text = t("common-stale-button")
        return
    zone = reminders.windows.zone_of(user)
    moment = await pressed_moment(desk, user, t, callback_data.slot, zone=zone)
    if moment is None:
        return
    text, keyboard = await _save(desk, user, t, state, reminders, moment)
    if isinstance(query.message, Message):
        await query.message.edit_text(text, reply_markup=keyboard)


@router.message(StepForm.when, F.text)
async def when_typed(
    message: Message,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
) -> None:
    """A typed date and time ("завтра 16:00") in the person's zone, in the future."""
    zone = reminders.windows.zone_of(user)
    moment = await read_future_moment(message, t, now=desk.now(), zone=zone)
    if moment is None:
        return
    text, keyboard = await _save(desk, user, t, state, reminders, moment)
    await message.answer(text, reply_markup=keyboard)


@router.message(StepForm.when)
async def when_wrong(message: Message, t: Translator) -> None:
    """Anything but text where a date was expected."""
    await message.answer(t("followups-step-type-when"))
