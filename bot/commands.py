"""The command menus Telegram shows, per chat type and language."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats

from bot.i18n import LOCALES, I18n

PRIVATE_COMMANDS = ("start", "new", "my", "r", "stats", "tz", "lang", "help", "cancel")


async def set_command_menus(bot: Bot, i18n: I18n) -> None:
    """Private chats get the full menu in each language; the default language has no code."""
    for locale in LOCALES:
        t = i18n.get(locale)
        commands = [BotCommand(command=c, description=t(f"menu-{c}")) for c in PRIVATE_COMMANDS]
        language = None if locale == i18n.default_locale else locale
        await bot.set_my_commands(
            commands, scope=BotCommandScopeAllPrivateChats(), language_code=language
        )
