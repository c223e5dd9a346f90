"""How updates reach the bot: getUpdates, or a webhook set with setWebhook."""

from __future__ import annotations

from typing import Any

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
    """setWebhook; an empty url removes the webhook, as on Telegram."""
    url = params.get_str("url") or ""
    if params.get_bool("drop_pending_updates"):
        bot.queue.drop_all()
    if params.has("allowed_updates"):
        bot.queue.set_allowed(params.get_json("allowed_updates"))
    if not url:
        bot.webhook = None
    elif not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    else:
        bot.webhook = WebhookConfig(
            url=url,
            secret_token=params.get_str("secret_token"),
            max_connections=params.get_int("max_connections") or 40,
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
