"""What reaches the estimate dialog that no step took: the question is asked again.

Its router comes after every step's, so it only sees messages none of them answered.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.i18n import Translator
from bot.services.desk import Desk
from handlers.estimates.rework import rework_question
from handlers.estimates.states import SUMMARY_LIMIT, EstimateForm

router = Router(name=__name__)

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
