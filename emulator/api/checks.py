"""Checks every message-sending method shares: may the bot write here, and how."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from emulator.bots import EmBot
from emulator.errors import bad_request, forbidden, too_many_requests
from emulator.messages import EmMessage
from emulator.models import GENERAL_TOPIC_ID, PRESENT_STATUSES, EmChat
from emulator.params import Params
from emulator.state import World

Handler = Callable[[World, EmBot, Params], Awaitable[Any]]

_URL_SCHEMES = ("http://", "https://", "tg://")


def writable_chat(world: World, bot: EmBot, params: Params) -> EmChat:
    """The target chat, or the 400/403 Telegram gives when the bot can't write there."""
    chat = world.resolve_chat(params.get_str("chat_id"))
    if chat.user is not None:
        if bot.id in chat.user.blocked_bots:
            raise forbidden("bot was blocked by the user")
        if not chat.user.started:
            raise forbidden("bot can't initiate conversation with a user")
        return chat
    status = chat.status_of(bot.id)
    if status == "kicked":
        raise forbidden("bot was kicked from the group chat")
    if status not in PRESENT_STATUSES:
        raise forbidden("bot is not a member of the group chat")
    return chat


def visible_chat(world: World, bot: EmBot, params: Params) -> EmChat:
    """A chat the bot may read about (getChat and friends)."""
    chat = world.resolve_chat(params.get_str("chat_id"))
    if chat.user is None and chat.status_of(bot.id) not in PRESENT_STATUSES:
        raise bad_request("chat not found")
    return chat


def thread_of(chat: EmChat, params: Params) -> int | None:
    """message_thread_id, checked against the forum's topics."""
    thread_id = params.get_int("message_thread_id")
    if thread_id is None or not chat.is_forum:
        return None
    if thread_id != GENERAL_TOPIC_ID and thread_id not in chat.topics:
        raise bad_request("message thread not found")
    return thread_id


def reply_target(chat: EmChat, params: Params) -> EmMessage | None:
    """The message replied to, from reply_parameters or the older reply_to_message_id."""
    reply = params.get_json("reply_parameters")
    allow_missing = False
    message_id: int | None
    if isinstance(reply, dict) and "message_id" in reply:
        message_id = int(reply["message_id"])
        allow_missing = bool(reply.get("allow_sending_without_reply"))
    else:
        message_id = params.get_int("reply_to_message_id")
        allow_missing = params.get_bool("allow_sending_without_reply")
    if message_id is None:
        return None
    target = chat.messages.get(message_id)
    if target is None or target.deleted:
        if allow_missing:
            return None
        raise bad_request("message to be replied not found")
    return target


_BUTTON_ACTIONS = frozenset(
    {
        "url", "callback_data", "web_app", "login_url", "switch_inline_query",
        "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
        "callback_game", "pay", "disabled",
    }
)  # fmt: skip
_BUTTON_STYLES = frozenset({"danger", "success", "primary"})


def _check_inline_button(button: Any) -> dict[str, Any]:
    """A button as Telegram takes it: a text, exactly one action, and a known style if any."""
    if not isinstance(button, dict) or not button.get("text"):
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed")
    clean = {k: v for k, v in button.items() if v is not None}
    if "callback_data" in clean:
        size = len(str(clean["callback_data"]).encode("utf-8"))
        if not 1 <= size <= 64:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in clean and not str(clean["url"]).startswith(_URL_SCHEMES):
        raise bad_request("BUTTON_URL_INVALID")
    if "style" in clean and clean["style"] not in _BUTTON_STYLES:
        raise bad_request("can't parse inline keyboard button: unsupported button style")
    if "disabled" in clean and not isinstance(clean["disabled"], dict):
        raise bad_request("can't parse inline keyboard button: disabled must be an object")
    if len(_BUTTON_ACTIONS.intersection(clean)) != 1:
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed")
    return clean


def reply_markup(params: Params) -> dict[str, Any] | None:
    """The reply_markup object, with inline buttons checked like Telegram checks them."""
    markup = params.get_json("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request("can't parse inline keyboard markup JSON object")
        return {"inline_keyboard": [[_check_inline_button(b) for b in row] for row in rows]}
    return markup


def attach_markup(chat: EmChat, message: EmMessage, markup: dict[str, Any] | None) -> None:
    """Inline keyboards live on the message; reply keyboards on the chat's input field."""
    message.markup = markup
    if markup is None:
        return
    if "inline_keyboard" in markup:
        message.raw["reply_markup"] = markup
    elif "keyboard" in markup:
        chat.reply_keyboard = markup
    elif markup.get("remove_keyboard"):
        chat.reply_keyboard = None


def spend_rate(world: World, bot: EmBot, chat: EmChat, count: int = 1) -> None:
    """Count sends against the flood limits; 429 with retry_after when over."""
    if world.limiter is None:
        return
    retry_after = world.limiter.acquire(bot.id, chat.id, is_group=not chat.is_private, count=count)
    if retry_after is not None:
        raise too_many_requests(retry_after)


def own_message(chat: EmChat, params: Params, *, missing: str) -> EmMessage:
    """The message a method addresses by chat_id + message_id."""
    if params.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    message_id = params.get_int("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    message = chat.messages.get(message_id)
    if message is None or message.deleted:
        raise bad_request(missing)
    return message
