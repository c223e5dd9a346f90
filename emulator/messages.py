"""A message as its chat shows it now, and the buttons under it.

``EmMessage`` is live: edits and deletions update the same object, so a test holding a
message always sees what the chat shows now (``history`` keeps the earlier versions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
