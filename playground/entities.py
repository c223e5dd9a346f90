"""A message's text and entities as the HTML the page shows, the way a Telegram client draws it.

Entity offsets count UTF-16 code units, so the text is cut in that unit. Entities nest;
when one ends inside another, the inner ones are closed and opened again, so the HTML is
always well formed. Everything between the tags is escaped text.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

_SIMPLE_TAGS = {
    "bold": ("<b>", "</b>"),
    "italic": ("<i>", "</i>"),
    "underline": ("<u>", "</u>"),
    "strikethrough": ("<s>", "</s>"),
    "spoiler": ('<span class="spoiler">', "</span>"),
    "code": ("<code>", "</code>"),
    "pre": ("<pre>", "</pre>"),
    "blockquote": ("<blockquote>", "</blockquote>"),
    "expandable_blockquote": ('<blockquote class="expandable">', "</blockquote>"),
    "mention": ('<span class="link">', "</span>"),
    "text_mention": ('<span class="link">', "</span>"),
    "hashtag": ('<span class="link">', "</span>"),
    "cashtag": ('<span class="link">', "</span>"),
    "email": ('<span class="link">', "</span>"),
    "phone_number": ('<span class="link">', "</span>"),
    "date_time": ('<span class="date">', "</span>"),
}
_SAFE_SCHEMES = ("http://", "https://", "tg://", "mailto:")


def _units(text: str) -> bytes:
    return text.encode("utf-16-le")


def _piece(units: bytes, start: int, stop: int) -> str:
    return units[start * 2 : stop * 2].decode("utf-16-le", errors="replace")


def _tags(entity: Mapping[str, Any], inner: str) -> tuple[str, str]:
    kind = str(entity.get("type"))
    if kind in _SIMPLE_TAGS:
        return _SIMPLE_TAGS[kind]
    if kind in ("text_link", "url"):
        href = str(entity.get("url") or inner)
        if not href.startswith(_SAFE_SCHEMES):
            href = "https://" + href if kind == "url" else ""
        if not href:
            return "", ""
        attribute = html.escape(href, quote=True)
        return f'<a href="{attribute}" target="_blank" rel="noopener">', "</a>"
    if kind == "bot_command":
        command = html.escape(inner, quote=True)
        return f'<span class="command" data-command="{command}">', "</span>"
    return "", ""


def to_html(text: str, entities: list[dict[str, Any]] | None) -> str:
    """Escaped ``text`` with every entity drawn as a tag."""
    units = _units(text)
    total = len(units) // 2
    spans = sorted(
        (
            (int(e["offset"]), int(e["offset"]) + int(e["length"]), e)
            for e in entities or []
            if int(e.get("length", 0)) > 0 and int(e.get("offset", 0)) < total
        ),
        key=lambda span: (span[0], -span[1]),
    )
    points = sorted({0, total, *(s for s, _, _ in spans), *(min(e, total) for _, e, _ in spans)})
    out: list[str] = []
    stack: list[tuple[int, str, str]] = []  # (end, opening tag, closing tag) of what is open
    position = 0
    for point in points:
        out.append(html.escape(_piece(units, position, point), quote=False))
        position = point
        reopen: list[tuple[int, str, str]] = []
        while any(end <= point for end, _, _ in stack):
            tag = stack.pop()
            out.append(tag[2])
            if tag[0] > point:
                reopen.append(tag)
        for tag in reversed(reopen):
            out.append(tag[1])
            stack.append(tag)
        for start, end, entity in spans:
            if start == point:
                stop = min(end, total)
                opening, closing = _tags(entity, _piece(units, start, stop))
                if opening:
                    out.append(opening)
                    stack.append((stop, opening, closing))
    while stack:
        out.append(stack.pop()[2])
    return "".join(out)
