"""What `presale-bot check` and `presale-bot scenarios check` verify before a start."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import Settings
from scenarios.loader import check_scenarios
from storage.migrate import check_database

if TYPE_CHECKING:
    from aiogram import Bot


def scenario_problems_or_none(directory: Path | None = None) -> str | None:
    """All scenario problems as lines `file: field: problem`, or None when all are valid."""
    problems = check_scenarios(directory)
    if not problems:
        return None
    return "\n".join(f"{p.file}: {p.field or '-'}: {p.message}" for p in problems)


def print_scenario_problems(directory: Path | None) -> int:
    """`scenarios check`: exit 0 when every file is valid, 1 with the problems otherwise."""
    problems = scenario_problems_or_none(directory)
    if problems:
        print(problems, file=sys.stderr)
        return 1
    print("presale-bot: every scenario file is valid")
    return 0


async def run_checks(settings: Settings) -> int:
    """Settings were already validated; check the database, Redis, the scenarios and the
    token."""
    from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
    from redis.asyncio import Redis

    from bot.cluster.reach import durability_problem, redis_problem
    from bot.dispatcher import create_bot
    from integrations.endpoints import EndpointsError, load_endpoints

    failures = 0
    print("ok    settings")
    problem = await check_database(settings.database_url)
    if problem:
        failures += 1
        print(f"FAIL  database: {problem}")
    else:
        print("ok    database")
    if settings.redis_url is None:
        print("--    redis: REDIS_URL is not set, one instance only")
    else:
        redis = Redis.from_url(settings.redis_url)
        try:
            unanswered = await redis_problem(redis)
            warning = None if unanswered else await durability_problem(redis)
        finally:
            await redis.aclose()
        failures += unanswered is not None
        print(f"FAIL  redis: {unanswered}" if unanswered else "ok    redis")
        if warning:
            print(f"--    redis: {warning}")
    scenario_problems = scenario_problems_or_none()
    if scenario_problems:
        failures += 1
        print("FAIL  scenarios:\n" + scenario_problems)
    else:
        print("ok    scenarios")
    try:
        endpoints = load_endpoints(settings.webhooks_file)
        print(f"ok    webhooks: {len(endpoints)} endpoint(s)")
    except EndpointsError as error:
        failures += 1
        print(f"FAIL  webhooks: {error}")
    bot = create_bot(settings)
    try:
        me = await bot.get_me()
        print(f"ok    token: @{me.username}")
        webhook_problem = _webhook_line(settings, (await bot.get_webhook_info()).url)
        failures += webhook_problem.startswith("FAIL")
        print(webhook_problem)
        if settings.team_chat_id is None:
            print("--    team group: TEAM_CHAT_ID is not set, requests are not posted to a group")
        else:
            group_problem = await team_chat_problem(bot, settings.team_chat_id, me.id)
            if group_problem:
                failures += 1
                print(f"FAIL  team group: {group_problem}")
            else:
                print(f"ok    team group {settings.team_chat_id}")
    except (TelegramAPIError, TelegramNetworkError) as error:
        failures += 1
        print(f"FAIL  token: {error}")
    finally:
        await bot.session.close()
    return 1 if failures else 0


async def team_chat_problem(bot: Bot, chat_id: int, bot_id: int) -> str | None:
    """What keeps the bot from posting cards in the team group, with the fix; None if nothing.

    The chat must exist, the bot must be in it and allowed to post; in a forum (a topic
    per form and per request) it must be an administrator who may manage topics.
    """
    from aiogram.exceptions import TelegramAPIError, TelegramMigrateToChat

    try:
        chat = await bot.get_chat(chat_id)
    except TelegramMigrateToChat as error:
        return (
            f"the group was upgraded to a supergroup with a new id: "
            f"set TEAM_CHAT_ID={error.migrate_to_chat_id}"
        )
    except TelegramAPIError as error:
        return (
            f"TEAM_CHAT_ID={chat_id} is not a chat the bot can see ({error.message}); "
            "add the bot to the group and put the group's id into TEAM_CHAT_ID"
        )
    try:
        member = await bot.get_chat_member(chat_id, bot_id)
    except TelegramAPIError as error:
        return f"cannot read the bot's membership ({error.message}); add the bot to the group"
    status = member.status
    if status in {"left", "kicked"}:
        return "the bot is not a member of the group; add it (Group → Add members)"
    if status == "restricted" and not getattr(member, "can_send_messages", True):
        return "the bot may not send messages in the group; lift its restriction"
    permissions = chat.permissions
    if status == "member" and permissions is not None and permissions.can_send_messages is False:
        return "members may not send messages in the group; make the bot an administrator"
    if chat.is_forum:
        if status not in {"administrator", "creator"}:
            return "the group is a forum: make the bot an administrator who may manage topics"
        if status == "administrator" and not getattr(member, "can_manage_topics", False):
            return "the group is a forum: allow the bot to manage topics"
    return None


def _webhook_line(settings: Settings, url: str) -> str:
    """Where Telegram posts the bot's updates, against how the bot is set to get them."""
    if settings.mode == "polling":
        if url:
            return (
                f"FAIL  webhook: Telegram posts to {url}, so polling cannot run; stop that "
                "deployment and run `presale-bot delete-webhook`"
            )
        return "ok    webhook: none, the bot polls"
    if url and url != settings.webhook_url:
        return f"--    webhook: Telegram posts to {url}; `run` registers {settings.webhook_url}"
    return f"ok    webhook: {url or 'none yet'}; `run` registers {settings.webhook_url}"


async def delete_webhook(settings: Settings) -> int:
    """`delete-webhook`: Telegram stops posting to the webhook; its pending updates are kept
    for polling to fetch."""
    from aiogram.exceptions import TelegramAPIError, TelegramNetworkError

    from bot.dispatcher import create_bot

    bot = create_bot(settings)
    try:
        info = await bot.get_webhook_info()
        if not info.url:
            print("presale-bot: no webhook is set; the bot can poll")
            return 0
        await bot.delete_webhook(drop_pending_updates=False)
    except (TelegramAPIError, TelegramNetworkError) as error:
        print(f"presale-bot: Telegram did not answer as expected: {error}", file=sys.stderr)
        return 1
    finally:
        await bot.session.close()
    print(
        f"presale-bot: the webhook at {info.url} is deleted; "
        f"{info.pending_update_count} update(s) wait for polling"
    )
    return 0
