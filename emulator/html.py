"""Telegram's HTML parse mode: the tags it accepts, the entities it makes, the errors it gives.

Validation follows the Bot API rules strictly, because a bot that passes here must not
meet ``can't parse entities`` in production: an unknown tag, an unclosed or crossed tag,
or a bare ``<`` or ``&`` is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from emulator.text import EntityParseError, FormattedText, utf16_len

_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
    "tg-time": "date_time",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPECIAL = re.compile(r"[<&]")
_CHAR_REF = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_TAG_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*")
_DATE_TIME_FORMAT = re.compile(r"r|w?[dD]?[tT]?")
"""What a ``date_time`` entity's format may be: relative, or weekday, date and time parts."""
_ATTR = re.compile(r"\s*([a-zA-Z_-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+)))?")


@dataclass
class _Open:
    name: str
    kind: str | None
    start: int
    attrs: dict[str, str] = field(default_factory=dict)
    language: str | None = None


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8"))


def _unescape_at(source: str, index: int) -> tuple[str, int]:
    """Decode the character reference starting at ``index``; return it and where it ends."""
    match = _CHAR_REF.match(source, index)
    if match is None:
        raise EntityParseError(
            f"Character entity expected at byte offset {_byte_offset(source, index)}"
        )
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        if name not in _NAMED:
            raise EntityParseError(
                f'Unsupported HTML entity "&{name};" at byte offset {_byte_offset(source, index)}'
            )
        return _NAMED[name], match.end()
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code == 0:
        raise EntityParseError(f"Invalid character reference at byte offset {index}")
    return chr(code), match.end()


def _unescape_value(value: str) -> str:
    out: list[str] = []
    index = 0
    while (found := value.find("&", index)) != -1:
        out.append(value[index:found])
        try:
            char, index = _unescape_at(value, found)
        except EntityParseError:
            char, index = "&", found + 1
        out.append(char)
    out.append(value[index:])
    return "".join(out)


def _parse_attrs(rest: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for match in _ATTR.finditer(rest):
        if not match.group(1):
            continue
        raw = next((g for g in match.groups()[1:] if g is not None), "")
        attrs[match.group(1).lower()] = _unescape_value(raw)
    return attrs


def _open_tag(source: str, index: int, body: str) -> _Open:
    match = _TAG_NAME.match(body)
    name = match.group().lower() if match else ""
    offset = _byte_offset(source, index)
    if name not in _TAG_ENTITY:
        raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {offset}')
    attrs = _parse_attrs(body[match.end() :] if match else "")
    kind: str | None = _TAG_ENTITY[name]
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
    if name == "a" and not attrs.get("href"):
        kind = None
    if name == "tg-emoji" and not attrs.get("emoji-id"):
        raise EntityParseError(
            f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {offset}'
        )
    if name == "tg-time":
        _check_date_time(attrs, offset)
    if name == "blockquote" and "expandable" in attrs:
        kind = "expandable_blockquote"
    return _Open(name=name, kind=kind, start=0, attrs=attrs)


def _check_date_time(attrs: dict[str, str], offset: int) -> None:
    """A ``tg-time`` needs its moment as Unix time, and a format clients know how to show."""
    if not attrs.get("unix", "").isdigit():
        raise EntityParseError(
            f'Tag "tg-time" must have attribute "unix" with a Unix time at byte offset {offset}'
        )
    if not _DATE_TIME_FORMAT.fullmatch(attrs.get("format", "")):
        raise EntityParseError(
            f'Invalid date and time format "{attrs["format"]}" at byte offset {offset}'
        )


def _entity(tag: _Open, end: int) -> dict[str, Any] | None:
    if tag.kind is None or end <= tag.start:
        return None
    entity: dict[str, Any] = {"type": tag.kind, "offset": tag.start, "length": end - tag.start}
    if tag.kind == "text_link":
        entity["url"] = tag.attrs["href"]
    elif tag.kind == "custom_emoji":
        entity["custom_emoji_id"] = tag.attrs["emoji-id"]
    elif tag.kind == "date_time":
        entity["unix_time"] = int(tag.attrs["unix"])
        if tag.attrs.get("format"):
            entity["date_time_format"] = tag.attrs["format"]
    elif tag.kind == "pre" and tag.language:
        entity["language"] = tag.language
    return entity


def parse_html(source: str) -> FormattedText:
    """Turn Telegram HTML into plain text and entities, or raise ``EntityParseError``."""
    out: list[str] = []
    position = 0  # UTF-16 length of ``out`` so far
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    index = 0
    while (found := _SPECIAL.search(source, index)) is not None:
        chunk = source[index : found.start()]
        out.append(chunk)
        position += utf16_len(chunk)
        index = found.start()
        if source[index] == "&":
            char, index = _unescape_at(source, index)
            out.append(char)
            position += utf16_len(char)
            continue
        end = source.find(">", index)
        if end == -1:
            raise EntityParseError(
                f"Unclosed start tag at byte offset {_byte_offset(source, index)}"
            )
        body = source[index + 1 : end]
        if body.startswith("/"):
            name = body[1:].strip().lower()
            if not stack:
                raise EntityParseError(
                    f"Unexpected end tag at byte offset {_byte_offset(source, index)}"
                )
            top = stack.pop()
            if top.name != name:
                raise EntityParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(source, index)}, "
                    f'expected "</{top.name}>", found "</{name}>"'
                )
            if (
                top.name == "code"
                and stack
                and stack[-1].name == "pre"
                and top.start == stack[-1].start
            ):
                language = top.attrs.get("class", "")
                if language.startswith("language-"):
                    stack[-1].language = language.removeprefix("language-")
                    top.kind = None
            if (entity := _entity(top, position)) is not None:
                entities.append(entity)
        else:
            tag = _open_tag(source, index, body)
            tag.start = position
            stack.append(tag)
        index = end + 1
    tail = source[index:]
    out.append(tail)
    if stack:
        raise EntityParseError(
            f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"'
        )
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return FormattedText("".join(out), entities)


def escape(text: str) -> str:
    """Escape text for HTML parse mode (what ``html.escape`` does, minus the apostrophe)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
