"""Presale Desk: the bot process (settings, app, polling, jobs, sending)."""

from bot.telegram_types import defer_type_builds

defer_type_builds()
