"""The command menus Telegram shows, per chat type, language and role."""

from __future__ import annotations

import logging
from collections.abc import Collection

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats, BotCommandScopeChat

from bot.i18n import LOCALES, I18n
from storage.models import Role, User
from storage.repositories.holder import Repositories

logger = logging.getLogger(__name__)

PRIVATE_COMMANDS = ("start", "new", "my", "r", "stats", "tz", "lang", "help", "cancel")
ROLE_COMMANDS: dict[str, tuple[str, ...]] = {
    Role.EXPERT: ("mine", "queue", "find"),
    Role.MANAGER: ("mine", "queue", "work", "assign", "find"),
    Role.ADMIN: ("queue", "work", "assign", "find", "team"),
}
"""What each role adds to a person's own menu, after the commands everyone has."""


async def set_command_menus(bot: Bot, i18n: I18n) -> None:
    """Private chats get the full menu in each language; the default language has no code."""
    for locale in LOCALES:
        t = i18n.get(locale)
        commands = [BotCommand(command=c, description=t(f"menu-{c}")) for c in PRIVATE_COMMANDS]
        language = None if locale == i18n.default_locale else locale
        await bot.set_my_commands(
            commands, scope=BotCommandScopeAllPrivateChats(), language_code=language
        )


def commands_for(roles: Collection[str]) -> list[str]:
    """Everyone's commands, then those of the person's roles, each once."""
    extra = [command for role in ROLE_COMMANDS if role in roles for command in ROLE_COMMANDS[role]]
    return [*PRIVATE_COMMANDS, *dict.fromkeys(extra)]


async def set_person_menu(bot: Bot, i18n: I18n, person: User, roles: Collection[str]) -> None:
    """A team member's own menu, in their language; without a role, the common one."""
    scope = BotCommandScopeChat(chat_id=person.id)
    try:
        if not set(roles) & set(ROLE_COMMANDS):
            await bot.delete_my_commands(scope=scope)
            return
        t = i18n.get(i18n.pick_locale(person.language, person.telegram_language))
        commands = [BotCommand(command=c, description=t(f"menu-{c}")) for c in commands_for(roles)]
        await bot.set_my_commands(commands, scope=scope)
    except TelegramAPIError as error:
        logger.info("event=commands.menu_not_set user_id=%s error=%s", person.id, error)


async def set_team_menus(
    bot: Bot, i18n: I18n, repo: Repositories, admins: Collection[int]
) -> None:
    """At start: every expert, manager and admin gets the menu of their roles."""
    people: dict[int, User] = {}
    for role in (Role.EXPERT, Role.MANAGER):
        people.update((person.id, person) for person in await repo.users.with_role(role))
    for admin_id in admins:
        admin = await repo.users.get(admin_id)
        if admin is not None:
            people[admin.id] = admin
    for person in people.values():
        roles = {str(role) for role in person.roles} | (
            {Role.ADMIN} if person.id in admins else set()
        )
        await set_person_menu(bot, i18n, person, roles)
