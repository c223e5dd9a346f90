"""What reaches the recap dialog that no step took: the question is asked again.

Its router comes after every step's, so it only sees messages none of them answered.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.i18n import Translator
from handlers.recaps.states import RecapForm

router = Router(name=__name__)

_ASK = {
    RecapForm.discussed.state: "followups-recap-ask-discussed-again",
    RecapForm.step_what.state: "followups-recap-ask-step",
    RecapForm.step_who.state: "followups-meeting-use-buttons",
    RecapForm.step_when.state: "followups-step-type-when",
    RecapForm.corrections.state: "followups-recap-ask-corrections",
}


@router.message(StateFilter(RecapForm))
async def not_an_answer(message: Message, t: Translator, state: FSMContext) -> None:
    """Anything that does not answer the current question: ask it again."""
    await message.answer(
        t(_ASK.get(await state.get_state() or "", "followups-meeting-use-buttons"))
    )
