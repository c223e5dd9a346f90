"""Who is talking: the stored user, their language and their roles, for every handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update, User

from bot.i18n import I18n
from storage.models import Role
from storage.repositories.holder import Repositories

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class UserContextMiddleware(BaseMiddleware):
    """Keeps the user's record fresh and hands handlers `user`, `t` (texts) and `roles`."""

    def __init__(self, i18n: I18n, admin_ids: frozenset[int]) -> None:
        self._i18n = i18n
        self._admin_ids = admin_ids

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        tg_user: User | None = data.get("event_from_user")
        repo: Repositories = data["repo"]
        if tg_user is None or tg_user.is_bot:
            data["t"] = self._i18n.get(None)
            data["user"] = None
            data["roles"] = frozenset()
            return await handler(event, data)
        user = await repo.users.upsert_from_telegram(
            user_id=tg_user.id,
            first_name=tg_user.first_name,
            last_name=tg_user.last_name,
            username=tg_user.username,
            language_code=tg_user.language_code,
        )
        if user.is_blocked and wrote_privately(event, tg_user.id):
            # Telegram reports unblocking, not a first /start: whoever writes to the bot
            # in private can be written to, so a person marked unreachable is not any more.
            await repo.users.set_blocked(user.id, False)
            await repo.events.add(kind="user.unblocked_bot", actor_id=user.id)
        roles: set[str] = set(user.roles)
        if tg_user.id in self._admin_ids:
            roles.add(Role.ADMIN)
        data["user"] = user
        data["roles"] = frozenset(roles)
        data["t"] = self._i18n.get(self._i18n.pick_locale(user.language, tg_user.language_code))
        return await handler(event, data)


def wrote_privately(event: TelegramObject, user_id: int) -> bool:
    """Whether the update is the person's own message or button press in their chat with
    the bot (Telegram's reports of a block are neither)."""
    if not isinstance(event, Update):
        return False
    message = event.message or event.edited_message
    if message is not None:
        return message.chat.id == user_id
    pressed = event.callback_query
    return (
        pressed is not None and pressed.message is not None and pressed.message.chat.id == user_id
    )
