"""The bot's keyboard lays buttons out exactly as aiogram's builder would."""

from __future__ import annotations

import pytest
from aiogram.filters.callback_data import CallbackData
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboard import InlineKeyboard


class Pick(CallbackData, prefix="pick"):
    n: int


@pytest.mark.parametrize(
    ("count", "sizes"),
    [(1, ()), (3, (1,)), (5, (2,)), (7, (1, 3)), (9, (3, 2, 1)), (12, ()), (4, (8,))],
)
def test_rows_match_the_aiogram_builder(count: int, sizes: tuple[int, ...]) -> None:
    ours, theirs = InlineKeyboard(), InlineKeyboardBuilder()
    for n in range(count):
        ours.button(text=f"#{n}", callback_data=Pick(n=n))
        theirs.button(text=f"#{n}", callback_data=Pick(n=n))
    if sizes:
        ours.adjust(*sizes)
        theirs.adjust(*sizes)
    assert ours.as_markup() == theirs.as_markup()


def test_attached_rows_come_after_and_plain_strings_are_kept() -> None:
    top = (
        InlineKeyboard()
        .button(text="a", callback_data="x:1")
        .button(text="b", callback_data="x:2")
    )
    top.adjust(1)
    bottom = InlineKeyboard().button(text="c", callback_data=Pick(n=3))
    markup = top.attach(bottom).as_markup()
    assert [[b.text for b in row] for row in markup.inline_keyboard] == [["a"], ["b"], ["c"]]
    assert markup.inline_keyboard[2][0].callback_data == "pick:3"


def test_impossible_row_sizes_are_refused() -> None:
    with pytest.raises(ValueError, match="row sizes"):
        InlineKeyboard().adjust(0)
    with pytest.raises(ValueError, match="row sizes"):
        InlineKeyboard().adjust(9)
