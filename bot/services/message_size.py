"""How much text one Telegram message takes, and a long text cut into messages that fit."""

from __future__ import annotations

from collections.abc import Iterable

from bot.i18n import plain_text

MESSAGE_LIMIT = 4096
"""The most characters Telegram takes in one message, counted once the markup is gone."""


def visible_length(text: str) -> int:
    """How long an HTML message is as Telegram counts it: tags out, entities decoded."""
    return len(plain_text(text))


def in_messages(pieces: Iterable[str], *, separator: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """``pieces`` joined by ``separator`` into as few messages as fit ``limit`` each, a piece
    never split between two: a brief or a recap longer than Telegram takes comes in parts."""
    messages: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{separator}{piece}" if current else piece
        if current and len(candidate) > limit:
            messages.append(current)
            candidate = piece
        current = candidate
    messages.append(current)
    return messages
