"""Who comes to a planned meeting and who leads it, changed from its message or the panel.

The list is ticked on buttons, like when the meeting was planned, and saved with "Done";
the ticks live in the dialog's data until then. Every press checks the meeting again: one
cancelled or held meanwhile is answered with what happened and the request's view now.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.reminders.engine import ReminderEngine
from bot.services.desk import Desk, display_name
from bot.services.followup_buttons import (
    MeetingAct,
    MeetingChange,
    MeetingInvite,
    MeetingLead,
)
from bot.services.followup_keyboards import (
    invite_keyboard,
    lead_keyboard,
    manage_keyboard,
    team_members,
)
from bot.services.meeting_people import change_moderator, change_participants
from bot.services.request_view import refresh_views
from handlers.meeting_moves import may_change, meeting_gone, planned_meeting
from storage.models import Meeting, User

router = Router(name=__name__)


class PeopleEdit(StatesGroup):
    """The list of participants being ticked, saved with "Done"."""

    choosing = State()


async def _changeable(
    desk: Desk,
    query: CallbackQuery,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
    meeting_id: int,
) -> Meeting | None:
    """The meeting if it is planned and ``user`` may change it; otherwise the press is
    answered (what happened to the meeting, or that the button is not theirs)."""
    meeting = await planned_meeting(desk, meeting_id)
    if meeting is None:
        await meeting_gone(desk, query, user, roles, t, callback_answer, meeting_id)
        return None
    if not await may_change(desk, meeting, user):
        callback_answer.show_alert, callback_answer.text = True, t("common-stale-button")
        return None
    return meeting


async def _choosable(desk: Desk, meeting: Meeting) -> list[User]:
    """The team (closers too) and anyone on the list now, all but the meeting's owner,
    who always comes."""
    current = await desk.repo.followups.participants(meeting.id)
    people = {person.id: person for person in await team_members(desk)}
    for person_id, person in (await desk.repo.team.users(current)).items():
        people.setdefault(person_id, person)
    return [person for person in people.values() if person.id != meeting.created_by]


async def _names(desk: Desk, ids: list[int]) -> str:
    people = await desk.repo.team.users(ids)
    return ", ".join(sorted(display_name(person) for person in people.values()))


@router.callback_query(MeetingChange.filter(F.act == MeetingAct.PEOPLE))
async def people_pressed(
    query: CallbackQuery,
    callback_data: MeetingChange,
    desk: Desk,
    user: User,
    t: Translator,
    roles: frozenset[str],
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """The team to tick, the present participants ticked."""
    meeting = await _changeable(
        desk, query, user, roles, t, callback_answer, callback_data.meeting
    )
    if meeting is None:
        return
    chosen = await desk.repo.followups.participants(meeting.id)
    await state.set_state(PeopleEdit.choosing)
    await state.set_data({"meeting": meeting.id, "chosen": chosen})
    await desk.tell(
        user.id,
        t("meetings-ask-people", number=meeting.request_id),
        reply_markup=invite_keyboard(t, meeting.id, await _choosable(desk, meeting), chosen),
    )


@router.callback_query(MeetingInvite.filter())
async def invite_pressed(
    query: CallbackQuery,
    callback_data: MeetingInvite,
    desk: Desk,
    user: User,
    t: Translator,
    roles: frozenset[str],
    state: FSMContext,
    reminders: ReminderEngine,
    callback_answer: CallbackAnswer,
) -> None:
    """Tick or untick one person; "Done" saves the list and tells who was invited or not."""
    meeting = await _changeable(
        desk, query, user, roles, t, callback_answer, callback_data.meeting
    )
    if meeting is None:
        return
    data = await state.get_data()
    if await state.get_state() == PeopleEdit.choosing.state and data.get("meeting") == meeting.id:
        chosen = [int(x) for x in data.get("chosen", [])]
    else:  # the dialog was left meanwhile: the ticks start from the list as it is
        chosen = await desk.repo.followups.participants(meeting.id)
    if callback_data.user == 0:
        await _save(query, desk, user, t, state, reminders, callback_answer, meeting, chosen)
        return
    choosable = await _choosable(desk, meeting)
    if callback_data.user not in {person.id for person in choosable}:
        # The owner is not on the list, and someone may have left the team meanwhile.
        callback_answer.show_alert, callback_answer.text = True, t("common-stale-button")
        return
    if callback_data.user == meeting.moderator_id:
        moderator = await desk.repo.users.get(meeting.moderator_id)
        callback_answer.show_alert = True
        callback_answer.text = t("meetings-lead-stays", person=display_name(moderator))
        return
    if callback_data.user in chosen:
        chosen.remove(callback_data.user)
    else:
        chosen.append(callback_data.user)
    await state.set_state(PeopleEdit.choosing)
    await state.set_data({"meeting": meeting.id, "chosen": chosen})
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(
            reply_markup=invite_keyboard(t, meeting.id, choosable, chosen)
        )


async def _save(
    query: CallbackQuery,
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    reminders: ReminderEngine,
    callback_answer: CallbackAnswer,
    meeting: Meeting,
    chosen: list[int],
) -> None:
    await state.clear()
    change = await change_participants(desk, reminders, meeting, user, chosen)
    if change.added or change.removed:
        await refresh_views(desk, meeting.request_id)
    people = await _names(desk, await desk.repo.followups.participants(meeting.id))
    text = t(
        "meetings-people-saved",
        number=meeting.request_id,
        people=people,
        changed="yes" if change.added or change.removed else "no",
    )
    callback_answer.text = t("meetings-people-done")
    if isinstance(query.message, Message):
        await query.message.edit_text(text, reply_markup=manage_keyboard(t, meeting.id))


@router.callback_query(MeetingChange.filter(F.act == MeetingAct.LEAD))
async def lead_pressed(
    query: CallbackQuery,
    callback_data: MeetingChange,
    desk: Desk,
    user: User,
    t: Translator,
    roles: frozenset[str],
    callback_answer: CallbackAnswer,
) -> None:
    """The participants to choose the moderator from, the present one ticked."""
    meeting = await _changeable(
        desk, query, user, roles, t, callback_answer, callback_data.meeting
    )
    if meeting is None:
        return
    people = await desk.repo.team.users(await desk.repo.followups.participants(meeting.id))
    await desk.tell(
        user.id,
        t(
            "meetings-ask-lead",
            number=meeting.request_id,
            moderator=display_name(people.get(meeting.moderator_id)),
        ),
        reply_markup=lead_keyboard(meeting.id, people.values(), meeting.moderator_id),
    )


@router.callback_query(MeetingLead.filter())
async def moderator_pressed(
    query: CallbackQuery,
    callback_data: MeetingLead,
    desk: Desk,
    user: User,
    t: Translator,
    roles: frozenset[str],
    callback_answer: CallbackAnswer,
) -> None:
    """A participant leads from now on; the others hear who."""
    meeting = await _changeable(
        desk, query, user, roles, t, callback_answer, callback_data.meeting
    )
    if meeting is None:
        return
    chosen = await desk.repo.users.get(callback_data.user)
    participants = await desk.repo.followups.participants(meeting.id)
    if chosen is None or chosen.id not in participants:
        callback_answer.show_alert = True
        callback_answer.text = t("meetings-lead-not-participant", number=meeting.request_id)
        return
    if chosen.id != meeting.moderator_id:
        await change_moderator(desk, meeting, user, chosen)
        await refresh_views(desk, meeting.request_id)
    text = t("meetings-lead-saved", number=meeting.request_id, moderator=display_name(chosen))
    callback_answer.text = text
    if isinstance(query.message, Message):
        await query.message.edit_text(text, reply_markup=manage_keyboard(t, meeting.id))


@router.message(StateFilter(PeopleEdit))
async def not_a_press(message: Message, t: Translator) -> None:
    """Typing while the list is open: the people are chosen with the buttons."""
    await message.answer(t("followups-meeting-use-buttons"))
