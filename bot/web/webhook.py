"""Telegram's webhook: check the secret, record the update, answer, handle it afterwards.

Telegram retries an update until it gets a 2xx, so the answer waits for exactly one
thing: the update written to the inbox, the same one polling writes to. An update
recorded before (Telegram's retry, another instance's delivery) is answered 200 and
not handled again. A request without the secret Telegram was given at ``setWebhook``
is refused with 403 before its body is read.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable

from aiogram import Bot
from aiogram.types import Update
from aiohttp import web
from pydantic import ValidationError

from bot.cluster.inbox_worker import InboxWorker
from bot.loop_failures import LoopFailures
from bot.polling import ordering_key

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

RecordUpdates = Callable[[list[Update], list[str]], Awaitable[list[int]]]
"""Records parsed updates with their bodies as posted; returns the ids not seen before."""


class WebhookIntake:
    """The aiohttp handler of the webhook path."""

    def __init__(
        self, *, bot: Bot, secret: str, record: RecordUpdates, worker: InboxWorker
    ) -> None:
        self._bot = bot
        self._secret = secret.encode()
        self._record = record
        self._worker = worker
        self._failures = LoopFailures(logger, "webhook.record")

    async def receive(self, request: web.Request) -> web.Response:
        """Answer one POST from Telegram."""
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            logger.warning("event=webhook.refused reason=secret remote=%s", request.remote)
            return web.Response(status=403, text="forbidden")
        body = await request.read()
        try:
            update = Update.model_validate_json(body, context={"bot": self._bot})
        except ValidationError:
            logger.warning("event=webhook.refused reason=not_an_update")
            return web.Response(status=400, text="not an update")
        try:
            fresh = await self._record([update], [body.decode()])
        except Exception as error:
            # Not recorded: a non-2xx answer makes Telegram deliver it again later.
            self._failures.failed(error, f"update_id={update.update_id}")
            return web.Response(status=500, text="not recorded")
        self._failures.succeeded()
        if fresh:
            self._worker.offer(ordering_key(update), update)
        else:
            logger.info("event=update.duplicate update_id=%s", update.update_id)
        return web.Response(text="ok")
