"""A manager's moves on a request: reopen it, close it as junk, move its stage for the owner.

Each takes a reason and goes through the stage machine like any other move. A move the
rules allow is made for the owner; one they do not (a meeting nobody recorded, a jump
over stages) is an override, recorded as such so that reports count it apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.services.buttons import JunkButton, JunkReason, SteerStage
from bot.services.card_text import junk_kept, junk_reason_text, stage_label
from bot.services.desk import Desk
from bot.services.progress import Move, MoveOutcome, change_stage
from bot.services.stages import manager_targets
from domain.stages import StageChangeError, Via, ensure_move, reopen_target
from storage.models import Request, Role, Stage, User

MANAGING_ROLES = frozenset({Role.MANAGER, Role.ADMIN})


def is_manager(roles: Iterable[str]) -> bool:
    return not MANAGING_ROLES.isdisjoint(roles)


def stages_keyboard(t: Translator, request: Request) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    for stage in manager_targets(request):
        builder.button(
            text=stage_label(t, stage.value),
            callback_data=SteerStage(request=request.id, to=stage),
        )
    builder.adjust(2)
    return builder.as_markup()


def junk_keyboard(t: Translator, request_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    for reason in JunkReason:
        builder.button(
            text=t(f"stages-junk-{reason.value.replace('_', '-')}"),
            callback_data=JunkButton(request=request_id, reason=reason),
        )
    builder.adjust(2)
    return builder.as_markup()


def manager_via(current: Stage, target: Stage) -> Via:
    """A move the rules allow is made for the owner; anything else is an override."""
    try:
        ensure_move(current, target, via=Via.MANAGER, reason="checked")
    except StageChangeError:
        return Via.OVERRIDE
    return Via.MANAGER


async def reopen(desk: Desk, request: Request, manager: User, reason: str) -> Stage | MoveOutcome:
    """Back to the stage it was closed from; the stage on success, else the refusal."""
    before = await desk.repo.events.stage_before(request.id, request.stage)
    came_from = Stage(before) if before in {s.value for s in Stage} else None
    target = reopen_target(came_from)
    outcome = await change_stage(
        desk, request, manager, target, Move(via=Via.MANAGER, reason=reason, came_from=came_from)
    )
    return target if outcome is MoveOutcome.MOVED else outcome


async def junk(
    desk: Desk, request: Request, manager: User, kind: JunkReason, typed: str | None = None
) -> MoveOutcome:
    """Close a new or taken request as junk: a listed kind, or the manager's ``typed``
    words (the request a duplicate repeats, any other reason)."""
    kept = junk_kept(kind, typed)
    move = Move(
        via=Via.MANAGER,
        reason=junk_reason_text(desk.team_t, kept),
        junk_reason=kind.value,
        junk_kept=kept,
    )
    return await change_stage(desk, request, manager, Stage.JUNK, move)


async def move_for_owner(
    desk: Desk, request: Request, manager: User, target: Stage, reason: str
) -> MoveOutcome:
    """Move the stage for an owner who is away; an override when the rules say no."""
    via = manager_via(Stage(request.stage), target)
    return await change_stage(desk, request, manager, target, Move(via=via, reason=reason))
