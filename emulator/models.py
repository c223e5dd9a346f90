"""Plain records the emulator keeps: people, chats, messages, calls and counters.

``EmMessage`` is live: edits and deletions update the same object, so a test holding a
message always sees what the chat shows now (``history`` keeps the earlier versions).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

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
class EmButton:
    """One inline keyboard button."""

    text: str
    callback_data: str | None = None
    url: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def style(self) -> str | None:
        """'success', 'danger' or 'primary' when the bot coloured the button."""
        return self.raw.get("style")

    @property
    def disabled(self) -> bool:
        """A disabled button shows its text and does nothing when pressed."""
        return "disabled" in self.raw


@dataclass(eq=False)
class EmMessage:
    """A message as the chat shows it now, with what the test needs to assert on."""

    raw: dict[str, Any]
    from_bot: bool
    html: str | None = None
    edited: bool = False
    deleted: bool = False
    document_bytes: bytes | None = None
    markup: dict[str, Any] | None = None
    history: list[dict[str, Any]] = field(default_factory=list)

    @property
    def message_id(self) -> int:
        """Telegram message id (increasing per chat)."""
        return int(self.raw["message_id"])

    @property
    def chat_id(self) -> int:
        """The chat the message lives in."""
        return int(self.raw["chat"]["id"])

    @property
    def thread_id(self) -> int | None:
        """Forum topic id, None outside topics."""
        value = self.raw.get("message_thread_id")
        return None if value is None else int(value)

    @property
    def from_user_id(self) -> int | None:
        """Sender id (a bot's id for bot messages)."""
        sender = self.raw.get("from")
        return None if sender is None else int(sender["id"])

    @property
    def text(self) -> str:
        """Plain text or caption, with markup already turned into entities."""
        return str(self.raw.get("text") or self.raw.get("caption") or "")

    @property
    def entities(self) -> list[dict[str, Any]]:
        """Entities of the text or the caption."""
        found = self.raw.get("entities") or self.raw.get("caption_entities") or []
        return list(found)

    @property
    def buttons(self) -> list[list[EmButton]]:
        """Inline keyboard rows (empty when there is none)."""
        markup = self.raw.get("reply_markup") or {}
        return [
            [
                EmButton(
                    text=str(button["text"]),
                    callback_data=button.get("callback_data"),
                    url=button.get("url"),
                    raw=button,
                )
                for button in row
            ]
            for row in markup.get("inline_keyboard", [])
        ]

    @property
    def keyboard(self) -> list[list[str]] | None:
        """Reply keyboard rows sent with this message, if any."""
        if self.markup is None or "keyboard" not in self.markup:
            return None
        return [
            [str(b["text"]) if isinstance(b, dict) else str(b) for b in row]
            for row in self.markup["keyboard"]
        ]

    def button(self, text_substring: str) -> EmButton:
        """The single inline button whose text contains ``text_substring``."""
        found = [b for row in self.buttons for b in row if text_substring in b.text]
        if len(found) != 1:
            shown = [b.text for row in self.buttons for b in row]
            raise AssertionError(
                f"expected one button containing {text_substring!r} in message "
                f"{self.message_id}, found {len(found)}; buttons: {shown}"
            )
        return found[0]

    def callback_data_of(self, text_substring: str) -> str:
        """callback_data of the button whose text contains ``text_substring``."""
        data = self.button(text_substring).callback_data
        if data is None:
            raise AssertionError(f"button {text_substring!r} has no callback_data")
        return data

    @property
    def document(self) -> dict[str, Any] | None:
        """The ``Document`` object, if this is a document message."""
        value = self.raw.get("document")
        return dict(value) if value else None

    @property
    def document_name(self) -> str | None:
        """File name of the document."""
        doc = self.document
        return None if doc is None else doc.get("file_name")

    @property
    def photo(self) -> list[dict[str, Any]] | None:
        """Photo sizes, smallest first, if this is a photo message."""
        value = self.raw.get("photo")
        return list(value) if value else None

    @property
    def reply_to_message_id(self) -> int | None:
        """Id of the message this one replies to."""
        reply = self.raw.get("reply_to_message")
        return None if reply is None else int(reply["message_id"])

    @property
    def media_group_id(self) -> str | None:
        """Album id shared by messages of one sendMediaGroup."""
        value = self.raw.get("media_group_id")
        return None if value is None else str(value)


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
