"""A rich message (``sendRichMessage``: headings, paragraphs, lists, tables) as HTML.

Rich text is a string, a list of rich texts, or an object with a ``type`` and a ``text``;
blocks nest. Everything is escaped; only the tags chosen here reach the page.
"""

from __future__ import annotations

import html
from typing import Any

_TEXT_TAGS = {
    "bold": "b",
    "italic": "i",
    "underline": "u",
    "strikethrough": "s",
    "code": "code",
    "subscript": "sub",
    "superscript": "sup",
    "marked": "mark",
}
_LINKS = frozenset({"mention", "hashtag", "cashtag", "email_address", "phone_number"})
_ALIGNS = frozenset({"left", "center", "right"})
_VALIGNS = {"top": "top", "middle": "middle", "bottom": "bottom"}


def rich_text(value: Any) -> str:
    """Rich text as escaped HTML with its formatting."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return "".join(rich_text(part) for part in value)
    if not isinstance(value, dict):
        return ""
    kind = value.get("type")
    inner = rich_text(value.get("text", ""))
    if kind in _TEXT_TAGS:
        tag = _TEXT_TAGS[str(kind)]
        return f"<{tag}>{inner}</{tag}>"
    if kind == "spoiler":
        return f'<span class="spoiler">{inner}</span>'
    if kind == "url":
        href = str(value.get("url") or "")
        if href.startswith(("http://", "https://")):
            return f'<a href="{html.escape(href)}" target="_blank" rel="noopener">{inner}</a>'
        return f'<span class="link">{inner}</span>'
    if kind in _LINKS:
        return f'<span class="link">{inner}</span>'
    if kind == "bot_command":
        command = html.escape(str(value.get("text", "")), quote=True)
        return f'<span class="command" data-command="{command}">{inner}</span>'
    return inner


def _cell(cell: dict[str, Any]) -> str:
    tag = "th" if cell.get("is_header") else "td"
    attributes = []
    for span in ("colspan", "rowspan"):
        value = cell.get(span, 1)
        if isinstance(value, int) and value > 1:
            attributes.append(f'{span}="{value}"')
    align = cell.get("align")
    valign = _VALIGNS.get(str(cell.get("valign")))
    styles = [f"text-align:{align}"] if align in _ALIGNS else []
    if valign:
        styles.append(f"vertical-align:{valign}")
    if styles:
        attributes.append(f'style="{";".join(styles)}"')
    opening = " ".join([tag, *attributes])
    return f"<{opening}>{rich_text(cell.get('text', ''))}</{tag}>"


def _table(block: dict[str, Any]) -> str:
    caption = block.get("caption")
    head = f"<caption>{rich_text(caption)}</caption>" if caption is not None else ""
    rows = "".join(
        "<tr>" + "".join(_cell(cell) for cell in row if isinstance(cell, dict)) + "</tr>"
        for row in block.get("cells") or []
        if isinstance(row, list)
    )
    return f'<div class="rich-table"><table>{head}{rows}</table></div>'


def _blocks(blocks: Any) -> str:
    return "".join(_block(block) for block in blocks or [] if isinstance(block, dict))


def _block(block: dict[str, Any]) -> str:
    kind = block.get("type")
    text = rich_text(block.get("text", ""))
    if kind == "heading":
        size = block.get("size", 1)
        level = min(6, 2 + size) if isinstance(size, int) else 3
        return f"<h{level}>{text}</h{level}>"
    simple = {
        "paragraph": ("<p>", "</p>"),
        "pre": ("<pre>", "</pre>"),
        "footer": ('<p class="footer">', "</p>"),
        "pullquote": ('<blockquote class="pull">', "</blockquote>"),
        "thinking": ('<p class="thinking">', "</p>"),
    }
    if kind in simple:
        opening, closing = simple[str(kind)]
        return f"{opening}{text}{closing}"
    if kind == "divider":
        return "<hr>"
    if kind == "table":
        return _table(block)
    if kind == "list":
        tag = "ol" if block.get("is_ordered") else "ul"
        items = "".join(
            f"<li>{_blocks(item.get('blocks'))}</li>"
            for item in block.get("items") or []
            if isinstance(item, dict)
        )
        return f"<{tag}>{items}</{tag}>"
    if kind in ("blockquote", "expandable_blockquote"):
        css = ' class="expandable"' if kind == "expandable_blockquote" else ""
        return f"<blockquote{css}>{_blocks(block.get('blocks'))}</blockquote>"
    if kind == "details":
        summary = rich_text(block.get("summary", ""))
        return f"<details><summary>{summary}</summary>{_blocks(block.get('blocks'))}</details>"
    return ""


def rich_html(message: dict[str, Any]) -> str:
    """A ``RichMessage`` as the HTML the page puts in the bubble."""
    return _blocks(message.get("blocks"))
