"""Whatever does not answer the planner's current question: the question again.

Last among the planner's routers, so it only sees what no step took.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.i18n import Translator
from handlers.meetings.states import MeetingForm

router = Router(name=__name__)

_ASK = {
    MeetingForm.when.state: "followups-step-type-when",
    MeetingForm.duration.state: "followups-meeting-bad-duration",
    MeetingForm.place.state: "followups-meeting-ask-place",
    MeetingForm.participants.state: "followups-meeting-use-buttons",
    MeetingForm.our_goal.state: "followups-meeting-ask-our-goal",
    MeetingForm.client_goal.state: "followups-meeting-ask-client-goal",
    MeetingForm.moderator.state: "followups-meeting-use-buttons",
    MeetingForm.confirm.state: "followups-meeting-use-buttons",
}


@router.message(StateFilter(MeetingForm))
async def not_an_answer(message: Message, t: Translator, state: FSMContext) -> None:
    """Anything that does not answer the current question: ask it again."""
    current = await state.get_state()
    await message.answer(t(_ASK.get(current or "", "followups-meeting-use-buttons")))
