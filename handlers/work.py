"""/work (what the team has in hand, by owner and stage, and what is postponed until when) and
/find (any request by its facts)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.i18n import Translator
from bot.services.audience import MANAGING_ROLES, TEAM_ROLES
from bot.services.card_text import stage_label
from bot.services.desk import Desk, display_name
from bot.services.pipeline import deadlines_of
from bot.services.view_buttons import open_buttons
from domain.normalize import normalize_phone
from storage.models import Request, Stage, User

router = Router(name=__name__)

WORK_LIMIT = 60
"""/work lists this many requests (the longest in their stage first); the rest are counted."""
POSTPONED_LIMIT = 30
"""…and this many postponed ones (the soonest back first); the rest are counted."""
FIND_LIMIT = 20


def age_in_stage(t: Translator, desk: Desk, request: Request) -> str:
    """How long the request has been in its stage, e.g. "3 d 4 h"."""
    minutes = max(0, int((desk.now() - request.stage_changed_at).total_seconds() // 60))
    return t("work-age", days=minutes // 1440, hours=minutes % 1440 // 60, minutes=minutes % 60)


@router.message(Command("work"))
async def work_command(
    message: Message, desk: Desk, user: User, t: Translator, roles: frozenset[str]
) -> None:
    """Requests in work, grouped by owner then stage, with age in stage and what is overdue;
    then, in a message of their own, the postponed ones with the day each comes back."""
    if not roles & MANAGING_ROLES:
        await message.answer(t("claims-managers-only"))
        return
    in_work, total = await desk.repo.request_lists.in_work(limit=WORK_LIMIT)
    postponed, parked = await desk.repo.request_lists.postponed(limit=POSTPONED_LIMIT)
    owners = await desk.repo.team.users({r.owner_id for r in [*in_work, *postponed] if r.owner_id})
    if not in_work:
        await message.answer(t("work-empty"))
    else:
        text, shown = await _in_work(t, desk, in_work, total, owners)
        await message.answer(text, reply_markup=open_buttons(t, shown).as_markup())
    if postponed:
        # A message of its own: the list in work may already fill one.
        zone = desk.zone_of(user)
        lines = [t("work-postponed-head", count=parked)]
        lines += [
            _postponed_line(t, desk, r, owners.get(r.owner_id or 0), zone) for r in postponed
        ]
        if parked > len(postponed):
            lines += ["", t("work-postponed-more", count=parked - len(postponed))]
        await message.answer("\n".join(lines), reply_markup=open_buttons(t, postponed).as_markup())


async def _in_work(
    t: Translator, desk: Desk, in_work: list[Request], total: int, owners: dict[int, User]
) -> tuple[str, list[Request]]:
    """The list in work by owner then stage, and the requests in that order for the buttons."""
    late_steps = await desk.repo.followups.overdue_steps({r.id for r in in_work}, desk.now())
    order = {stage.value: index for index, stage in enumerate(Stage)}
    in_work = sorted(
        in_work, key=lambda r: (display_name(owners.get(r.owner_id or 0)), order[r.stage])
    )
    lines = [t("work-head", count=total)]
    owner_id: int | None = None
    stage: str | None = None
    for request in in_work:
        if request.owner_id != owner_id:
            owner_id, stage = request.owner_id, None
            lines += ["", t("work-owner", owner=display_name(owners.get(owner_id or 0)))]
        if request.stage != stage:
            stage = request.stage
            lines.append(t("work-stage", stage=stage_label(t, stage)))
        lines.append(_work_line(t, desk, request, late_steps.get(request.id, 0)))
    if total > len(in_work):
        lines += ["", t("work-more", count=total - len(in_work))]
    return "\n".join(lines), in_work


def _postponed_line(
    t: Translator, desk: Desk, request: Request, owner: User | None, zone: ZoneInfo
) -> str:
    """Whose it is and the day it comes back in the reader's zone; a day past with the
    request still postponed means its owner did not answer the return."""
    back = request.postponed_until
    return t(
        "work-postponed-line",
        number=request.id,
        client=request.client_name or request.title or "—",
        owner=display_name(owner),
        day=t.date(back.astimezone(zone)) if back is not None else "—",
        late="yes" if back is not None and back <= desk.now() else "no",
    )


def _work_line(t: Translator, desk: Desk, request: Request, late_steps: int) -> str:
    deadlines = deadlines_of(desk, request)
    stage_overdue = deadlines is not None and desk.now() >= deadlines.due_at
    return t(
        "work-line",
        number=request.id,
        client=request.client_name or request.title or "—",
        age=age_in_stage(t, desk, request),
        overdue="yes" if stage_overdue else "no",
        steps=late_steps,
    )


@router.message(Command("find"))
async def find_command(
    message: Message, command: CommandObject, desk: Desk, t: Translator, roles: frozenset[str]
) -> None:
    """Number, company, phone in any format, e-mail or a word from the answers."""
    if not roles & TEAM_ROLES:
        await message.answer(t("queue-team-only"))
        return
    query = (command.args or "").strip()
    if len(query) < 2 and not query.isdigit():
        await message.answer(t("find-usage"))
        return
    found = await desk.repo.request_lists.search(
        query.lower(),
        phone=normalize_phone(query) if any(ch.isdigit() for ch in query) else None,
        limit=FIND_LIMIT,
    )
    if not found:
        await message.answer(t("find-nothing", query=query))
        return
    lines = [t("find-head", query=query, count=len(found))]
    lines += [
        t(
            "find-line",
            number=request.id,
            client=request.client_name or request.title or "—",
            stage=stage_label(t, request.stage),
        )
        for request in found
    ]
    await message.answer("\n".join(lines), reply_markup=open_buttons(t, found).as_markup())
