"""Domain errors mapped to messages the user understands, in one place."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import ErrorEvent

from bot.i18n import Translator

router = Router(name=__name__)
logger = logging.getLogger(__name__)


@router.error()
async def unexpected_error(event: ErrorEvent, t: Translator | None = None) -> None:
    """Log the failure and apologise rather than leave the user waiting in silence."""
    logger.error(
        "event=handler.error error=%s", type(event.exception).__name__, exc_info=event.exception
    )
    update = event.update
    text = t("common-error") if t is not None else "Error"
    if update.message is not None and update.message.chat.type == "private":
        await update.message.answer(text)
    elif update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
