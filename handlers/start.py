"""/start and /help: a greeting that says what this person can do, by role."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import Message

from bot.commands import ROLE_COMMANDS, set_person_menu
from bot.i18n import I18n, Translator
from handlers.intake.keyboards import new_request_keyboard
from storage.models import User

router = Router(name=__name__)

ROLE_ORDER = ("admin", "manager", "expert", "estimator", "closer")


def describe_roles(t: Translator, roles: frozenset[str]) -> str:
    """One paragraph per role the user holds, after what everyone can do."""
    parts = [t("start-can-everyone")]
    parts.extend(t(f"start-can-{role}") for role in ROLE_ORDER if role in roles)
    return "\n\n".join(parts)


@router.message(CommandStart())
async def start(
    message: Message,
    bot: Bot,
    i18n: I18n,
    user: User,
    t: Translator,
    roles: frozenset[str],
) -> None:
    """Greet by name and list what the user's roles allow; a team member gets their menu."""
    if roles & set(ROLE_COMMANDS):
        await set_person_menu(bot, i18n, user, roles)
    name = message.from_user.first_name if message.from_user else ""
    await message.answer(
        t("start-greeting", name=name) + "\n\n" + describe_roles(t, roles),
        reply_markup=new_request_keyboard(t),
    )


@router.message(Command("help"))
async def help_command(message: Message, t: Translator, roles: frozenset[str]) -> None:
    """The command list, then the role paragraphs, so help never disagrees with /start."""
    await message.answer(t("help-text") + "\n\n" + describe_roles(t, roles))
