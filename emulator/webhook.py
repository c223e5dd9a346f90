"""Webhook delivery: POST each update in order, retry a failing bot with a short backoff.

Updates go out over up to ``max_connections`` connections at once, as on Telegram, but one
at a time per chat, so a conversation keeps its order. A non-2xx answer or a
connection error is retried with exponential backoff, a bounded number of times, after
which the update is dropped and the error shows in getWebhookInfo, as on Telegram.
A 2xx answer may carry a method call (aiogram's "reply into webhook"); it is executed.
"""

from __future__ import annotations

import asyncio
import functools
import json
from dataclasses import dataclass

import aiohttp

from emulator.bots import EmBot
from emulator.params import Params, read_multipart
from emulator.server import ApiServer
from emulator.updates import QueuedUpdate

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to insist on a webhook that fails."""

    attempts: int = 5
    first_delay: float = 0.05
    max_delay: float = 1.0
    request_timeout: float = 10.0


class WebhookSender:
    """One delivery task per bot with a webhook set."""

    def __init__(self, server: ApiServer, retry: RetryPolicy) -> None:
        self.server = server
        self.retry = retry
        self._session: aiohttp.ClientSession | None = None
        self._tasks: dict[int, asyncio.Task[None]] = {}

    async def start(self) -> None:
        """Open the HTTP client used for deliveries."""
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=self.retry.request_timeout)
        )

    async def stop(self) -> None:
        """Stop every delivery task and close the client."""
        tasks = list(self._tasks.values())
        self._tasks.clear()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._session is not None:
            await self._session.close()
            self._session = None

    def sync(self, bot: EmBot) -> None:
        """Start or stop the bot's delivery task after setWebhook/deleteWebhook."""
        task = self._tasks.get(bot.id)
        if bot.webhook is not None and (task is None or task.done()):
            self._tasks[bot.id] = asyncio.get_running_loop().create_task(self._run(bot))
        elif bot.webhook is None and task is not None:
            task.cancel()
            del self._tasks[bot.id]
        bot.queue.wake()

    async def _run(self, bot: EmBot) -> None:
        """Keep up to ``max_connections`` deliveries going, one per chat at a time."""
        busy: set[int | None] = set()
        deliveries: set[asyncio.Task[None]] = set()
        try:
            while bot.webhook is not None and not bot.queue.closed:
                room = bot.webhook.max_connections - len(deliveries)
                for update in bot.queue.ready(busy, room):
                    busy.add(update.chat_id)
                    delivery = asyncio.create_task(self._deliver(bot, update))
                    deliveries.add(delivery)
                    delivery.add_done_callback(
                        functools.partial(_settled, bot, busy, deliveries, update.chat_id)
                    )
                await bot.queue.wait(3600.0)
        finally:
            for delivery in deliveries:
                delivery.cancel()
            await asyncio.gather(*deliveries, return_exceptions=True)

    async def _deliver(self, bot: EmBot, update: QueuedUpdate) -> None:
        world = self.server.world
        for attempt in range(self.retry.attempts):
            config = bot.webhook
            if config is None:
                return
            error = await self._post(bot, config.url, config.secret_token, update)
            if error is None:
                world.stats.webhook_deliveries += 1
                bot.queue.acknowledge(update)
                world.changed()
                return
            world.stats.webhook_failures += 1
            config.last_error_date = world.now()
            config.last_error_message = error
            world.changed()
            if attempt + 1 < self.retry.attempts:
                delay = min(self.retry.first_delay * 2**attempt, self.retry.max_delay)
                await asyncio.sleep(delay)
        bot.queue.acknowledge(update)

    async def _post(
        self, bot: EmBot, url: str, secret: str | None, update: QueuedUpdate
    ) -> str | None:
        """POST one update; None on success, else the error getWebhookInfo reports."""
        assert self._session is not None, "the emulator is not started"
        headers = {SECRET_HEADER: secret} if secret else {}
        try:
            async with self._session.post(url, json=update.data, headers=headers) as response:
                if not 200 <= response.status < 300:
                    return f"Wrong response from the webhook: {response.status} {response.reason}"
                await self._run_reply(bot, response)
        except (aiohttp.ClientError, TimeoutError) as error:
            return f"Connection error: {type(error).__name__}"
        return None

    async def _run_reply(self, bot: EmBot, response: aiohttp.ClientResponse) -> None:
        """Execute a method the bot put into its webhook answer, if it did."""
        kind = response.content_type
        if kind == "application/json":
            body = json.loads(await response.read() or b"null")
            params = Params(body) if isinstance(body, dict) else Params({})
        elif kind.startswith("multipart/"):
            params = await read_multipart(
                aiohttp.MultipartReader(response.headers, response.content)
            )
        else:
            return
        method = params.get_str("method")
        if method:
            await self.server.call(bot, method, params)


def _settled(
    bot: EmBot,
    busy: set[int | None],
    deliveries: set[asyncio.Task[None]],
    chat: int | None,
    done: asyncio.Task[None],
) -> None:
    """A delivery ended: its chat may take the next update, and a connection is free."""
    deliveries.discard(done)
    busy.discard(chat)
    bot.queue.wake()
