"""Postponing a request to a day: a quick date or a typed one, and its planned return."""

from __future__ import annotations

from datetime import date, datetime, time

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.reminders.engine import ReminderEngine
from bot.services.buttons import PostponeButton
from bot.services.desk import Desk
from bot.services.nurture import plan_return
from bot.services.progress import Move, MoveOutcome, change_stage, outcome_text
from domain.dates import DateProblem, parse_date
from handlers.brief.states import Outcome
from storage.models import Request, Stage, User

router = Router(name=__name__)


def is_ahead(desk: Desk, user: User, day: date) -> bool:
    """A request is postponed only to a day after today in the owner's zone: a typed date
    may be in the past, and a quick date's button may be pressed days after it was drawn.
    The team's zone would be a day off for an owner far from it."""
    return day > desk.now().astimezone(desk.zone_of(user)).date()


def quick_day(value: str) -> date | None:
    """The day a quick date's button carries; ``None`` if it is no date (a forged button)."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


async def ask_for_day(
    desk: Desk, t: Translator, state: FSMContext, user: User, request_id: int
) -> None:
    """Wait for a typed date to postpone the request to."""
    await state.set_state(Outcome.postpone_day)
    await state.update_data(request=request_id)
    await desk.tell(user.id, t("claims-postpone-type-ask", number=request_id))


@router.callback_query(PostponeButton.filter())
async def postpone_pressed(
    query: CallbackQuery,
    callback_data: PostponeButton,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
    callback_answer: CallbackAnswer,
) -> None:
    """A quick date postpones at once; "type a date" waits for one.

    A quick date that is no longer ahead is refused like a typed one, and a date is asked
    for instead.
    """
    request = await desk.owned(callback_data.request, user, t, callback_answer)
    if request is None:
        return
    if not callback_data.day:
        await ask_for_day(desk, t, state, user, request.id)
        return
    day = quick_day(callback_data.day)
    if day is None:
        callback_answer.show_alert = True
        callback_answer.text = t("common-stale-button")
        return
    if not is_ahead(desk, user, day):
        callback_answer.show_alert = True
        callback_answer.text = t("pipeline-postpone-day-passed", day=t.date(day))
        await ask_for_day(desk, t, state, user, request.id)
        return
    callback_answer.text = await postpone(desk, t, reminders, request, user, day)
    if isinstance(query.message, Message):
        await query.message.edit_text(callback_answer.text)


async def postpone(
    desk: Desk,
    t: Translator,
    reminders: ReminderEngine,
    request: Request,
    user: User,
    day: date,
) -> str:
    """Postpone to the start of the working day on ``day`` in the owner's time zone, and
    plan the request's return on that day. The reply names the day, as the owner chose it."""
    start = desk.settings.work_hours.split("-")[0].strip()
    moment = datetime.combine(day, time.fromisoformat(start), tzinfo=desk.zone_of(user))
    outcome = await change_stage(desk, request, user, Stage.POSTPONED, Move(until=moment))
    if outcome is not MoveOutcome.MOVED:
        return outcome_text(t, outcome, request.id, Stage.POSTPONED)
    await plan_return(desk, reminders, request.id, user.id, moment)
    return t("claims-postponed-until", number=request.id, day=t.date(day))


@router.message(Outcome.postpone_day, F.text)
async def postpone_typed(
    message: Message,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
) -> None:
    """A typed date in the future postpones the request; anything else is asked again."""
    data = await state.get_data()
    request = await desk.repo.requests.get(int(data.get("request", 0)))
    if request is None:
        await state.clear()
        await message.answer(t("common-stale-button"))
        return
    day = parse_date(message.text or "", now=desk.now(), tz=desk.zone_of(user))
    if isinstance(day, DateProblem) or not is_ahead(desk, user, day):
        await message.answer(t("claims-postpone-bad-date"))
        return
    await state.clear()
    await message.answer(await postpone(desk, t, reminders, request, user, day))
