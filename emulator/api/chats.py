"""Chats as the bot may look at them: getChat, members and their tags, forum topics,
chat actions."""

from __future__ import annotations

import unicodedata
from typing import Any

from emulator.api.checks import Handler, visible_chat, writable_chat
from emulator.bots import EmBot
from emulator.errors import bad_request
from emulator.members import member_dict
from emulator.models import (
    ADMIN_STATUSES,
    GENERAL_TOPIC_ID,
    PRESENT_STATUSES,
    EmChat,
    MemberStatus,
)
from emulator.params import Params
from emulator.state import World

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
TAG_LIMIT = 16
"""The most characters a member tag may have."""
_TOPIC_COLORS = frozenset({7322096, 16766590, 13338331, 9367192, 16749490, 16478047})


async def get_chat(world: World, bot: EmBot, params: Params) -> Any:
    """getChat: the ChatFullInfo object."""
    chat = visible_chat(world, bot, params)
    info: dict[str, Any] = {
        **chat.as_dict(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": dict.fromkeys(
            (
                "unlimited_gifts",
                "limited_gifts",
                "unique_gifts",
                "premium_subscription",
                "gifts_from_channels",
            ),
            False,
        ),
    }
    return info


def _user_dict(world: World, bot: EmBot, user_id: int) -> dict[str, Any]:
    if user_id == bot.id:
        return bot.as_dict()
    user = world.users.get(user_id)
    if user is None:
        other = next((b for b in world.bots.values() if b.id == user_id), None)
        if other is None:
            raise bad_request("user not found")
        return other.as_dict()
    return user.as_dict()


async def get_chat_member(world: World, bot: EmBot, params: Params) -> Any:
    """getChatMember."""
    chat = visible_chat(world, bot, params)
    user_id = params.required_int("user_id")
    user = _user_dict(world, bot, user_id)
    if chat.user is not None:
        if user_id not in (chat.id, bot.id):
            raise bad_request("user not found")
        return member_dict(user, "member")
    return _member(chat, user, user_id, chat.status_of(user_id))


def _member(chat: EmChat, user: dict[str, Any], user_id: int, status: MemberStatus) -> Any:
    withheld = chat.withheld.get(user_id, set())
    return member_dict(user, status, withheld=withheld, tag=chat.tags.get(user_id))


async def get_chat_administrators(world: World, bot: EmBot, params: Params) -> Any:
    """getChatAdministrators."""
    chat = visible_chat(world, bot, params)
    if chat.user is not None:
        raise bad_request("there are no administrators in the private chat")
    return [
        _member(chat, _user_dict(world, bot, user_id), user_id, status)
        for user_id, status in chat.members.items()
        if status in ADMIN_STATUSES
    ]


def _forum(world: World, bot: EmBot, params: Params) -> EmChat:
    chat = writable_chat(world, bot, params)
    if not chat.is_forum:
        raise bad_request("the chat is not a forum")
    return chat


async def create_forum_topic(world: World, bot: EmBot, params: Params) -> Any:
    """createForumTopic: the topic's id is the id of its service message."""
    chat = _forum(world, bot, params)
    name = params.get_str("name") or ""
    if not 1 <= len(name) <= 128:
        raise bad_request("TOPIC_TITLE_EMPTY" if not name else "TOPIC_TITLE_TOO_LONG")
    color = params.get_int("icon_color") or 7322096
    if color not in _TOPIC_COLORS:
        raise bad_request("TOPIC_ICON_COLOR_INVALID")
    thread_id = chat.last_message_id + 1
    world.new_message(
        chat,
        sender=bot.as_dict(),
        from_bot=False,
        fields={
            "forum_topic_created": {"name": name, "icon_color": color},
            "message_thread_id": thread_id,
            "is_topic_message": True,
        },
    )
    topic = world.add_forum_topic(chat, thread_id, name)
    topic.icon_color = color
    topic.icon_custom_emoji_id = params.get_str("icon_custom_emoji_id")
    return topic.as_dict()


async def edit_forum_topic(world: World, bot: EmBot, params: Params) -> Any:
    """editForumTopic: rename (and re-icon) a topic, leaving a service message."""
    chat = _forum(world, bot, params)
    thread_id = params.required_int("message_thread_id")
    topic = chat.topics.get(thread_id)
    if topic is None or thread_id == GENERAL_TOPIC_ID:
        raise bad_request("TOPIC_ID_INVALID")
    name = params.get_str("name")
    emoji = params.get_str("icon_custom_emoji_id")
    if (name is None or name == topic.name) and emoji in (None, topic.icon_custom_emoji_id):
        raise bad_request("TOPIC_NOT_MODIFIED")
    edited: dict[str, Any] = {}
    if name:
        topic.name = name
        edited["name"] = name
    if emoji is not None:
        topic.icon_custom_emoji_id = emoji
        edited["icon_custom_emoji_id"] = emoji
    world.new_message(
        chat,
        sender=bot.as_dict(),
        from_bot=False,
        fields={"forum_topic_edited": edited},
        thread_id=thread_id,
    )
    return True


async def send_chat_action(world: World, bot: EmBot, params: Params) -> Any:
    """sendChatAction."""
    writable_chat(world, bot, params)
    if params.get_str("action") not in _CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


async def set_chat_member_tag(world: World, bot: EmBot, params: Params) -> Any:
    """setChatMemberTag: an administrator bot with ``can_manage_tags`` tags a regular member;
    0-16 characters, no emoji (an empty tag takes it away)."""
    chat = visible_chat(world, bot, params)
    if chat.is_private:
        raise bad_request("method is available for groups and supergroups only")
    if chat.status_of(bot.id) != "administrator" or "can_manage_tags" in chat.withheld.get(
        bot.id, set()
    ):
        raise bad_request("not enough rights to manage member tags")
    user_id = params.required_int("user_id")
    status = chat.status_of(user_id)
    if status in ADMIN_STATUSES:
        raise bad_request("can't set a tag for an administrator")
    if status not in PRESENT_STATUSES:
        raise bad_request("user is not a member of the chat")
    tag = params.get_str("tag") or ""
    if len(tag) > TAG_LIMIT:
        raise bad_request("TAG_TOO_LONG")
    if any(unicodedata.category(char) == "So" for char in tag):
        raise bad_request("TAG_INVALID: emoji are not allowed")
    if tag:
        chat.tags[user_id] = tag
    else:
        chat.tags.pop(user_id, None)
    world.changed()
    return True


METHODS: dict[str, Handler] = {
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "createForumTopic": create_forum_topic,
    "editForumTopic": edit_forum_topic,
    "sendChatAction": send_chat_action,
    "setChatMemberTag": set_chat_member_tag,
}
