"""The bot's own account: getMe, commands, callback answers, close and logOut."""

from __future__ import annotations

import json
import re
from typing import Any

from emulator.api.checks import Handler
from emulator.bots import EmBot
from emulator.errors import bad_request
from emulator.models import CallbackAnswer
from emulator.params import Params
from emulator.state import World

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_START_LINK = re.compile(r"(?:https?://)?t\.me/(?P<bot>\w+)\?start=[A-Za-z0-9_-]{1,64}")
_QUERY_GONE = "query is too old and response timeout expired or query ID is invalid"


async def get_me(world: World, bot: EmBot, params: Params) -> Any:
    """getMe."""
    return bot.me()


async def answer_true(world: World, bot: EmBot, params: Params) -> Any:
    """close and logOut: nothing to release here, Telegram just says true."""
    return True


def _command_key(params: Params) -> tuple[str, str]:
    scope = params.get_json("scope") or {"type": "default"}
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope")
    return json.dumps(scope, sort_keys=True), params.get_str("language_code") or ""


async def set_my_commands(world: World, bot: EmBot, params: Params) -> Any:
    """setMyCommands, stored per scope and language_code."""
    commands = params.get_json("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    clean: list[dict[str, Any]] = []
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand")
        name = str(command.get("command", ""))
        description = str(command.get("description", ""))
        if not _COMMAND.fullmatch(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        clean.append({"command": name, "description": description})
    key = _command_key(params)
    if clean:
        bot.commands[key] = clean
    else:
        bot.commands.pop(key, None)
    return True


async def get_my_commands(world: World, bot: EmBot, params: Params) -> Any:
    """getMyCommands for exactly the given scope and language_code."""
    return bot.commands.get(_command_key(params), [])


async def delete_my_commands(world: World, bot: EmBot, params: Params) -> Any:
    """deleteMyCommands."""
    bot.commands.pop(_command_key(params), None)
    return True


def _is_start_link(url: str, bot: EmBot) -> bool:
    """Outside games, a press may only open the bot's own chat: ``t.me/<bot>?start=...``."""
    found = _START_LINK.fullmatch(url)
    return found is not None and found["bot"].lower() == bot.username.lower()


async def answer_callback_query(world: World, bot: EmBot, params: Params) -> Any:
    """answerCallbackQuery: once per query, as Telegram allows."""
    query_id = params.get_str("callback_query_id") or ""
    if world.open_callbacks.get(query_id) != bot.id:
        raise bad_request(_QUERY_GONE)
    text = params.get_str("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    url = params.get_str("url")
    if url and not _is_start_link(url, bot):
        raise bad_request("URL_INVALID")
    del world.open_callbacks[query_id]
    world.callback_answers[query_id] = CallbackAnswer(
        query_id=query_id,
        text=text,
        show_alert=params.get_bool("show_alert"),
        url=url,
        cache_time=params.get_int("cache_time") or 0,
    )
    return True


METHODS: dict[str, Handler] = {
    "getMe": get_me,
    "close": answer_true,
    "logOut": answer_true,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "answerCallbackQuery": answer_callback_query,
}
