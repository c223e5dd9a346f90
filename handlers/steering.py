"""A manager steers a request from its panel: reopen it, close it as junk, move its stage.

Every move asks for a reason in words; the buttons only choose what to do. Roles are
checked again at every step, since the buttons stay in the chat after a role is revoked.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.buttons import JunkButton, JunkReason, SteerAct, SteerAction, SteerStage
from bot.services.card_text import owner_zone, stage_label, stage_summary
from bot.services.desk import Desk
from bot.services.followups import typed_within
from bot.services.progress import MoveOutcome, outcome_text
from bot.services.request_view import show_view
from bot.services.stages import manager_moves, manager_targets
from bot.services.steering import (
    is_manager,
    junk,
    junk_keyboard,
    manager_via,
    move_for_owner,
    reopen,
    stages_keyboard,
)
from domain.stages import Via
from handlers.request_view import offer_fresh_panel
from storage.models import Request, Stage, User

router = Router(name=__name__)

REASON_LIMIT = 500


class SteerForm(StatesGroup):
    """The typed reason of a manager's move."""

    reason = State()


async def _managed(
    desk: Desk, request_id: int, roles: frozenset[str], t: Translator, answer: CallbackAnswer
) -> Request | None:
    request = await desk.repo.requests.get(request_id)
    if not is_manager(roles):
        answer.show_alert, answer.text = True, t("claims-managers-only")
        return None
    if request is None:
        answer.show_alert, answer.text = True, t("claims-no-request", number=request_id)
    return request


@router.callback_query(SteerAction.filter())
async def action_pressed(
    query: CallbackQuery,
    callback_data: SteerAction,
    desk: Desk,
    roles: frozenset[str],
    user: User,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """Reopen asks why; junk offers its reasons; a move offers the stages."""
    request = await _managed(desk, callback_data.request, roles, t, callback_answer)
    if request is None:
        return
    act = callback_data.act
    if act not in manager_moves(request):
        await _stale(desk, query, user, roles, t, callback_answer, request)
        return
    if act is SteerAct.REOPEN:
        await _ask_reason(desk, user, t, state, request, "reopen")
    elif act is SteerAct.JUNK:
        await desk.tell(
            user.id,
            t("stages-junk-ask", number=request.id),
            reply_markup=junk_keyboard(t, request.id),
        )
    else:
        await desk.tell(
            user.id,
            t(
                "stages-move-ask",
                number=request.id,
                stage=stage_summary(t, request, await owner_zone(desk, request)),
            ),
            reply_markup=stages_keyboard(t, request),
        )


async def _stale(
    desk: Desk,
    query: CallbackQuery,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
    request: Request,
) -> None:
    """A steering button the request's stage has outgrown: say where it is, offer the panel."""
    callback_answer.show_alert = True
    stage = stage_summary(t, request, await owner_zone(desk, request))
    # An alert is plain text: a reason typed with "&" or "<" is shown as typed.
    callback_answer.text = t("stages-steer-stale", number=request.id, stage=stage)
    await offer_fresh_panel(desk, query, user, roles, request.id)


async def _ask_reason(
    desk: Desk,
    user: User,
    t: Translator,
    state: FSMContext,
    request: Request,
    act: str,
    **extra: str,
) -> None:
    await state.set_state(SteerForm.reason)
    await state.set_data({"request": request.id, "act": act, **extra})
    key = f"stages-ask-{act.replace('_', '-')}"
    await desk.tell(user.id, t(key, number=request.id, **extra))


@router.callback_query(JunkButton.filter())
async def junk_pressed(
    query: CallbackQuery,
    callback_data: JunkButton,
    desk: Desk,
    roles: frozenset[str],
    user: User,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """A listed reason closes at once; a duplicate asks which request, "other" asks why."""
    request = await _managed(desk, callback_data.request, roles, t, callback_answer)
    if request is None:
        return
    if SteerAct.JUNK not in manager_moves(request):
        await _stale(desk, query, user, roles, t, callback_answer, request)
        return
    kind = callback_data.reason
    if kind is JunkReason.DUPLICATE:
        await _ask_reason(desk, user, t, state, request, "duplicate")
        return
    if kind is JunkReason.OTHER:
        await _ask_reason(desk, user, t, state, request, "junk")
        return
    outcome = await junk(desk, request, user, kind)
    callback_answer.text = outcome_text(t, outcome, request.id, Stage.JUNK)
    if isinstance(query.message, Message):
        await query.message.edit_text(callback_answer.text)


@router.callback_query(SteerStage.filter())
async def stage_pressed(
    query: CallbackQuery,
    callback_data: SteerStage,
    desk: Desk,
    roles: frozenset[str],
    user: User,
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """The stage chosen; the reason is asked, warning when it overrides the rules."""
    request = await _managed(desk, callback_data.request, roles, t, callback_answer)
    if request is None:
        return
    target = callback_data.to
    if target not in manager_targets(request):
        await _stale(desk, query, user, roles, t, callback_answer, request)
        return
    via = manager_via(Stage(request.stage), target)
    act = "override" if via is Via.OVERRIDE else "move"
    await _ask_reason(
        desk, user, t, state, request, act, to=target.value, stage=stage_label(t, target.value)
    )


@router.message(SteerForm.reason, F.text)
async def reason_typed(
    message: Message,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    state: FSMContext,
) -> None:
    """The reason given: the move is made (or refused with why)."""
    data = await state.get_data()
    reason = await typed_within(message, t, REASON_LIMIT)
    if reason is None:
        return
    if not reason:
        await message.answer(t("stages-reason-empty"))
        return
    await state.clear()
    request = await desk.repo.requests.get(int(data.get("request", 0)))
    if request is None or not is_manager(roles):
        await message.answer(t("claims-managers-only"))
        return
    act = str(data.get("act", ""))
    target = Stage(str(data.get("to", request.stage)))
    if not _still_applies(request, act, target):
        # The request moved on while the reason was being typed (closed, released,
        # moved by its owner): a move chosen for the stage it had then is not made.
        stage = stage_summary(t, request, await owner_zone(desk, request))
        await message.answer(t("stages-steer-stale", number=request.id, stage=stage))
        await show_view(desk, request.id, user, roles)
        return
    if act == "reopen":
        reopened = await reopen(desk, request, user, reason)
        if isinstance(reopened, MoveOutcome):
            await message.answer(outcome_text(t, reopened, request.id, Stage.TAKEN))
        else:
            await message.answer(
                t("stages-reopened", number=request.id, stage=stage_label(t, reopened.value))
            )
        return
    if act in {"junk", "duplicate"}:
        kind = JunkReason.DUPLICATE if act == "duplicate" else JunkReason.OTHER
        outcome = await junk(desk, request, user, kind, reason)
        await message.answer(outcome_text(t, outcome, request.id, Stage.JUNK))
        return
    outcome = await move_for_owner(desk, request, user, target, reason)
    await message.answer(outcome_text(t, outcome, request.id, target))


def _still_applies(request: Request, act: str, target: Stage) -> bool:
    """Whether the move the manager chose is still one the request allows now."""
    moves = manager_moves(request)
    if act == "reopen":
        return SteerAct.REOPEN in moves
    if act in {"junk", "duplicate"}:
        return SteerAct.JUNK in moves
    return target in manager_targets(request)


@router.message(StateFilter(SteerForm))
async def not_a_reason(message: Message, t: Translator) -> None:
    """A sticker or a photo where the reason was asked: ask again."""
    await message.answer(t("stages-reason-empty"))
