"""What nobody else handled: a polite answer instead of silence."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator

router = Router(name=__name__)


@router.callback_query()
async def stale_button(
    query: CallbackQuery, t: Translator, callback_answer: CallbackAnswer
) -> None:
    """A button from an old message, or forged data: say so, change nothing."""
    callback_answer.text = t("common-stale-button")
    callback_answer.show_alert = True


@router.message(F.chat.type == ChatType.PRIVATE, F.text.startswith("/"))
async def unknown_command(message: Message, t: Translator) -> None:
    """A command this bot does not know."""
    await message.answer(t("common-unknown-command"))


@router.message(F.chat.type == ChatType.PRIVATE)
async def not_understood(message: Message, t: Translator) -> None:
    """Anything else in a private chat, when no dialog is waiting for it."""
    await message.answer(t("common-not-understood"))
