"""What the page is sent: chats and messages as plain JSON, with text already drawn as HTML."""

from __future__ import annotations

from typing import Any

from emulator.messages import EmMessage
from emulator.models import PRESENT_STATUSES, EmChat
from playground.entities import to_html
from playground.rich import rich_html

FILE_ROUTE = "/playground/file/"
_BUTTON_FIELDS = ("text", "callback_data", "url", "style", "disabled")


def _sender(raw: dict[str, Any]) -> dict[str, Any]:
    sender = raw.get("from") or {}
    return {
        "id": sender.get("id"),
        "name": sender.get("first_name") or sender.get("username") or "?",
        "bot": bool(sender.get("is_bot")),
    }


SERVICE_KINDS = ("joined", "left", "topic_created", "topic_edited")
"""Service lines the page words itself (``playground-service-<kind>``)."""


def _service(raw: dict[str, Any]) -> dict[str, str] | None:
    """A service line (someone joined, a topic opened), named for the page's own words."""
    if "new_chat_members" in raw:
        names = ", ".join(str(u.get("first_name")) for u in raw["new_chat_members"])
        return {"kind": "joined", "name": names}
    if "left_chat_member" in raw:
        return {"kind": "left", "name": str(raw["left_chat_member"].get("first_name"))}
    if "forum_topic_created" in raw:
        return {"kind": "topic_created", "name": str(raw["forum_topic_created"]["name"])}
    if "forum_topic_edited" in raw:
        return {"kind": "topic_edited", "name": str(raw["forum_topic_edited"].get("name", ""))}
    return None


def _buttons(raw: dict[str, Any]) -> list[list[dict[str, Any]]]:
    rows = (raw.get("reply_markup") or {}).get("inline_keyboard", [])
    return [
        [
            {key: button[key] for key in _BUTTON_FIELDS if button.get(key) is not None}
            for button in row
        ]
        for row in rows
    ]


def _media(raw: dict[str, Any]) -> dict[str, Any]:
    media: dict[str, Any] = {}
    if "document" in raw:
        doc = raw["document"]
        media["document"] = {
            "name": doc.get("file_name") or "file",
            "size": doc.get("file_size") or 0,
            "url": FILE_ROUTE + str(doc["file_id"]),
        }
    if raw.get("photo"):
        largest = raw["photo"][-1]
        media["photo"] = {"url": FILE_ROUTE + str(largest["file_id"])}
    if "contact" in raw:
        contact = raw["contact"]
        media["contact"] = {
            "phone": contact.get("phone_number", ""),
            "name": contact.get("first_name", ""),
        }
    if "sticker" in raw:
        media["sticker"] = raw["sticker"].get("emoji") or "🖼"
    if "location" in raw:
        media["location"] = raw["location"]
    if "rich_message" in raw:
        media["rich"] = rich_html(raw["rich_message"])
    return media


def message_view(message: EmMessage) -> dict[str, Any]:
    """One message as the page draws it: sender, HTML body, buttons, media, reply quote."""
    raw = message.raw
    text = raw.get("text")
    entities = raw.get("entities")
    if text is None:
        text = raw.get("caption") or ""
        entities = raw.get("caption_entities")
    view: dict[str, Any] = {
        "chat": message.chat_id,
        "id": message.message_id,
        "thread": message.thread_id,
        "from": _sender(raw),
        "date": raw.get("date", 0),
        "html": to_html(str(text), entities),
        "edited": message.edited,
        "deleted": message.deleted,
        "service": _service(raw),
        "buttons": _buttons(raw),
        **_media(raw),
    }
    quoted = raw.get("reply_to_message")
    if quoted is not None:
        view["reply"] = {
            "id": quoted.get("message_id"),
            "name": _sender(quoted)["name"],
            "text": str(quoted.get("text") or quoted.get("caption") or ""),
        }
    return view


def _keyboard(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    if markup is None or "keyboard" not in markup:
        return None
    rows = [
        [
            {"text": str(b["text"]), "contact": bool(b.get("request_contact"))}
            if isinstance(b, dict)
            else {"text": str(b), "contact": False}
            for b in row
        ]
        for row in markup["keyboard"]
    ]
    return {
        "rows": rows,
        "one_time": bool(markup.get("one_time_keyboard")),
        "placeholder": markup.get("input_field_placeholder") or "",
    }


def chat_view(chat: EmChat) -> dict[str, Any]:
    """A chat's header and what sits under its input field; no messages."""
    return {
        "id": chat.id,
        "type": "private" if chat.is_private else "group",
        "title": chat.title or (chat.user.full_name if chat.user else ""),
        "forum": chat.is_forum,
        "topics": [
            {"id": topic.thread_id, "name": topic.name, "color": topic.icon_color}
            for topic in chat.topics.values()
        ],
        "members": sorted(
            user_id for user_id, status in chat.members.items() if status in PRESENT_STATUSES
        ),
        "keyboard": _keyboard(chat.reply_keyboard),
    }
