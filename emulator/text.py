"""Text measurements as Telegram does them, and entities clients add by themselves."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MAX_TEXT = 4096
MAX_CAPTION = 1024

_COMMAND = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])")
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{4,32}\b")
_URL = re.compile(r"\bhttps?://[^\s<>\"]+")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of entity offsets."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


@dataclass
class FormattedText:
    """Plain text plus the entities that markup turned into."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


class EntityParseError(ValueError):
    """Markup Telegram would refuse with ``can't parse entities``."""


def trim(formatted: FormattedText) -> FormattedText:
    """Strip outer whitespace like Telegram, moving entities along with the text."""
    text = formatted.text
    stripped_left = text.lstrip()
    shift = utf16_len(text) - utf16_len(stripped_left)
    result = stripped_left.rstrip()
    end = utf16_len(result)
    entities: list[dict[str, Any]] = []
    for entity in formatted.entities:
        start = max(entity["offset"] - shift, 0)
        stop = min(entity["offset"] + entity["length"] - shift, end)
        if stop > start:
            entities.append({**entity, "offset": start, "length": stop - start})
    return FormattedText(result, entities)


def auto_entities(text: str) -> list[dict[str, Any]]:
    """Entities a Telegram client would attach to a typed message (commands, links)."""
    found: list[dict[str, Any]] = []
    for pattern, kind in ((_COMMAND, "bot_command"), (_MENTION, "mention"), (_URL, "url")):
        for match in pattern.finditer(text):
            found.append(
                {
                    "type": kind,
                    "offset": utf16_len(text[: match.start()]),
                    "length": utf16_len(match.group()),
                }
            )
    found.sort(key=lambda e: (e["offset"], -e["length"]))
    return found
