"""sendRichMessage: messages made of blocks (headings, paragraphs, lists, tables).

Checked as Telegram documents ``InputRichMessage``: exactly one of ``html``, ``markdown``
and ``blocks``; the total length of all texts, the number of blocks, list items and
table rows, the nesting depth and the number of table columns each have a limit; table
cells align ``left``/``center``/``right`` and ``top``/``middle``/``bottom``; a heading's
size is 1-6. The emulator takes the ``blocks`` form and the text blocks (media blocks
need files and are refused with a clear error, as are ``html`` and ``markdown``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulator.api.checks import (
    Handler,
    attach_markup,
    reply_markup,
    reply_target,
    spend_rate,
    thread_of,
    writable_chat,
)
from emulator.bots import EmBot
from emulator.errors import bad_request
from emulator.params import Params
from emulator.state import World

#: Telegram's options ``rich_message_*_max``, as the emulator applies them.
TEXT_LENGTH_MAX = 32768
BLOCK_COUNT_MAX = 500
DEPTH_MAX = 16
TABLE_COLUMN_COUNT_MAX = 20
HEADING_SIZES = range(1, 7)
ALIGNS = frozenset({"left", "center", "right"})
VALIGNS = frozenset({"top", "middle", "bottom"})

_TEXT_BLOCKS = frozenset({"paragraph", "heading", "pre", "footer", "pullquote", "thinking"})
_CONTAINERS = frozenset({"blockquote", "expandable_blockquote", "details"})
# Documented, but they carry files, buttons or formulas the emulator does not keep.
_UNSUPPORTED = frozenset(
    {"animation", "audio", "buttons", "collage", "document", "map", "mathematical_expression",
     "photo", "slideshow", "video", "voice_note"}
)  # fmt: skip
_RICH_TEXT_TYPES = frozenset(
    {
        "bold", "italic", "underline", "strikethrough", "spoiler", "date_time",
        "text_mention", "subscript", "superscript", "marked", "code", "custom_emoji",
        "mathematical_expression", "url", "email_address", "phone_number", "bank_card_number",
        "mention", "hashtag", "cashtag", "bot_command", "button", "anchor", "anchor_link",
        "reference", "reference_link",
    }
)  # fmt: skip


@dataclass
class _Tally:
    """What the limits count while a message is walked."""

    text: int = 0
    blocks: int = 0
    plain: list[str] | None = None


def _rich_text(value: Any, tally: _Tally, depth: int) -> str:
    """Check a RichText (a string, a list, or a typed object) and return its plain text."""
    if depth > DEPTH_MAX:
        raise bad_request("rich message is nested too deeply")
    if isinstance(value, str):
        tally.text += len(value)
        return value
    if isinstance(value, list):
        return "".join(_rich_text(part, tally, depth + 1) for part in value)
    if isinstance(value, dict) and value.get("type") in _RICH_TEXT_TYPES:
        return _rich_text(value.get("text", ""), tally, depth + 1)
    raise bad_request("can't parse rich text: unknown rich text type")


def _cell(cell: Any, tally: _Tally, depth: int) -> tuple[int, str]:
    if not isinstance(cell, dict):
        raise bad_request("can't parse table cell")
    if cell.get("align") not in ALIGNS:
        raise bad_request("table cell align must be one of 'left', 'center' or 'right'")
    if cell.get("valign") not in VALIGNS:
        raise bad_request("table cell valign must be one of 'top', 'middle' or 'bottom'")
    spans = [cell.get(name, 1) for name in ("colspan", "rowspan")]
    if any(not isinstance(span, int) or span < 1 for span in spans):
        raise bad_request("table cell colspan and rowspan must be positive")
    text = _rich_text(cell["text"], tally, depth + 1) if "text" in cell else ""
    return spans[0], text


def _table(block: dict[str, Any], tally: _Tally, depth: int) -> list[str]:
    rows = block.get("cells")
    if not isinstance(rows, list) or not rows or not all(isinstance(r, list) for r in rows):
        raise bad_request("table must have at least one row of cells")
    lines = []
    for row in rows:
        tally.blocks += 1
        cells = [_cell(cell, tally, depth) for cell in row]
        if sum(span for span, _ in cells) > TABLE_COLUMN_COUNT_MAX:
            raise bad_request(f"table must have at most {TABLE_COLUMN_COUNT_MAX} columns")
        lines.append(" | ".join(text for _, text in cells))
    if "caption" in block:
        lines.insert(0, _rich_text(block["caption"], tally, depth + 1))
    return lines


def _block(block: Any, tally: _Tally, depth: int) -> list[str]:
    """Check one block, count it, and return its lines of plain text."""
    if depth > DEPTH_MAX:
        raise bad_request("rich message is nested too deeply")
    if not isinstance(block, dict):
        raise bad_request("can't parse rich block")
    kind = block.get("type")
    tally.blocks += 1
    if kind in _UNSUPPORTED:
        raise bad_request(f"rich block '{kind}' is not supported by the emulator")
    if kind == "heading" and block.get("size") not in HEADING_SIZES:
        raise bad_request("heading size must be between 1 and 6")
    if kind in _TEXT_BLOCKS:
        return [_rich_text(block.get("text", ""), tally, depth + 1)]
    if kind in {"divider", "anchor"}:
        return ["—"] if kind == "divider" else []
    if kind == "table":
        return _table(block, tally, depth)
    if kind == "list":
        items = block.get("items")
        if not isinstance(items, list):
            raise bad_request("list must have items")
        lines = []
        for item in items:
            tally.blocks += 1
            nested = item.get("blocks", []) if isinstance(item, dict) else None
            if not isinstance(nested, list):
                raise bad_request("can't parse list item")
            lines += ["• " + line for b in nested for line in _block(b, tally, depth + 1)]
        return lines
    if kind in _CONTAINERS:
        nested = block.get("blocks")
        if not isinstance(nested, list):
            raise bad_request(f"{kind} must have blocks")
        summary = [_rich_text(block["summary"], tally, depth + 1)] if "summary" in block else []
        return summary + [line for b in nested for line in _block(b, tally, depth + 1)]
    raise bad_request(f"unknown rich block type '{kind}'")


def check_rich_message(value: Any) -> tuple[dict[str, Any], str]:
    """The ``RichMessage`` a valid ``InputRichMessage`` becomes, and its plain text."""
    if not isinstance(value, dict):
        raise bad_request("rich message must be an object")
    given = [name for name in ("html", "markdown", "blocks") if value.get(name) is not None]
    if len(given) != 1:
        raise bad_request("exactly one of html, markdown and blocks must be specified")
    if given[0] != "blocks":
        raise bad_request(f"rich message {given[0]} is not supported by the emulator")
    blocks = value["blocks"]
    if not isinstance(blocks, list) or not blocks:
        raise bad_request("rich message must not be empty")
    tally = _Tally()
    lines = [line for block in blocks for line in _block(block, tally, 1)]
    if tally.blocks > BLOCK_COUNT_MAX:
        raise bad_request(f"rich message must have at most {BLOCK_COUNT_MAX} blocks and rows")
    if tally.text > TEXT_LENGTH_MAX:
        raise bad_request("rich message is too long")
    shown: dict[str, Any] = {"blocks": blocks}
    if value.get("is_rtl"):
        shown["is_rtl"] = True
    return shown, "\n".join(lines)


async def send_rich_message(world: World, bot: EmBot, params: Params) -> Any:
    """sendRichMessage."""
    chat = writable_chat(world, bot, params)
    rich, plain = check_rich_message(params.get_json("rich_message"))
    thread_id = thread_of(chat, params)
    reply_to = reply_target(chat, params)
    markup = reply_markup(params)
    spend_rate(world, bot, chat)
    message = world.new_message(
        chat,
        sender=bot.as_dict(),
        from_bot=True,
        fields={"rich_message": rich},
        thread_id=thread_id,
        reply_to=reply_to,
    )
    message.html = plain
    attach_markup(chat, message, markup)
    return message.raw


METHODS: dict[str, Handler] = {"sendRichMessage": send_rich_message}
