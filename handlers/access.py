"""/invite (a manager's link for partners) and following it: ``?start=join-<code>``."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import Message

from bot.i18n import Translator
from bot.services.access import JOIN_PREFIX, create_invite, join
from bot.services.desk import Desk
from bot.services.steering import is_manager
from bot.settings import Settings
from domain.clock import Clock
from storage.models import User
from storage.repositories.holder import Repositories

router = Router(name=__name__)

DEFAULT_USES, DEFAULT_DAYS = 10, 7
MAX_USES, MAX_DAYS = 1000, 365


def read_invite_args(args: str | None) -> tuple[int, int] | None:
    """``/invite [uses] [days]``; ``None`` when they are not two small positive numbers."""
    parts = (args or "").split()
    if len(parts) > 2 or not all(part.isdigit() for part in parts):
        return None
    uses = int(parts[0]) if parts else DEFAULT_USES
    days = int(parts[1]) if len(parts) > 1 else DEFAULT_DAYS
    if not (1 <= uses <= MAX_USES and 1 <= days <= MAX_DAYS):
        return None
    return uses, days


@router.message(Command("invite"))
async def invite_command(
    message: Message,
    command: CommandObject,
    bot: Bot,
    repo: Repositories,
    clock: Clock,
    roles: frozenset[str],
    t: Translator,
    desk: Desk,
    user: User,
) -> None:
    """A link that makes whoever follows it a lead generator, for a number of people and days.

    Its end is told in the manager's own time zone (``/tz``), where they read every date.
    """
    if not is_manager(roles) or message.from_user is None:
        await message.answer(t("claims-managers-only"))
        return
    wanted = read_invite_args(command.args)
    if wanted is None:
        await message.answer(t("access-invite-usage", uses=MAX_USES, days=MAX_DAYS))
        return
    uses, days = wanted
    invite = await create_invite(repo, message.from_user.id, clock.now(), uses=uses, days=days)
    me = await bot.me()
    await message.answer(
        t(
            "access-invite-created",
            link=f"https://t.me/{me.username}?start={JOIN_PREFIX}{invite.code}",
            uses=uses,
            until=t.datetime(invite.expires_at.astimezone(desk.zone_of(user))),
        )
    )


@router.message(CommandStart(deep_link=True, magic=F.args.startswith(JOIN_PREFIX)))
async def join_link(
    message: Message,
    command: CommandObject,
    repo: Repositories,
    clock: Clock,
    t: Translator,
    settings: Settings,
) -> None:
    """A live link grants the lead-generator role; a dead one says how to get a new one."""
    if message.from_user is None:
        return
    code = (command.args or "").removeprefix(JOIN_PREFIX)
    joined = await join(repo, settings, message.from_user.id, code, clock.now())
    await message.answer(t(f"access-join-{joined.value}"))
