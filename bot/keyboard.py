"""Inline keyboards: text buttons with callback data, laid out in rows.

aiogram's ``InlineKeyboard`` validates every button as it is added and deep-copies
all of them again in ``as_markup``: about a millisecond per keyboard, and most answers
carry one. This keeps the same calls (``button``, ``adjust``, ``attach``, ``as_markup``)
for what the bot uses, text buttons with callback data, and builds each button once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import DisabledButton, InlineKeyboardButton, InlineKeyboardMarkup

MAX_ROW = 8
"""Telegram shows at most eight buttons in a row."""

ButtonStyle = Literal["success", "danger", "primary"]
"""Telegram's colours: green for the step forward, red for what cannot be taken back."""


class InlineKeyboard:
    """Buttons in rows of up to eight until :meth:`adjust` lays them out otherwise."""

    __slots__ = ("_rows",)

    def __init__(self) -> None:
        self._rows: list[list[InlineKeyboardButton]] = []

    def button(
        self,
        *,
        text: str,
        callback_data: CallbackData | str,
        style: ButtonStyle | None = None,
    ) -> InlineKeyboard:
        """Add a button after the others."""
        data = callback_data.pack() if isinstance(callback_data, CallbackData) else callback_data
        return self._add(InlineKeyboardButton(text=text, callback_data=data, style=style))

    def label(self, *, text: str) -> InlineKeyboard:
        """Add a disabled button: text that sits among the buttons and does nothing."""
        return self._add(InlineKeyboardButton(text=text, disabled=DisabledButton()))

    def _add(self, button: InlineKeyboardButton) -> InlineKeyboard:
        if self._rows and len(self._rows[-1]) < MAX_ROW:
            self._rows[-1].append(button)
        else:
            self._rows.append([button])
        return self

    def adjust(self, *sizes: int) -> InlineKeyboard:
        """Rows of the given sizes in turn, the last size repeating for the buttons left."""
        if any(not 1 <= size <= MAX_ROW for size in sizes):
            raise ValueError(f"row sizes must be 1 to {MAX_ROW}, got {sizes}")
        widths = sizes or (MAX_ROW,)
        buttons = [button for row in self._rows for button in row]
        rows: list[list[InlineKeyboardButton]] = []
        start = 0
        while start < len(buttons):
            width = widths[min(len(rows), len(widths) - 1)]
            rows.append(buttons[start : start + width])
            start += width
        self._rows = rows
        return self

    def attach(self, other: InlineKeyboard) -> InlineKeyboard:
        """Put the rows of ``other`` under these."""
        self._rows.extend(list(row) for row in other._rows)
        return self

    def as_markup(self) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup(inline_keyboard=[list(row) for row in self._rows])


def page_turns(
    *,
    page: int,
    pages: int,
    counter: str,
    back: str,
    forward: str,
    turn: Callable[[int], CallbackData],
) -> InlineKeyboard:
    """The row under a paged list: back, the counter ("2 / 5"), forward.

    The counter is a disabled button, so it reads as a label where the eye looks for the
    arrows; an arrow shows only where there is a page to go to, and one page gets no row.
    """
    row = InlineKeyboard()
    if pages <= 1:
        return row
    if page > 0:
        row.button(text=back, callback_data=turn(page - 1))
    row.label(text=counter)
    if page < pages - 1:
        row.button(text=forward, callback_data=turn(page + 1))
    return row
