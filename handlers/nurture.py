"""'Back to work' under a nurture reminder: the owner returns the request to where it was."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.reminders.engine import ReminderEngine
from bot.sending.outbox import Outbox
from bot.services.card_text import stage_label
from bot.services.desk import Desk
from bot.services.nurture import BackToWork, back_to_work
from storage.models import User

router = Router(name=__name__)


@router.callback_query(BackToWork.filter())
async def back_to_work_pressed(
    query: CallbackQuery,
    callback_data: BackToWork,
    desk: Desk,
    user: User,
    t: Translator,
    reminders: ReminderEngine,
    outbox: Outbox,
    callback_answer: CallbackAnswer,
) -> None:
    """Only the owner of a request still in nurture may; a stale button is told so."""
    request = await desk.owned(callback_data.request, user, t, callback_answer)
    if request is None:
        return
    target = await back_to_work(desk, reminders, outbox, request, user)
    if target is None:
        callback_answer.text = t("claims-stage-unchanged", number=request.id)
    else:
        callback_answer.text = t(
            "pipeline-back-done", number=request.id, stage=stage_label(t, target.value)
        )
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
