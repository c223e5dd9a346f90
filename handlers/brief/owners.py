"""Who owns the request: the owner gives it back, or a manager assigns it to an expert.

The manager's pick of an expert arrives in private too; :func:`assign_by_manager` is
shared with /assign (see :mod:`handlers.queue`).
"""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.buttons import AssignButton, ReleaseButton
from bot.services.claims import Assigned, assign, refusal_for, refusal_text, release
from bot.services.desk import Desk, display_name, plain, work_refusal
from handlers.brief.moves import remember_pressed
from handlers.request_view import offer_fresh_panel
from storage.models import Role, User

router = Router(name=__name__)

MANAGING_ROLES = frozenset({Role.MANAGER, Role.ADMIN})


@router.callback_query(ReleaseButton.filter())
async def release_pressed(
    query: CallbackQuery,
    callback_data: ReleaseButton,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """Give the request back; the card opens again, the group is told, the panel follows.

    An old panel's press on a request closed since says it is closed, and one on a request
    someone else owns now that it is not theirs; either way the panel shows it as it is.
    """
    request = await desk.repo.requests.get(callback_data.request)
    if request is not None and request.owner_id == user.id:
        await remember_pressed(desk, query, request.id)
    refusal = work_refusal(request, user)
    if request is None or refusal is not None or not await release(desk, request, user):
        callback_answer.show_alert = True
        callback_answer.text = t(refusal or "claims-not-yours", number=callback_data.request)
        if request is not None:
            await offer_fresh_panel(desk, query, user, roles, request.id)
        return
    callback_answer.text = t("claims-released", number=request.id)


@router.callback_query(AssignButton.filter())
async def assign_pressed(
    query: CallbackQuery,
    callback_data: AssignButton,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """A manager's choice of expert: the request, its card and its brief move to them.

    What came of it replaces the list of experts: it may say why, with two names, longer
    than the 200 characters an answer to a press may carry (Telegram would refuse the
    answer and the assignment with it), and it is HTML, which an alert shows as typed.
    """
    outcome = await assign_by_manager(
        desk, t, callback_data.request, callback_data.user, user, roles
    )
    if isinstance(query.message, Message):
        await query.message.edit_text(outcome)
    else:
        callback_answer.show_alert = True
        callback_answer.text = outcome


async def assign_by_manager(
    desk: Desk,
    t: Translator,
    request_id: int,
    expert_id: int,
    manager: User,
    roles: frozenset[str],
) -> str:
    """Shared by the button and /assign: checks, assigns, and says what happened."""
    if not roles & MANAGING_ROLES:
        return t("claims-managers-only")
    request = await desk.repo.requests.get(request_id)
    expert = await desk.repo.users.get(expert_id)
    if request is None:
        return t("claims-no-request", number=request_id)
    if expert is None:
        return t("claims-unknown-person")
    expert_roles = frozenset(str(role) for role in expert.roles)
    refusal = await refusal_for(desk, expert, expert_roles, request)
    if refusal is not None:
        return t(
            "claims-cannot-assign",
            name=display_name(expert),
            why=plain(refusal_text(desk, manager, refusal)),
        )
    if expert.is_blocked:
        return t("claims-assign-blocked", name=display_name(expert))
    assigned = await assign(desk, request, expert, by=manager)
    if assigned is Assigned.UNCHANGED:
        return t("claims-assign-unchanged", number=request.id)
    done = t("claims-assigned", number=request.id, name=display_name(expert))
    if assigned is Assigned.UNDELIVERED:
        return done + "\n" + t("claims-assigned-undelivered", name=display_name(expert))
    return done
