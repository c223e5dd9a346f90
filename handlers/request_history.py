"""A request's history from its view: a timeline message, paged in place."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.keyboard import page_turns
from bot.services.audience import may_read_history
from bot.services.desk import Desk
from bot.services.history import HistoryPage, history_page
from bot.services.view_buttons import HistoryTurn, ViewHistory
from storage.models import Request, User

router = Router(name=__name__)


def pages_keyboard(t: Translator, request_id: int, shown: HistoryPage) -> InlineKeyboardMarkup:
    """Earlier / Later, where there is somewhere to go, around the page counter."""
    return page_turns(
        page=shown.page,
        pages=shown.pages,
        counter=t("common-page-counter", page=shown.page + 1, pages=shown.pages),
        back=t("history-button-prev"),
        forward=t("history-button-next"),
        turn=lambda page: HistoryTurn(request=request_id, page=page),
    ).as_markup()


async def _readable(
    desk: Desk, request_id: int, user: User, roles: frozenset[str]
) -> Request | None:
    request = await desk.repo.requests.get(request_id)
    if request is None or not await may_read_history(desk, request, user, roles):
        return None
    return request


@router.callback_query(ViewHistory.filter())
async def history_pressed(
    query: CallbackQuery,
    callback_data: ViewHistory,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """The first page of the timeline, as a message of its own under the view."""
    request = await _readable(desk, callback_data.request, user, roles)
    if request is None:
        callback_answer.show_alert = True
        callback_answer.text = t("view-refused", number=callback_data.request)
        return
    shown = await history_page(desk, request, user, 0)
    await desk.tell(user.id, shown.text, reply_markup=pages_keyboard(t, request.id, shown))


@router.callback_query(HistoryTurn.filter())
async def history_turned(
    query: CallbackQuery,
    callback_data: HistoryTurn,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """Earlier or later: the same message shows another page."""
    request = await _readable(desk, callback_data.request, user, roles)
    if request is None:
        callback_answer.show_alert = True
        callback_answer.text = t("view-refused", number=callback_data.request)
        return
    shown = await history_page(desk, request, user, callback_data.page)
    if isinstance(query.message, Message):
        await query.message.edit_text(
            shown.text, reply_markup=pages_keyboard(t, request.id, shown)
        )
