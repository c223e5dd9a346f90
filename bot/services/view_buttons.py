"""Typed callback data of the request's view; short prefixes keep them under 64 bytes."""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from storage.models import Request


class OpenRequest(CallbackData, prefix="vo"):
    """An entry of a list (/my, /mine, /queue, a digest): open that request's view."""

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
            text=t("view-open", number=request.id, client=request.client_name or "—"),
            callback_data=OpenRequest(request=request.id),
        )
    builder.adjust(2)
    return builder
