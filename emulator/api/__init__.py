"""Bot API methods, one module per family; ``METHODS`` maps lower-cased names to handlers."""

from __future__ import annotations

from emulator.api import account, chats, media, messages, polling, rich
from emulator.api.checks import Handler

METHODS: dict[str, Handler] = {
    name.lower(): handler
    for module in (account, chats, media, messages, polling, rich)
    for name, handler in module.METHODS.items()
}

# The spelling the Bot API documents, for logs and counters (Telegram ignores case).
CANONICAL_NAMES: dict[str, str] = {
    name.lower(): name
    for module in (account, chats, media, messages, polling, rich)
    for name in module.METHODS
}

__all__ = ["CANONICAL_NAMES", "METHODS", "Handler"]
