"""Plain records the emulator keeps: people, chats, calls and counters.

Messages and their buttons are in :mod:`emulator.messages`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from emulator.messages import EmMessage

MemberStatus = Literal["creator", "administrator", "member", "restricted", "left", "kicked"]
PRESENT_STATUSES: frozenset[str] = frozenset({"creator", "administrator", "member", "restricted"})
ADMIN_STATUSES: frozenset[str] = frozenset({"creator", "administrator"})


@dataclass
class EmUser:
    """A person the test acts as."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "ru"
    blocked_bots: set[int] = field(default_factory=set)
    started: bool = True
    """Whether the person ever opened the chat with the bot: a bot cannot write first
    (403 "bot can't initiate conversation with a user") until they send it something."""

    def as_dict(self) -> dict[str, Any]:
        """The Telegram ``User`` object."""
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data

    @property
    def full_name(self) -> str:
        """First and last name, as clients show it."""
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name


@dataclass
class EmTopic:
    """A forum topic; ``thread_id`` is the id of the service message that created it."""

    thread_id: int
    name: str
    icon_color: int = 7322096
    icon_custom_emoji_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The Telegram ``ForumTopic`` object."""
        data: dict[str, Any] = {
            "message_thread_id": self.thread_id,
            "name": self.name,
            "icon_color": self.icon_color,
        }
        if self.icon_custom_emoji_id:
            data["icon_custom_emoji_id"] = self.icon_custom_emoji_id
        return data


GENERAL_TOPIC_ID = 1


@dataclass(eq=False)
class EmChat:
    """A private chat (id equals the user's id), a basic group or a supergroup."""

    id: int
    type: Literal["private", "group", "supergroup"]
    title: str | None = None
    user: EmUser | None = None
    is_forum: bool = False
    username: str | None = None
    members: dict[int, MemberStatus] = field(default_factory=dict)
    withheld: dict[int, set[str]] = field(default_factory=dict)
    """Administrator rights (``can_manage_tags``, ...) an administrator was not given."""
    tags: dict[int, str] = field(default_factory=dict)
    """Member tags the bot set (setChatMemberTag), shown beside a member's name."""
    topics: dict[int, EmTopic] = field(default_factory=dict)
    messages: dict[int, EmMessage] = field(default_factory=dict)
    bot_sent: list[EmMessage] = field(default_factory=list)
    reply_keyboard: dict[str, Any] | None = None
    last_message_id: int = 0
    migrated_to: int | None = None
    """The supergroup a basic group became; calls naming the old id are refused."""

    @property
    def is_private(self) -> bool:
        """True for a one-to-one chat with a user."""
        return self.type == "private"

    def as_dict(self) -> dict[str, Any]:
        """The Telegram ``Chat`` object embedded in messages."""
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.user is not None:
            data["first_name"] = self.user.first_name
            if self.user.last_name:
                data["last_name"] = self.user.last_name
            if self.user.username:
                data["username"] = self.user.username
        else:
            data["title"] = self.title
            if self.username:
                data["username"] = self.username
            if self.is_forum:
                data["is_forum"] = True
        return data

    def status_of(self, user_id: int) -> MemberStatus:
        """Membership status; anyone never seen counts as ``left``."""
        return self.members.get(user_id, "left")


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot answered to a button press (answerCallbackQuery)."""

    query_id: str
    text: str | None = None
    show_alert: bool = False
    url: str | None = None
    cache_time: int = 0


@dataclass
class CallRecord:
    """One Bot API call as the emulator saw and answered it."""

    method: str
    params: dict[str, Any]
    ok: bool
    time: float
    result: Any = None
    error_code: int | None = None
    description: str | None = None
    bot_id: int | None = None


@dataclass
class Stats:
    """Counters a benchmark or a test can read."""

    updates: int = 0
    calls: Counter[str] = field(default_factory=Counter)
    errors: Counter[int] = field(default_factory=Counter)
    too_many_requests: int = 0
    webhook_deliveries: int = 0
    webhook_failures: int = 0
    messages_sent_by_bots: int = 0


@dataclass
class StoredFile:
    """A file known to the emulator: uploaded by the bot or sent by a user."""

    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes | None
    file_name: str | None = None
    mime_type: str | None = None

    @property
    def size(self) -> int:
        """Size in bytes (0 when only a URL is known)."""
        return len(self.content) if self.content is not None else 0
