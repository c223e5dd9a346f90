"""Bot accounts: identity, update queue, webhook settings and command lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from emulator.updates import UpdateQueue


@dataclass
class WebhookConfig:
    """What setWebhook stored, plus the last delivery error for getWebhookInfo."""

    url: str
    secret_token: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass(eq=False)
class EmBot:
    """A bot account; its id is the number before the colon in its token."""

    token: str
    username: str
    first_name: str
    queue: UpdateQueue = field(default_factory=UpdateQueue)
    webhook: WebhookConfig | None = None
    commands: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def id(self) -> int:
        """Telegram bot id, taken from the token."""
        return int(self.token.split(":", 1)[0])

    def as_dict(self) -> dict[str, Any]:
        """The ``User`` object of the bot as it appears in messages."""
        return {
            "id": self.id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }

    def me(self) -> dict[str, Any]:
        """getMe: the ``User`` object with the bot-only fields."""
        return {
            **self.as_dict(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
