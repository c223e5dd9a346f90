"""/lang: switch between Russian and English with a button."""

from __future__ import annotations

from typing import Literal

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.commands import ROLE_COMMANDS, set_person_menu
from bot.i18n import I18n, Translator
from bot.keyboard import InlineKeyboard
from storage.models import User
from storage.repositories.holder import Repositories

router = Router(name=__name__)


class LanguageChoice(CallbackData, prefix="lang"):
    """A press on one of the language buttons."""

    code: Literal["ru", "en"]


def language_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(text=t("lang-button-ru"), callback_data=LanguageChoice(code="ru"))
    builder.button(text=t("lang-button-en"), callback_data=LanguageChoice(code="en"))
    return builder.as_markup()


@router.message(Command("lang"))
async def ask_language(message: Message, t: Translator) -> None:
    """Offer the two languages as buttons."""
    await message.answer(t("lang-choose"), reply_markup=language_keyboard(t))


@router.callback_query(LanguageChoice.filter(F.code.in_({"ru", "en"})))
async def set_language(
    query: CallbackQuery,
    callback_data: LanguageChoice,
    repo: Repositories,
    user: User,
    i18n: I18n,
    bot: Bot,
    roles: frozenset[str],
) -> None:
    """Store the choice, record it, and confirm in the newly chosen language.

    A team member has a command menu of their own, written in their language, so it is
    written again; everyone else has the common menu in the language of their Telegram app.
    """
    await repo.users.set_language(user_id=user.id, language=callback_data.code)
    await repo.events.add(
        kind="user.language_changed", actor_id=user.id, data={"language": callback_data.code}
    )
    if roles & set(ROLE_COMMANDS):
        user.language = callback_data.code
        await set_person_menu(bot, i18n, user, roles)
    t = i18n.get(callback_data.code)
    if isinstance(query.message, Message):
        await query.message.edit_text(t("lang-changed"))
