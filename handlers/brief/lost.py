"""Closing a request as lost: a reason picked from the list, or typed by the owner."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.buttons import LostButton, LostReason
from bot.services.card_text import lost_reason_text
from bot.services.desk import Desk
from bot.services.followups import typed_words
from bot.services.progress import Move
from handlers.brief.moves import apply_move
from handlers.brief.states import Outcome
from storage.models import Stage, User

router = Router(name=__name__)

REASON_LIMIT = 500


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
    text = await typed_words(message, t, REASON_LIMIT)
    if text is None:
        return
    data = await state.get_data()
    await state.clear()
    request = await desk.repo.requests.get(int(data.get("request", 0)))
    if request is None:
        await message.answer(t("claims-not-yours", number=data.get("request", 0)))
        return
    await message.answer(await apply_move(desk, t, request, user, Stage.LOST, Move(reason=text)))
