"""Opening a request: ``/r 123``, ``/request 123``, ``/r`` alone, ``?start=r123`` and list buttons.

Every way in ends in :func:`bot.services.request_view.show_view`, which renders the view for
whoever asks. Presses on an old panel that no longer apply end in :func:`offer_fresh_panel`.
"""

from __future__ import annotations

import re

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.audience import MANAGING_ROLES, Audience
from bot.services.claims import eligible_experts
from bot.services.deep_links import REQUEST_PAYLOAD
from bot.services.desk import Desk
from bot.services.request_view import render_view, show_view
from bot.services.view_buttons import OpenRequest, ViewReassign
from domain.stages import is_final
from handlers.claims import experts_keyboard
from storage.models import Stage, User

router = Router(name=__name__)

_NUMBER = re.compile(r"^#?(\d{1,9})$")


@router.message(CommandStart(deep_link=True, magic=F.args.regexp(REQUEST_PAYLOAD)))
async def open_by_link(
    message: Message, command: CommandObject, desk: Desk, user: User, roles: frozenset[str]
) -> None:
    """``t.me/<bot>?start=r123``: the view of request 123."""
    found = REQUEST_PAYLOAD.match(command.args or "")
    if found is not None:
        await show_view(desk, int(found.group(1)), user, roles)


@router.message(Command("r", "request"))
async def open_by_number(
    message: Message,
    command: CommandObject,
    desk: Desk,
    user: User,
    t: Translator,
    roles: frozenset[str],
) -> None:
    """``/r 123`` opens request 123; ``/r`` alone opens the last one this person touched."""
    args = (command.args or "").strip()
    if not args:
        last = await desk.repo.workspace.last_touched(user.id)
        if last is None:
            await message.answer(t("view-usage"))
            return
        await show_view(desk, last, user, roles)
        return
    found = _NUMBER.match(args)
    if found is None:
        await message.answer(t("view-usage"))
        return
    await show_view(desk, int(found.group(1)), user, roles)


@router.callback_query(OpenRequest.filter())
async def open_from_list(
    query: CallbackQuery,
    callback_data: OpenRequest,
    desk: Desk,
    user: User,
    roles: frozenset[str],
) -> None:
    """A list's entry: the view arrives as a new message, the list stays where it was."""
    await show_view(desk, callback_data.request, user, roles)


@router.callback_query(ViewReassign.filter())
async def reassign_from_view(
    query: CallbackQuery,
    callback_data: ViewReassign,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """A manager's panel: the experts who may take the request, to pick one."""
    request = await desk.repo.requests.get(callback_data.request)
    if request is None or not roles & MANAGING_ROLES:
        callback_answer.show_alert = True
        callback_answer.text = t("claims-managers-only")
        return
    if is_final(Stage(request.stage)):
        # An old panel of a request closed since: no experts to pick from, the view now.
        callback_answer.show_alert = True
        callback_answer.text = t("claims-closed", number=request.id)
        await offer_fresh_panel(desk, query, user, roles, request.id)
        return
    experts = [e for e in await eligible_experts(desk, request) if e.id != request.owner_id]
    if not experts:
        callback_answer.show_alert = True
        callback_answer.text = t("claims-no-experts", number=request.id)
        return
    await desk.tell(
        user.id,
        t("claims-choose-expert", number=request.id),
        reply_markup=experts_keyboard(request, experts),
    )


async def offer_fresh_panel(
    desk: Desk,
    query: CallbackQuery,
    user: User,
    roles: frozenset[str],
    request_id: int,
) -> None:
    """Turn the pressed (stale) message into the request's view as it is now.

    The caller has already said in the press's answer what changed; here the person gets
    the buttons that apply now, in place of the ones that no longer do.
    """
    request = await desk.repo.requests.with_answers(request_id)
    if request is None or not isinstance(query.message, Message):
        return
    view = await render_view(desk, request, user, roles)
    try:
        await query.message.edit_text(view.panel, reply_markup=view.keyboard)
    except TelegramBadRequest:
        # The panel is gone or cannot be edited ("not modified" is success, see
        # bot.failures): show it afresh.
        await show_view(desk, request.id, user, roles)
        return
    if view.audience is not Audience.STRANGER:
        await desk.repo.workspace.remember_view(
            request_id=request.id,
            user_id=user.id,
            chat_id=query.message.chat.id,
            message_id=query.message.message_id,
        )
