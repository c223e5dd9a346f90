"""sendRichMessage through aiogram's Bot: tables arrive as tables, the limits are Telegram's."""

from __future__ import annotations

from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import SendRichMessage
from aiogram.types import (
    InputRichBlockParagraph,
    InputRichBlockSectionHeading,
    InputRichBlockTable,
    InputRichMessage,
    Message,
    RichBlockTable,
    RichBlockTableCell,
    RichTextBold,
)

from emulator import TelegramEmulator
from emulator.api.rich import BLOCK_COUNT_MAX, TABLE_COLUMN_COUNT_MAX, TEXT_LENGTH_MAX
from tests.emulator.conftest import FORUM_ID, USER_ID


def cell(text: str, **kwargs: Any) -> RichBlockTableCell:
    return RichBlockTableCell(text=text, align="left", valign="middle", **kwargs)


def table(rows: int = 2, columns: int = 2) -> InputRichBlockTable:
    return InputRichBlockTable(
        cells=[[cell(f"{row}.{column}") for column in range(columns)] for row in range(rows)],
        caption="Funnel",
        is_bordered=True,
    )


async def test_a_table_comes_back_as_a_rich_message_with_the_same_cells(
    tg: TelegramEmulator, bot: Bot
) -> None:
    sent = await bot.send_rich_message(
        chat_id=USER_ID,
        rich_message=InputRichMessage(
            blocks=[
                InputRichBlockSectionHeading(text="Report", size=2),
                InputRichBlockParagraph(text=["Won: ", RichTextBold(text="2")]),
                InputRichBlockTable(
                    cells=[
                        [cell("Stage", is_header=True), cell("Reached", is_header=True)],
                        [cell("taken"), RichBlockTableCell(text="6", align="right", valign="top")],
                    ],
                    is_striped=True,
                ),
            ]
        ),
    )
    assert isinstance(sent, Message)
    assert sent.rich_message is not None
    heading, paragraph, block = sent.rich_message.blocks
    assert (heading.type, paragraph.type) == ("heading", "paragraph")
    assert isinstance(block, RichBlockTable)
    assert [[c.text for c in row] for row in block.cells] == [["Stage", "Reached"], ["taken", "6"]]
    assert block.cells[0][0].is_header
    assert block.is_striped
    seen = await tg.next_bot_message(USER_ID)
    assert seen.html == "Report\nWon: 2\nStage | Reached\ntaken | 6"


async def test_a_rich_message_goes_to_a_forum_topic(tg: TelegramEmulator, bot: Bot) -> None:
    topic = await bot.create_forum_topic(FORUM_ID, "Reports")
    sent = await bot.send_rich_message(
        chat_id=FORUM_ID,
        rich_message=InputRichMessage(blocks=[table()]),
        message_thread_id=topic.message_thread_id,
    )
    assert sent.message_thread_id == topic.message_thread_id


@pytest.mark.parametrize(
    ("rich_message", "error"),
    [
        (InputRichMessage(), "exactly one of html, markdown and blocks"),
        (InputRichMessage(html="<p>a</p>", blocks=[table()]), "exactly one of"),
        (InputRichMessage(blocks=[]), "must not be empty"),
        (
            InputRichMessage(blocks=[InputRichBlockSectionHeading(text="a", size=7)]),
            "heading size must be between 1 and 6",
        ),
        (
            InputRichMessage(blocks=[table(columns=TABLE_COLUMN_COUNT_MAX + 1)]),
            f"at most {TABLE_COLUMN_COUNT_MAX} columns",
        ),
        (
            InputRichMessage(blocks=[table(rows=BLOCK_COUNT_MAX)]),
            f"at most {BLOCK_COUNT_MAX} blocks and rows",
        ),
        (
            InputRichMessage(blocks=[InputRichBlockParagraph(text="x" * (TEXT_LENGTH_MAX + 1))]),
            "rich message is too long",
        ),
        (
            InputRichMessage(
                blocks=[
                    InputRichBlockTable(
                        cells=[[RichBlockTableCell(text="a", align="justify", valign="top")]]
                    )
                ]
            ),
            "align must be one of",
        ),
        (
            InputRichMessage(
                blocks=[
                    InputRichBlockTable(
                        cells=[[RichBlockTableCell(text="a", align="left", valign="centre")]]
                    )
                ]
            ),
            "valign must be one of",
        ),
        (
            InputRichMessage(blocks=[InputRichBlockTable(cells=[[cell("a", colspan=0)]])]),
            "colspan and rowspan must be positive",
        ),
    ],
)
async def test_a_rich_message_breaking_a_documented_rule_is_refused(
    bot: Bot, rich_message: InputRichMessage, error: str
) -> None:
    with pytest.raises(TelegramBadRequest, match=error):
        await bot(SendRichMessage(chat_id=USER_ID, rich_message=rich_message))


async def test_a_message_at_each_limit_is_accepted(bot: Bot) -> None:
    rows = BLOCK_COUNT_MAX - 1  # the table block itself counts too
    for block in (
        table(rows=rows),
        table(rows=1, columns=TABLE_COLUMN_COUNT_MAX),
        InputRichBlockParagraph(text="x" * TEXT_LENGTH_MAX),
    ):
        sent = await bot.send_rich_message(
            chat_id=USER_ID, rich_message=InputRichMessage(blocks=[block])
        )
        assert sent.rich_message is not None
