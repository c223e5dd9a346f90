"""Typed callback data of the request's view; short prefixes keep them under 64 bytes."""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from pydantic import Field

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.services.desk import plain
from storage.models import Request


class OpenRequest(CallbackData, prefix="vo"):
    """An entry of a list (/my, /mine, /queue, a digest) or a reminder: open that request's
    view."""

    request: int = Field(ge=1)


class ViewAdd(CallbackData, prefix="vn"):
    """ "Add a file or note" on a view; ``for_author`` when the team writes to the author."""

    request: int = Field(ge=1)
    for_author: bool = False


class ViewFiles(CallbackData, prefix="vf"):
    """ "All files and notes": the view's files and notes sent back in full."""

    request: int = Field(ge=1)


class ViewHistory(CallbackData, prefix="vh"):
    """ "History" on a view: the request's timeline as a message of its own."""

    request: int = Field(ge=1)


class HistoryTurn(CallbackData, prefix="vt"):
    """Earlier / Later under the timeline."""

    request: int = Field(ge=1)
    page: int = Field(ge=0)


class ViewReassign(CallbackData, prefix="va"):
    """ "Reassign" on a manager's panel: the experts who may take the request."""

    request: int = Field(ge=1)


def open_buttons(t: Translator, requests: Iterable[Request]) -> InlineKeyboard:
    """One "open" button per listed request, two to a row, under any list."""
    builder = InlineKeyboard()
    for request in requests:
        builder.button(
            # A button's label is plain text: "R&D" must not read "R&amp;D".
            text=t("view-open", number=request.id, client=plain(request.client_name or "—")),
            callback_data=OpenRequest(request=request.id),
        )
    builder.adjust(2)
    return builder


def open_button(t: Translator, request_id: int) -> InlineKeyboardButton:
    """ "Open request #N": the view of the request a reminder or a notice is about."""
    return InlineKeyboardButton(
        text=t("view-button-open", number=request_id),
        callback_data=OpenRequest(request=request_id).pack(),
    )


def with_open_button(
    t: Translator, request_id: int, markup: InlineKeyboardMarkup | None = None
) -> InlineKeyboardMarkup:
    """``markup``'s rows (if any) and under them the request's "open" button.

    Every message about one request carries it, so the brief and the panel are one tap
    away from a reminder, whatever buttons of its own the reminder has.
    """
    rows = list(markup.inline_keyboard) if markup is not None else []
    return InlineKeyboardMarkup(inline_keyboard=[*rows, [open_button(t, request_id)]])
