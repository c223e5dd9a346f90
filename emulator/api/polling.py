"""How updates reach the bot: getUpdates, or a webhook set with setWebhook."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from emulator.api.checks import Handler
from emulator.bots import EmBot, WebhookConfig
from emulator.errors import ApiError, bad_request
from emulator.params import Params
from emulator.state import World

WEBHOOK_ACTIVE = ApiError(
    409,
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first",
)


WEBHOOK_PORTS = frozenset({80, 88, 443, 8443})
"""The only ports Telegram posts to."""
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


def _port(url: str) -> int | None:
    try:
        return urlsplit(url).port or 443
    except ValueError:  # not a number, or out of range
        return None


async def get_updates(world: World, bot: EmBot, params: Params) -> Any:
    """getUpdates with offset confirmation, limit, allowed_updates and long polling."""
    if bot.webhook is not None:
        raise WEBHOOK_ACTIVE
    limit = params.get_int("limit") or 100
    limit = min(max(limit, 1), 100)
    timeout = max(params.get_int("timeout") or 0, 0)
    if params.has("allowed_updates"):
        bot.queue.set_allowed(params.get_json("allowed_updates"))
    return await bot.queue.get_updates(params.get_int("offset"), limit, float(timeout))


async def set_webhook(world: World, bot: EmBot, params: Params) -> Any:
    """setWebhook; an empty url removes the webhook, as on Telegram.

    Telegram's checks, with one allowance: a plain ``http://`` address is accepted, so
    that the emulator can deliver to a bot on this machine.
    """
    url = params.get_str("url") or ""
    secret = params.get_str("secret_token")
    if url and not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if url.startswith("https://") and _port(url) not in WEBHOOK_PORTS:
        raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
    if secret and not _SECRET.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    if params.get_bool("drop_pending_updates"):
        bot.queue.drop_all()
    if params.has("allowed_updates"):
        bot.queue.set_allowed(params.get_json("allowed_updates"))
    if not url:
        bot.webhook = None
    else:
        bot.webhook = WebhookConfig(
            url=url,
            secret_token=secret,
            max_connections=min(max(params.get_int("max_connections") or 40, 1), 100),
        )
    world.on_webhook_change(bot)
    return True


async def delete_webhook(world: World, bot: EmBot, params: Params) -> Any:
    """deleteWebhook, optionally dropping pending updates."""
    if params.get_bool("drop_pending_updates"):
        bot.queue.drop_all()
    bot.webhook = None
    world.on_webhook_change(bot)
    return True


async def get_webhook_info(world: World, bot: EmBot, params: Params) -> Any:
    """getWebhookInfo."""
    config = bot.webhook
    info: dict[str, Any] = {
        "url": config.url if config else "",
        "has_custom_certificate": False,
        "pending_update_count": len(bot.queue),
    }
    if config is not None:
        info["max_connections"] = config.max_connections
        if config.last_error_date is not None:
            info["last_error_date"] = config.last_error_date
            info["last_error_message"] = config.last_error_message
    if bot.queue.allowed is not None:
        info["allowed_updates"] = sorted(bot.queue.allowed)
    return info


METHODS: dict[str, Handler] = {
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
}
