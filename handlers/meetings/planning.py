"""The planner's questions: when, how long, where, who, both goals, who leads.

The goals are asked like every other answer but cannot be skipped (``read_goal``); the whole
meeting is then shown to check before it is saved (``saving.py``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.reminders.engine import ReminderEngine
from bot.services.card_text import owner_zone, stage_summary
from bot.services.desk import Desk, display_name
from bot.services.followup_buttons import (
    MeetingLength,
    MeetingModerator,
    MeetingNew,
    MeetingPick,
    MeetingWhen,
)
from bot.services.followup_keyboards import (
    lengths_keyboard,
    participants_keyboard,
    people_buttons,
    save_keyboard,
    team_members,
)
from bot.services.followups import pressed_moment, read_future_moment, read_goal, typed_within
from bot.services.stages import may_plan_meeting
from domain.followups import Slot
from handlers.meetings.states import TEXT_LIMIT, MeetingForm
from handlers.request_view import offer_fresh_panel
from storage.models import Stage, User

router = Router(name=__name__)


@router.callback_query(MeetingNew.filter())
async def new_meeting(
    query: CallbackQuery,
    callback_data: MeetingNew,
    desk: Desk,
    user: User,
    t: Translator,
    roles: frozenset[str],
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """Start planning: when is the meeting?"""
    request = await desk.owned(callback_data.request, user, t, callback_answer)
    if request is None:
        return
    if not may_plan_meeting(Stage(request.stage)):
        callback_answer.show_alert = True
        stage = stage_summary(t, request, await owner_zone(desk, request))
        callback_answer.text = t("followups-meeting-parked", number=request.id, stage=stage)
        await offer_fresh_panel(desk, query, user, roles, request.id)
        return
    await start_meeting(desk, user, t, state, request.id)


async def start_meeting(
    desk: Desk, user: User, t: Translator, state: FSMContext, request_id: int
) -> None:
    """The planner's first question; also where the "meeting planned" stage button leads."""
    await state.set_state(MeetingForm.when)
    await state.set_data({"request": request_id, "participants": []})
    await ask_when(desk, user, t, request_id)


async def ask_when(desk: Desk, user: User, t: Translator, request_id: int) -> None:
    """When is the meeting: two quick slots, or a typed moment."""
    builder = InlineKeyboard()
    for slot in (Slot.TOMORROW_10, Slot.TOMORROW_16):
        builder.button(
            text=t(f"followups-slot-{slot.value}"), callback_data=MeetingWhen(slot=slot)
        )
    await desk.tell(
        user.id,
        t("followups-meeting-ask-when", number=request_id),
        reply_markup=builder.as_markup(),
    )


async def _set_start(
    desk: Desk, user: User, t: Translator, state: FSMContext, moment: datetime, zone: ZoneInfo
) -> None:
    """The start is set; a start asked again at saving (it had passed) goes back to the check."""
    await state.update_data(starts_at=moment.astimezone(UTC).isoformat())
    if "moderator" in await state.get_data():
        await show_summary(desk, user, t, state, zone)
        return
    await state.set_state(MeetingForm.duration)
    await desk.tell(user.id, t("followups-meeting-ask-duration"), reply_markup=lengths_keyboard(t))


@router.callback_query(MeetingForm.when, MeetingWhen.filter())
async def when_pressed(
    query: CallbackQuery,
    callback_data: MeetingWhen,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
) -> None:
    zone = reminders.windows.zone_of(user)
    moment = await pressed_moment(desk, user, t, callback_data.slot, zone=zone)
    if moment is None:
        return
    await _set_start(desk, user, t, state, moment, zone)


@router.message(MeetingForm.when, F.text)
async def when_typed(
    message: Message,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
) -> None:
    """A typed start in the planner's zone, in the future."""
    zone = reminders.windows.zone_of(user)
    moment = await read_future_moment(message, t, now=desk.now(), zone=zone)
    if moment is not None:
        await _set_start(desk, user, t, state, moment, zone)


async def _set_duration(
    desk: Desk, user: User, t: Translator, state: FSMContext, minutes: int
) -> None:
    await state.update_data(duration=minutes)
    await state.set_state(MeetingForm.place)
    await desk.tell(user.id, t("followups-meeting-ask-place"))


@router.callback_query(MeetingForm.duration, MeetingLength.filter())
async def duration_pressed(
    query: CallbackQuery,
    callback_data: MeetingLength,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
) -> None:
    await _set_duration(desk, user, t, state, callback_data.minutes)


@router.message(MeetingForm.duration, F.text.regexp(r"^\s*\d{2,3}\s*$"))
async def duration_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    minutes = int((message.text or "0").strip())
    if not 15 <= minutes <= 480:
        await message.answer(t("followups-meeting-bad-duration"))
        return
    await _set_duration(desk, user, t, state, minutes)


@router.message(MeetingForm.place, F.text)
async def place_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    """An address or a link; next, who comes."""
    place = await typed_within(message, t, TEXT_LIMIT)
    if place is None:
        return
    if not place:
        await message.answer(t("followups-meeting-ask-place"))
        return
    await state.update_data(place=place)
    await state.set_state(MeetingForm.participants)
    await message.answer(
        t("followups-meeting-ask-participants"),
        reply_markup=participants_keyboard(t, await team_members(desk, besides=user.id), []),
    )


@router.callback_query(MeetingForm.participants, MeetingPick.filter())
async def participant_pressed(
    query: CallbackQuery,
    callback_data: MeetingPick,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
) -> None:
    """Toggle one colleague; "done" goes on to the goals."""
    chosen = [int(x) for x in (await state.get_data()).get("participants", [])]
    if callback_data.user == 0:
        await state.set_state(MeetingForm.our_goal)
        await desk.tell(user.id, t("followups-meeting-ask-our-goal"))
        return
    if callback_data.user in chosen:
        chosen.remove(callback_data.user)
    else:
        chosen.append(callback_data.user)
    await state.update_data(participants=chosen)
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(
            reply_markup=participants_keyboard(
                t, await team_members(desk, besides=user.id), chosen
            )
        )


@router.message(MeetingForm.our_goal, F.text)
async def our_goal_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    text = await read_goal(message, t, "our-goal")
    if text is None:
        return
    await state.update_data(our_goal=text)
    await state.set_state(MeetingForm.client_goal)
    await message.answer(t("followups-meeting-ask-client-goal"))


@router.message(MeetingForm.client_goal, F.text)
async def client_goal_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    text = await read_goal(message, t, "client-goal")
    if text is None:
        return
    await state.update_data(client_goal=text)
    await state.set_state(MeetingForm.moderator)
    data = await state.get_data()
    people = await desk.repo.team.users([user.id, *data.get("participants", [])])
    keyboard = people_buttons(people.values(), MeetingModerator).as_markup()
    await message.answer(t("followups-meeting-ask-moderator"), reply_markup=keyboard)


@router.callback_query(MeetingForm.moderator, MeetingModerator.filter())
async def moderator_pressed(
    query: CallbackQuery,
    callback_data: MeetingModerator,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
) -> None:
    """Who leads; then the whole meeting to check and save."""
    await state.update_data(moderator=callback_data.user)
    await show_summary(desk, user, t, state, reminders.windows.zone_of(user))


async def show_summary(
    desk: Desk, user: User, t: Translator, state: FSMContext, zone: ZoneInfo
) -> None:
    """The whole meeting, to check and save."""
    await state.set_state(MeetingForm.confirm)
    data = await state.get_data()
    moderator = int(data["moderator"])
    people = await desk.repo.team.users([user.id, moderator, *data["participants"]])
    starts_at = datetime.fromisoformat(data["starts_at"])
    await desk.tell(
        user.id,
        t(
            "followups-meeting-summary",
            number=data["request"],
            when=t.datetime(starts_at.astimezone(zone)),
            minutes=data["duration"],
            place=data["place"],
            our=data["our_goal"],
            client=data["client_goal"],
            moderator=display_name(people.get(moderator)),
            people=", ".join(display_name(p) for p in people.values()),
        ),
        reply_markup=save_keyboard(t),
    )
