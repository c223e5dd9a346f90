"""Changing a planned meeting from its message or the panel; "I can't make it"."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.reminders.engine import ReminderEngine
from bot.services.desk import Desk
from bot.services.followup_buttons import PEOPLE_ACTS, MeetingAct, MeetingChange, MeetingManage
from bot.services.followup_keyboards import manage_keyboard
from bot.services.followups import read_future_moment, read_goal, typed_words
from bot.services.meeting_moves import cancel, cant_attend, edit, reschedule
from bot.services.progress import Move, change_stage
from bot.services.request_view import refresh_views
from domain.stages import Via
from handlers.meetings.states import TEXT_LIMIT
from handlers.request_view import offer_fresh_panel
from storage.models import Meeting, MeetingStatus, Stage, User

router = Router(name=__name__)


class MeetingMove(StatesGroup):
    """The one answer a change needs: a time, a place, the goals, or why it is cancelled."""

    when = State()
    place = State()
    our_goal = State()
    client_goal = State()
    reason = State()


async def planned_meeting(desk: Desk, meeting_id: int) -> Meeting | None:
    """The meeting if it is still planned: only a planned meeting can change."""
    meeting = await desk.repo.followups.meeting(meeting_id)
    if meeting is None or meeting.status != MeetingStatus.PLANNED.value:
        return None
    return meeting


async def may_change(desk: Desk, meeting: Meeting, user: User) -> bool:
    """The person who planned it or the request's owner."""
    request = await desk.repo.requests.get(meeting.request_id)
    return user.id == meeting.created_by or (request is not None and request.owner_id == user.id)


async def meeting_gone(
    desk: Desk,
    query: CallbackQuery,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
    meeting_id: int,
) -> None:
    """A change pressed on a meeting no longer planned: say whether it was held or
    cancelled, and turn the old message into the request's view as it is now."""
    meeting = await desk.repo.followups.meeting(meeting_id)
    callback_answer.show_alert = True
    if meeting is None:
        callback_answer.text = t("meetings-not-planned")
        return
    callback_answer.text = t("meetings-gone", number=meeting.request_id, status=meeting.status)
    await offer_fresh_panel(desk, query, user, roles, meeting.request_id)


@router.callback_query(MeetingManage.filter())
async def manage_pressed(
    query: CallbackQuery,
    callback_data: MeetingManage,
    desk: Desk,
    user: User,
    t: Translator,
    reminders: ReminderEngine,
    callback_answer: CallbackAnswer,
) -> None:
    """The next planned meeting with what can be changed."""
    request = await desk.owned(callback_data.request, user, t, callback_answer)
    if request is None:
        return
    meeting = await desk.repo.followups.next_meeting(request.id)
    if meeting is None:
        callback_answer.show_alert, callback_answer.text = True, t("meetings-none-planned")
        return
    when = t.datetime(meeting.starts_at.astimezone(reminders.windows.zone_of(user)))
    await desk.tell(
        user.id,
        t("meetings-manage", number=request.id, when=when, place=meeting.place),
        reply_markup=manage_keyboard(t, meeting.id),
    )


@router.callback_query(MeetingChange.filter(~F.act.in_(PEOPLE_ACTS)))
async def change_pressed(
    query: CallbackQuery,
    callback_data: MeetingChange,
    desk: Desk,
    user: User,
    t: Translator,
    roles: frozenset[str],
    state: FSMContext,
    reminders: ReminderEngine,
    callback_answer: CallbackAnswer,
) -> None:
    """Ask for what the change needs; "I can't make it" is told at once."""
    act = callback_data.act
    meeting = await planned_meeting(desk, callback_data.meeting)
    if meeting is None and act is MeetingAct.CANT:
        callback_answer.show_alert, callback_answer.text = True, t("meetings-not-planned")
        return
    if meeting is None:
        await meeting_gone(desk, query, user, roles, t, callback_answer, callback_data.meeting)
        return
    if act is MeetingAct.CANT:
        if user.id not in await desk.repo.followups.participants(meeting.id):
            callback_answer.show_alert, callback_answer.text = True, t("common-stale-button")
            return
        await cant_attend(desk, reminders, meeting, user)
        callback_answer.text = t("meetings-cant-sent", number=meeting.request_id)
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=None)
        return
    if not await may_change(desk, meeting, user):
        callback_answer.show_alert, callback_answer.text = True, t("common-stale-button")
        return
    first = {
        MeetingAct.RESCHEDULE: MeetingMove.when,
        MeetingAct.PLACE: MeetingMove.place,
        MeetingAct.GOALS: MeetingMove.our_goal,
        MeetingAct.CANCEL: MeetingMove.reason,
    }[act]
    await state.set_state(first)
    await state.set_data({"meeting": meeting.id})
    await desk.tell(user.id, t(f"meetings-ask-{act.value}", number=meeting.request_id))


async def _meeting_in_state(
    desk: Desk, state: FSMContext, user: User, message: Message, t: Translator
) -> Meeting | None:
    meeting_id = int((await state.get_data()).get("meeting", 0))
    meeting = await planned_meeting(desk, meeting_id)
    if meeting is None or not await may_change(desk, meeting, user):
        await state.clear()
        # A request that closed cancelled its meetings: that, not the meeting, is the news.
        found = await desk.repo.followups.meeting(meeting_id)
        if found is not None and await desk.closed(found.request_id):
            await message.answer(t("claims-closed", number=found.request_id))
        else:
            await message.answer(t("meetings-not-planned"))
        return None
    return meeting


@router.message(MeetingMove.when, F.text)
async def when_typed(
    message: Message,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
) -> None:
    meeting = await _meeting_in_state(desk, state, user, message, t)
    if meeting is None:
        return
    zone = reminders.windows.zone_of(user)
    moment = await read_future_moment(message, t, now=desk.now(), zone=zone)
    if moment is None:
        return
    await state.clear()
    moved = await reschedule(desk, reminders, meeting, user, moment)
    if moved is None:
        await message.answer(t("meetings-not-planned"))
        return
    await refresh_views(desk, meeting.request_id)
    await message.answer(
        t("meetings-moved", number=meeting.request_id, when=t.datetime(moment.astimezone(zone))),
        reply_markup=manage_keyboard(t, meeting.id),
    )


@router.message(MeetingMove.place, F.text)
async def place_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    place = await typed_words(message, t, TEXT_LIMIT)
    if place is None:
        return
    meeting = await _meeting_in_state(desk, state, user, message, t)
    if meeting is None:
        return
    await state.clear()
    await edit(desk, meeting, user, place=place)
    await refresh_views(desk, meeting.request_id)
    await message.answer(t("meetings-edited", number=meeting.request_id))


@router.message(MeetingMove.our_goal, F.text)
async def our_goal_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    text = await read_goal(message, t, "our-goal")
    if text is None:
        return
    await state.update_data(our_goal=text)
    await state.set_state(MeetingMove.client_goal)
    await message.answer(t("followups-meeting-ask-client-goal"))


@router.message(MeetingMove.client_goal, F.text)
async def client_goal_typed(
    message: Message, desk: Desk, user: User, t: Translator, state: FSMContext
) -> None:
    text = await read_goal(message, t, "client-goal")
    if text is None:
        return
    our_goal = str((await state.get_data()).get("our_goal", ""))
    meeting = await _meeting_in_state(desk, state, user, message, t)
    if meeting is None:
        return
    await state.clear()
    await edit(desk, meeting, user, our_goal=our_goal, client_goal=text)
    await refresh_views(desk, meeting.request_id)
    await message.answer(t("meetings-edited", number=meeting.request_id))


@router.message(MeetingMove.reason, F.text)
async def reason_typed(
    message: Message,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
) -> None:
    """Cancelled; with no other meeting planned the request goes back to "taken"."""
    reason = await typed_words(message, t, TEXT_LIMIT)
    if reason is None:
        return
    meeting = await _meeting_in_state(desk, state, user, message, t)
    if meeting is None:
        return
    await state.clear()
    if not await cancel(desk, reminders, meeting, user, reason):
        await message.answer(t("meetings-not-planned"))
        return
    request = await desk.repo.requests.get(meeting.request_id)
    planned = await desk.repo.followups.next_meeting(meeting.request_id)
    owner = await desk.repo.users.get(request.owner_id) if request and request.owner_id else None
    back = request is not None and request.stage == Stage.MEETING_PLANNED.value
    if request is not None and owner is not None and planned is None and back:
        await change_stage(desk, request, owner, Stage.TAKEN, Move(via=Via.RECORD))
    await refresh_views(desk, meeting.request_id)
    await message.answer(t("meetings-cancelled", number=meeting.request_id))


@router.message(StateFilter(MeetingMove))
async def not_text(message: Message, t: Translator) -> None:
    """A sticker or a photo where words were asked."""
    await message.answer(t("meetings-type-text"))
