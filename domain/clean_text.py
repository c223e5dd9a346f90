"""Text a person sent, made storable everywhere: what PostgreSQL or Telegram refuse is removed.

PostgreSQL's text columns refuse U+0000; a lone UTF-16 surrogate (which JSON may carry)
cannot be encoded at all; other C0 control characters and the non-characters U+FFFE and
U+FFFF are refused or shown as garbage by Telegram. Tabs and line breaks stay.
"""

from __future__ import annotations

import re

_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``text`` without the characters no database or chat would take."""
    return _REFUSED.sub("", text)


def needs_cleaning(text: str | None) -> bool:
    """Whether :func:`clean_text` would change ``text`` (cheap: one regex search)."""
    return text is not None and _REFUSED.search(text) is not None
