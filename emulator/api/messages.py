"""sendMessage and what bots do to messages afterwards: edit, re-key, delete."""

from __future__ import annotations

from typing import Any

from emulator.api.checks import (
    Handler,
    attach_markup,
    own_message,
    reply_markup,
    reply_target,
    spend_rate,
    thread_of,
    writable_chat,
)
from emulator.bots import EmBot
from emulator.errors import bad_request
from emulator.formatting import caption_text, message_text
from emulator.messages import EmMessage
from emulator.models import ADMIN_STATUSES
from emulator.params import Params
from emulator.state import World

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


async def send_message(world: World, bot: EmBot, params: Params) -> Any:
    """sendMessage."""
    chat = writable_chat(world, bot, params)
    source = params.get_str("text")
    formatted = message_text(source, params.get_str("parse_mode"), params.get_json("entities"))
    thread_id = thread_of(chat, params)
    reply_to = reply_target(chat, params)
    markup = reply_markup(params)
    spend_rate(world, bot, chat)
    fields: dict[str, Any] = {"text": formatted.text}
    if formatted.entities:
        fields["entities"] = formatted.entities
    message = world.new_message(
        chat,
        sender=bot.as_dict(),
        from_bot=True,
        fields=fields,
        thread_id=thread_id,
        reply_to=reply_to,
    )
    message.html = source
    attach_markup(chat, message, markup)
    return message.raw


def _inline_markup(params: Params) -> dict[str, Any] | None:
    markup = reply_markup(params)
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    return markup


def _apply_edit(message: EmMessage, world: World, changes: dict[str, Any]) -> None:
    # A new dict, never an in-place change: queued updates may still hold the old one.
    message.history.append(message.raw)
    raw = dict(message.raw)
    for key, value in changes.items():
        if value is None:
            raw.pop(key, None)
        else:
            raw[key] = value
    raw["edit_date"] = world.now()
    message.raw = raw
    message.edited = True


def _editable(world: World, bot: EmBot, params: Params) -> EmMessage:
    chat = world.resolve_chat(params.get_str("chat_id"))
    message = own_message(chat, params, missing="message to edit not found")
    if message.from_user_id != bot.id:
        raise bad_request("message can't be edited")
    return message


async def edit_message_text(world: World, bot: EmBot, params: Params) -> Any:
    """editMessageText; without reply_markup the inline keyboard goes away, as on Telegram."""
    message = _editable(world, bot, params)
    if "text" not in message.raw:
        raise bad_request("there is no text in the message to edit")
    source = params.get_str("text")
    formatted = message_text(source, params.get_str("parse_mode"), params.get_json("entities"))
    markup = _inline_markup(params)
    changes = {
        "text": formatted.text,
        "entities": formatted.entities or None,
        "reply_markup": markup,
    }
    if all(message.raw.get(key) == value for key, value in changes.items()):
        raise bad_request(NOT_MODIFIED)
    _apply_edit(message, world, changes)
    message.html = source
    return message.raw


async def edit_message_caption(world: World, bot: EmBot, params: Params) -> Any:
    """editMessageCaption."""
    message = _editable(world, bot, params)
    if "text" in message.raw:
        raise bad_request("there is no caption in the message to edit")
    source = params.get_str("caption")
    formatted = caption_text(
        source, params.get_str("parse_mode"), params.get_json("caption_entities")
    )
    markup = _inline_markup(params)
    changes = {
        "caption": formatted.text if formatted else None,
        "caption_entities": (formatted.entities or None) if formatted else None,
        "reply_markup": markup,
    }
    if all(message.raw.get(key) == value for key, value in changes.items()):
        raise bad_request(NOT_MODIFIED)
    _apply_edit(message, world, changes)
    message.html = source
    return message.raw


async def edit_message_reply_markup(world: World, bot: EmBot, params: Params) -> Any:
    """editMessageReplyMarkup."""
    message = _editable(world, bot, params)
    markup = _inline_markup(params)
    if message.raw.get("reply_markup") == markup:
        raise bad_request(NOT_MODIFIED)
    _apply_edit(message, world, {"reply_markup": markup})
    return message.raw


async def delete_message(world: World, bot: EmBot, params: Params) -> Any:
    """deleteMessage: own messages anywhere, others' in private chats or as an admin."""
    chat = world.resolve_chat(params.get_str("chat_id"))
    message = own_message(chat, params, missing="message to delete not found")
    may_delete = (
        message.from_user_id == bot.id
        or chat.is_private
        or chat.status_of(bot.id) in ADMIN_STATUSES
    )
    if not may_delete:
        raise bad_request("message can't be deleted")
    message.deleted = True
    return True


METHODS: dict[str, Handler] = {
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
}
