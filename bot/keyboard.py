"""Inline keyboards: text buttons with callback data, laid out in rows.

aiogram's ``InlineKeyboard`` validates every button as it is added and deep-copies
all of them again in ``as_markup``: about a millisecond per keyboard, and most answers
carry one. This keeps the same calls (``button``, ``adjust``, ``attach``, ``as_markup``)
for what the bot uses, text buttons with callback data, and builds each button once.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

MAX_ROW = 8
"""Telegram shows at most eight buttons in a row."""


class InlineKeyboard:
    """Buttons in rows of up to eight until :meth:`adjust` lays them out otherwise."""

    __slots__ = ("_rows",)

    def __init__(self) -> None:
        self._rows: list[list[InlineKeyboardButton]] = []

    def button(self, *, text: str, callback_data: CallbackData | str) -> InlineKeyboard:
        """Add a button after the others."""
        data = callback_data.pack() if isinstance(callback_data, CallbackData) else callback_data
        button = InlineKeyboardButton(text=text, callback_data=data)
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
