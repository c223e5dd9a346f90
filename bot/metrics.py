"""Prometheus metrics of one running bot, in a registry of its own.

Each ``App`` builds its own :class:`Metrics`, so tests that run several bots in one
process never mix their figures, and nothing is registered at import time. Counters
and the latency histogram are fed as things happen; the backlog gauges (outbox depth
and oldest age, reminders due and late) are read from the database when ``/metrics``
is scraped, so they are right whichever instance did the work.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import Response, SendChatAction, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import TelegramObject
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from storage.repositories.backlog import Backlog

DELIVERY_RESULTS = ("delivered", "retry", "failed", "gave_up")
"""What one delivery attempt came to: landed; to be tried again; refused by the receiver
(not retried); or failed again with no time left before the delivery's deadline."""

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """Every figure ``/metrics`` shows; one object per running bot."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry
        self.updates = Counter(
            "presale_updates",
            "Updates handled, by result (handled, failed).",
            ["result"],
            registry=registry,
        )
        self.handler_seconds = Histogram(
            "presale_handler_seconds",
            "Time from dispatching an update to its handler finishing.",
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.sends = Counter(
            "presale_telegram_sends",
            "Messages sent to Telegram, by result (ok, retry_after, forbidden, "
            "bad_request, server_error, network_error).",
            ["result"],
            registry=registry,
        )
        self.flood_waits = Counter(
            "presale_telegram_429",
            "Bot API calls Telegram refused with 429 Too Many Requests.",
            registry=registry,
        )
        self.outbox_depth = Gauge(
            "presale_outbox_depth", "Outbox messages waiting or in flight.", registry=registry
        )
        self.outbox_oldest_age = Gauge(
            "presale_outbox_oldest_age_seconds",
            "Age of the oldest outbox message still waiting or in flight.",
            registry=registry,
        )
        self.reminders_due = Gauge(
            "presale_reminders_due", "Reminders due now and not yet sent.", registry=registry
        )
        self.reminders_late = Gauge(
            "presale_reminders_late",
            "Reminders due for more than a minute and not yet sent.",
            registry=registry,
        )
        self.inbox_waiting = Gauge(
            "presale_inbox_waiting",
            "Updates recorded and not handled yet (pending in the inbox).",
            registry=registry,
        )
        self.inbox_oldest_age = Gauge(
            "presale_inbox_oldest_age_seconds",
            "Age of the oldest update recorded and not handled yet.",
            registry=registry,
        )
        self.webhook_pending = Gauge(
            "presale_telegram_webhook_pending",
            "Updates Telegram holds for the webhook, as getWebhookInfo last said (on the "
            "instance that watches it; 0 elsewhere).",
            registry=registry,
        )
        self.webhook_deliveries = Counter(
            "presale_webhook_deliveries",
            "Delivery attempts to webhook endpoints and CRMs, by target (webhook, amocrm, "
            "bitrix24) and result (delivered, retry, failed, gave_up).",
            ["target", "result"],
            registry=registry,
        )
        for result in ("handled", "failed"):
            self.updates.labels(result=result)
        self.sends.labels(result="ok")

    def count_delivery(self, target: str, result: str) -> None:
        """One delivery attempt to ``target`` came to ``result`` (see ``DELIVERY_RESULTS``)."""
        self.webhook_deliveries.labels(target=target, result=result).inc()

    def expect_deliveries(self, targets: Iterable[str]) -> None:
        """Show every result of these targets from the start, at zero until one happens."""
        for target in targets:
            for result in DELIVERY_RESULTS:
                self.webhook_deliveries.labels(target=target, result=result)

    def show_backlog(self, backlog: Backlog) -> None:
        """Set the backlog gauges from a fresh reading of the database."""
        self.outbox_depth.set(backlog.outbox_depth)
        self.outbox_oldest_age.set(backlog.outbox_oldest_age)
        self.reminders_due.set(backlog.reminders_due)
        self.reminders_late.set(backlog.reminders_late)
        self.inbox_waiting.set(backlog.inbox_waiting)
        self.inbox_oldest_age.set(backlog.inbox_oldest_age)

    def render(self) -> bytes:
        """The text exposition format Prometheus scrapes."""
        return generate_latest(self.registry)


Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class UpdateMetrics(BaseMiddleware):
    """Counts each update as handled or failed and times its handling (outermost)."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        started = time.perf_counter()
        try:
            result = await handler(event, data)
        except Exception:
            self._metrics.updates.labels(result="failed").inc()
            raise
        finally:
            self._metrics.handler_seconds.observe(time.perf_counter() - started)
        self._metrics.updates.labels(result="handled").inc()
        return result


def is_send(method: TelegramMethod[Any]) -> bool:
    """Whether a call posts a message, which is what Telegram's flood limits count."""
    name = type(method).__name__
    return name.startswith(("Send", "Copy", "Forward")) and not isinstance(method, SendChatAction)


def _result_of(error: Exception) -> str:
    if isinstance(error, TelegramRetryAfter):
        return "retry_after"
    if isinstance(error, TelegramForbiddenError):
        return "forbidden"
    if isinstance(error, TelegramBadRequest):
        return "bad_request"
    if isinstance(error, TelegramServerError):
        return "server_error"
    if isinstance(error, TelegramNetworkError):
        return "network_error"
    return "other"


class SendMetrics(BaseRequestMiddleware):
    """Counts every message sent to Telegram by result, and every 429 of any call."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        try:
            response = await make_request(bot, method)
        except Exception as error:
            if isinstance(error, TelegramRetryAfter):
                self._metrics.flood_waits.inc()
            if is_send(method):
                self._metrics.sends.labels(result=_result_of(error)).inc()
            raise
        if is_send(method):
            self._metrics.sends.labels(result="ok").inc()
        return response
