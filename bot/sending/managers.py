"""Who hears about what goes wrong on the bot's side: the managers (else the admins), or
the admins alone for what only the people who run the bot can fix."""

from __future__ import annotations

from typing import NamedTuple

from bot.i18n import I18n, Translator
from storage.models import Role, User
from storage.repositories.holder import Repositories


async def managers_to_tell(
    repo: Repositories, *, i18n: I18n, admin_ids: frozenset[int], skip: int | None = None
) -> list[tuple[int, Translator]]:
    """Every manager who has not blocked the bot, each with their texts; the admins if none.

    ``skip`` leaves one person out (the one the news is about).
    """
    managers = [m for m in await repo.users.with_role(Role.MANAGER) if not m.is_blocked]
    recipients: list[tuple[int, User | None]] = [(m.id, m) for m in managers]
    if not recipients:
        recipients = [(admin_id, await repo.users.get(admin_id)) for admin_id in sorted(admin_ids)]
    return [
        (recipient_id, _texts_of(i18n, recipient))
        for recipient_id, recipient in recipients
        if recipient_id != skip
    ]


class Reader(NamedTuple):
    """Someone to tell: their id, their texts, and their row (for their time zone)."""

    id: int
    t: Translator
    person: User | None


async def admins_to_tell(
    repo: Repositories, *, i18n: I18n, admin_ids: frozenset[int]
) -> list[Reader]:
    """Every admin, each with their texts: what only the people who run the bot can fix
    (a delivery to another system, Telegram's view of the webhook)."""
    readers = []
    for admin_id in sorted(admin_ids):
        person = await repo.users.get(admin_id)
        readers.append(Reader(admin_id, _texts_of(i18n, person), person))
    return readers


def _texts_of(i18n: I18n, person: User | None) -> Translator:
    """A person's texts: the language they chose, else their Telegram's, else the default."""
    return i18n.get(
        i18n.pick_locale(person.language, person.telegram_language) if person is not None else None
    )
