"""The brief's buttons in private: stages, lost with a reason, postponed to a date, release.

Also the manager's pick of an expert for a reassignment, which arrives in private too.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.reminders.engine import ReminderEngine
from bot.services.buttons import (
    AssignButton,
    LostButton,
    LostReason,
    PostponeButton,
    ReleaseButton,
    StageButton,
)
from bot.services.card_text import lost_reason_text, stage_label
from bot.services.claims import Assigned, assign, refusal_for, refusal_text, release
from bot.services.desk import Desk, display_name, plain
from bot.services.meetings import WAITING_FOR_CLIENT, answer_keyboard, held_keyboard
from bot.services.pipeline import plan_return
from bot.services.progress import Move, MoveOutcome, change_stage, outcome_text
from bot.services.stages import can_move
from domain.dates import DateProblem, parse_date, quick_dates
from domain.stages import RECORDED_STAGES
from handlers.meetings import start_meeting
from handlers.recaps import not_started
from handlers.request_view import offer_fresh_panel
from storage.models import MeetingStatus, Request, Role, Stage, User

router = Router(name=__name__)

MANAGING_ROLES = frozenset({Role.MANAGER, Role.ADMIN})
REASON_LIMIT = 500


class Outcome(StatesGroup):
    """Typed answers the brief may wait for."""

    lost_reason = State()
    postpone_day = State()


def reasons_keyboard(t: Translator, request_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    for reason in LostReason:
        builder.button(
            text=t(f"claims-lost-{reason.value}"),
            callback_data=LostButton(request=request_id, reason=reason),
        )
    builder.adjust(2)
    return builder.as_markup()


def days_keyboard(
    t: Translator, request_id: int, now: datetime, zone: ZoneInfo
) -> InlineKeyboardMarkup:
    """Tomorrow, next week, or a typed date: the days are the owner's, in ``zone``, since
    the request comes back at the start of the owner's working day."""
    builder = InlineKeyboard()
    for quick in quick_dates(now=now, tz=zone)[1:]:
        builder.button(
            text=t(quick.message_id),
            callback_data=PostponeButton(request=request_id, day=quick.value.isoformat()),
        )
    builder.button(
        text=t("claims-postpone-type"), callback_data=PostponeButton(request=request_id)
    )
    builder.adjust(2, 1)
    return builder.as_markup()


async def apply_move(
    desk: Desk, t: Translator, request: Request, user: User, target: Stage, move: Move
) -> str:
    """Move the request and return the text to show the owner."""
    outcome = await change_stage(desk, request, user, target, move)
    return outcome_text(t, outcome, request.id, target)


async def remember_pressed(desk: Desk, query: CallbackQuery, request_id: int) -> None:
    """A panel's button was pressed: that message is now the panel to keep current."""
    if isinstance(query.message, Message):
        await desk.repo.workspace.remember_view(
            request_id=request_id,
            user_id=query.from_user.id,
            chat_id=query.message.chat.id,
            message_id=query.message.message_id,
        )


def stale_move(t: Translator, request: Request, user: User, target: Stage) -> str | None:
    """What changed since the panel was drawn, if the move no longer applies; else ``None``."""
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


@router.callback_query(LostButton.filter())
async def lost_reason_pressed(
    query: CallbackQuery,
    callback_data: LostButton,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """A reason from the list closes the request as lost; "other" asks to type it.

    The request keeps the reason's code, not the owner's words for it, so that every
    reader sees it in their own language and reports count it once.
    """
    request = await desk.owned(callback_data.request, user, t, callback_answer)
    if request is None:
        return
    if callback_data.reason is LostReason.OTHER:
        await state.set_state(Outcome.lost_reason)
        await state.update_data(request=request.id)
        await desk.tell(user.id, t("claims-lost-type", number=request.id))
        return
    code = callback_data.reason.value
    move = Move(reason=lost_reason_text(desk.team_t, code), lost_reason=code)
    callback_answer.text = await apply_move(desk, t, request, user, Stage.LOST, move)
    if isinstance(query.message, Message):
        await query.message.edit_text(callback_answer.text)


@router.message(Outcome.lost_reason, F.text)
async def lost_reason_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    """A typed reason closes the request as lost."""
    data = await state.get_data()
    await state.clear()
    request = await desk.repo.requests.get(int(data.get("request", 0)))
    text = (message.text or "").strip()[:REASON_LIMIT]
    if request is None or not text:
        await message.answer(t("claims-not-yours", number=data.get("request", 0)))
        return
    await message.answer(await apply_move(desk, t, request, user, Stage.LOST, Move(reason=text)))


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


@router.callback_query(ReleaseButton.filter())
async def release_pressed(
    query: CallbackQuery,
    callback_data: ReleaseButton,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """Give the request back; the card opens again, the group is told, the panel follows."""
    request = await desk.repo.requests.get(callback_data.request)
    if request is not None and request.owner_id == user.id:
        await remember_pressed(desk, query, request.id)
    if request is None or not await release(desk, request, user):
        callback_answer.show_alert = True
        callback_answer.text = t("claims-not-yours", number=callback_data.request)
        if request is not None:
            await offer_fresh_panel(desk, query, user, roles, request.id)
        return
    callback_answer.text = t("claims-released", number=request.id)


@router.callback_query(AssignButton.filter())
async def assign_pressed(
    query: CallbackQuery,
    callback_data: AssignButton,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """A manager's choice of expert: the request, its card and its brief move to them."""
    callback_answer.text = await assign_by_manager(
        desk, t, callback_data.request, callback_data.user, user, roles
    )
    if isinstance(query.message, Message):
        await query.message.edit_text(callback_answer.text)


async def assign_by_manager(
    desk: Desk,
    t: Translator,
    request_id: int,
    expert_id: int,
    manager: User,
    roles: frozenset[str],
) -> str:
    """Shared by the button and /assign: checks, assigns, and says what happened."""
    if not roles & MANAGING_ROLES:
        return t("claims-managers-only")
    request = await desk.repo.requests.get(request_id)
    expert = await desk.repo.users.get(expert_id)
    if request is None:
        return t("claims-no-request", number=request_id)
    if expert is None:
        return t("claims-unknown-person")
    expert_roles = frozenset(str(role) for role in expert.roles)
    refusal = await refusal_for(desk, expert, expert_roles, request)
    if refusal is not None:
        return t(
            "claims-cannot-assign",
            name=plain(display_name(expert)),
            why=plain(refusal_text(desk, manager, refusal)),
        )
    if expert.is_blocked:
        return t("claims-assign-blocked", name=display_name(expert))
    assigned = await assign(desk, request, expert, by=manager)
    if assigned is Assigned.UNCHANGED:
        return t("claims-assign-unchanged", number=request.id)
    done = t("claims-assigned", number=request.id, name=display_name(expert))
    if assigned is Assigned.UNDELIVERED:
        return done + "\n" + t("claims-assigned-undelivered", name=display_name(expert))
    return done
