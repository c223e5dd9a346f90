"""Text and captions as the bot sends them: parse mode, explicit entities, length rules."""

from __future__ import annotations

import re
from typing import Any

from emulator.errors import ApiError, bad_request
from emulator.html import parse_html
from emulator.text import EntityParseError, FormattedText, trim

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_ESCAPE = re.compile(r"\\(.)")
_MD_MARKS = re.compile(r"(?<!\\)(\|\||```|[*_~`])")


def _parse_markdown(source: str) -> FormattedText:
    """Markdown is accepted as is: markers and escapes removed, no entities, no errors."""
    text = _MD_LINK.sub(r"\1", source)
    text = _MD_MARKS.sub("", text)
    return FormattedText(_MD_ESCAPE.sub(r"\1", text))


def format_text(
    source: str | None, parse_mode: str | None, entities: Any, *, empty_error: str
) -> FormattedText:
    """Apply the parse mode; raise the Bot API error a bad markup would get."""
    if source is None or source == "":
        raise bad_request(empty_error)
    mode = (parse_mode or "").lower()
    try:
        if mode == "html":
            formatted = parse_html(source)
        elif mode in {"markdown", "markdownv2"}:
            formatted = _parse_markdown(source)
        elif mode:
            raise bad_request(f"unsupported parse_mode {parse_mode!r}")
        else:
            given = entities if isinstance(entities, list) else []
            formatted = FormattedText(source, [dict(e) for e in given])
    except EntityParseError as error:
        raise ApiError(400, f"Bad Request: can't parse entities: {error}") from error
    result = trim(formatted)
    if not result.text:
        raise bad_request(empty_error)
    return result


def message_text(source: str | None, parse_mode: str | None, entities: Any) -> FormattedText:
    """A message text: 1..4096 characters once markup is gone."""
    result = format_text(source, parse_mode, entities, empty_error="message text is empty")
    if len(result.text) > 4096:
        raise bad_request("message is too long")
    return result


def caption_text(
    source: str | None, parse_mode: str | None, entities: Any
) -> FormattedText | None:
    """A media caption: optional, at most 1024 characters once markup is gone."""
    if not source:
        return None
    try:
        result = format_text(source, parse_mode, entities, empty_error="caption is empty")
    except ApiError as error:
        if error.description.endswith("caption is empty"):
            return None
        raise
    if len(result.text) > 1024:
        raise bad_request("message caption is too long")
    return result
