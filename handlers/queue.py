"""/queue (open requests by age), /mine (an expert's requests by stage), /assign."""

from __future__ import annotations

from datetime import datetime

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.i18n import Translator
from bot.services.audience import MANAGING_ROLES
from bot.services.card_text import stage_label
from bot.services.desk import Desk
from bot.services.message_size import MESSAGE_LIMIT
from bot.services.view_buttons import open_buttons
from handlers.brief.owners import assign_by_manager
from scenarios.schema import localized
from storage.models import Request, Role, Stage, User

router = Router(name=__name__)

TEAM_ROLES = frozenset({Role.EXPERT, Role.MANAGER, Role.ADMIN})
QUEUE_LIMIT = 30
MINE_ROOM = MESSAGE_LIMIT - 200
"""/mine lists what fits one message, leaving room for the count of the rest."""


def age_text(t: Translator, desk: Desk, since: datetime) -> str:
    """How long since ``since``, e.g. "2 h 5 min"."""
    minutes = max(0, int((desk.now() - since).total_seconds() // 60))
    return t("queue-age", hours=minutes // 60, minutes=minutes % 60)


def request_line(t: Translator, desk: Desk, request: Request, *, in_stage: bool = False) -> str:
    """One request of a list, aged since it came in, or (``in_stage``) since its stage began.

    Marked when its card has not reached the team group yet.
    """
    scenario = desk.scenario(request.scenario_id)
    line = t(
        "queue-line",
        priority=request.priority,
        number=request.id,
        scenario=localized(scenario.title, t.locale) if scenario else request.scenario_id,
        client=request.client_name or request.title or "—",
        age=age_text(t, desk, request.stage_changed_at if in_stage else request.created_at),
    )
    if desk.settings.team_chat_id is not None and request.team_message_id is None:
        line += t("queue-not-in-group")
    return line


@router.message(Command("queue"))
async def queue_command(
    message: Message, desk: Desk, t: Translator, roles: frozenset[str]
) -> None:
    """Requests nobody has taken yet, oldest first."""
    if not roles & TEAM_ROLES:
        await message.answer(t("queue-team-only"))
        return
    waiting = await desk.repo.request_lists.open_queue(limit=QUEUE_LIMIT)
    if not waiting:
        await message.answer(t("queue-empty"))
        return
    lines = [t("queue-head", count=len(waiting))]
    lines += [request_line(t, desk, request) for request in waiting]
    await message.answer("\n".join(lines), reply_markup=open_buttons(t, waiting).as_markup())


@router.message(Command("mine"))
async def mine_command(
    message: Message, desk: Desk, user: User, t: Translator, roles: frozenset[str]
) -> None:
    """The expert's open requests, grouped by stage in the order of the funnel."""
    if not roles & TEAM_ROLES:
        await message.answer(t("queue-team-only"))
        return
    owned = await desk.repo.team.owned(user.id)
    if not owned:
        await message.answer(t("mine-empty"))
        return
    lines = [t("mine-head", count=len(owned))]
    shown: list[Request] = []
    size = len(lines[0])
    full = False
    for stage in Stage:
        here = [request for request in owned if request.stage == stage.value]
        if full or not here:
            continue
        head = t("mine-stage", stage=stage_label(t, stage.value), count=len(here))
        for request in here:
            line = request_line(t, desk, request, in_stage=True)
            # Months of nurture fill the list: what does not fit one message is counted.
            if size + len(head) + len(line) + 3 > MINE_ROOM:
                full = True
                break
            if head:
                lines += ["", head]
                size += len(head) + 2
                head = ""
            lines.append(line)
            size += len(line) + 1
            shown.append(request)
    if len(shown) < len(owned):
        lines += ["", t("work-more", count=len(owned) - len(shown))]
    await message.answer("\n".join(lines), reply_markup=open_buttons(t, shown).as_markup())


@router.message(Command("assign"))
async def assign_command(
    message: Message,
    command: CommandObject,
    desk: Desk,
    user: User,
    t: Translator,
    roles: frozenset[str],
) -> None:
    """``/assign 123 @user``: a manager gives a request to an expert.

    Whether the sender may assign at all comes first: an expert is told that, not that
    the person they named is unknown.
    """
    if not roles & MANAGING_ROLES:
        await message.answer(t("claims-managers-only"))
        return
    parts = (command.args or "").split()
    number = parts[0].lstrip("#") if parts else ""
    if len(parts) != 2 or not number.isdigit():
        await message.answer(t("assign-usage"))
        return
    expert = await desk.repo.team.find_user(parts[1])
    if expert is None:
        await message.answer(t("claims-unknown-person"))
        return
    await message.answer(await assign_by_manager(desk, t, int(number), expert.id, user, roles))
