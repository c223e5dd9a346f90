"""A chat rendered as text, the way a person scrolling it would describe it."""

from __future__ import annotations

from typing import Any

from emulator.messages import EmMessage


def _sender(raw: dict[str, Any]) -> str:
    sender = raw.get("from") or {}
    return str(sender.get("first_name") or sender.get("username") or "?")


def _content(raw: dict[str, Any]) -> str:
    """The visible body: text, or a bracketed description of media and service events."""
    caption = raw.get("caption")
    suffix = f" {caption}" if caption else ""
    if "text" in raw:
        return str(raw["text"])
    if "document" in raw:
        return f"[document: {raw['document'].get('file_name', 'file')}]{suffix}"
    if "photo" in raw:
        return f"[photo]{suffix}"
    if "video" in raw:
        return f"[video]{suffix}"
    if "audio" in raw:
        return f"[audio]{suffix}"
    if "contact" in raw:
        contact = raw["contact"]
        return f"[contact: {contact['phone_number']} {contact.get('first_name', '')}]".rstrip()
    if "sticker" in raw:
        return f"[sticker {raw['sticker'].get('emoji', '')}]".replace(" ]", "]")
    if "voice" in raw:
        return f"[voice {raw['voice']['duration']}s]"
    if "location" in raw:
        return f"[location: {raw['location']['latitude']}, {raw['location']['longitude']}]"
    if "poll" in raw:
        return f"[poll: {raw['poll']['question']}]"
    return "[message]"


def _service(raw: dict[str, Any]) -> str | None:
    if "new_chat_members" in raw:
        names = ", ".join(str(u.get("first_name")) for u in raw["new_chat_members"])
        return f"* {names} joined"
    if "left_chat_member" in raw:
        return f"* {raw['left_chat_member'].get('first_name')} left"
    if "forum_topic_created" in raw:
        return f"* topic created: {raw['forum_topic_created']['name']}"
    if "forum_topic_edited" in raw:
        return f"* topic renamed: {raw['forum_topic_edited'].get('name', '')}"
    return None


def render_message(message: EmMessage) -> str:
    """One message: ``Sender: text``, then its inline keyboard rows as ``[Button]``."""
    raw = message.raw
    service = _service(raw)
    if service is not None:
        return service
    line = f"{_sender(raw)}: {_content(raw)}"
    if message.edited:
        line += " (edited)"
    rows = ["  " + " ".join(f"[{button.text}]" for button in row) for row in message.buttons]
    keyboard = message.keyboard
    if keyboard:
        rows.extend("  " + " ".join(f"{{{text}}}" for text in row) for row in keyboard)
    return "\n".join([line, *rows])


def render(messages: list[EmMessage]) -> str:
    """A whole transcript."""
    return "\n".join(render_message(message) for message in messages)
