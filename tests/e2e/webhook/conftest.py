"""A bot in webhook mode in the test's own event loop, on a port chosen at run time."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.assembly import create_app
from bot.runner import WebhookBot
from bot.settings import Settings
from emulator import RetryPolicy, TelegramEmulator

SECRET = "webhook-secret_1"


def free_port() -> int:
    """A port nobody listens on right now, for a server that must know its URL up front."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def free_ports(count: int) -> int:
    """The first of ``count`` consecutive ports nobody listens on right now."""
    while True:
        first = free_port()
        if first + count - 1 > 65535:
            continue
        with contextlib.ExitStack() as probes:
            try:
                for port in range(first + 1, first + count):
                    probes.enter_context(socket.socket()).bind(("127.0.0.1", port))
            except OSError:
                continue
        return first


def webhook_settings(settings_for: Callable[..., Settings], **overrides: Any) -> Settings:
    port = free_port()
    values: dict[str, Any] = {
        "mode": "webhook",
        "webhook_url": f"http://127.0.0.1:{port}/telegram",
        "webhook_secret": SECRET,
        "listen_host": "127.0.0.1",
        "listen_port": port,
    }
    values.update(overrides)
    return settings_for(**values)


@pytest.fixture
async def tg() -> AsyncIterator[TelegramEmulator]:
    """Webhook retries quick enough for a test, patient enough to outlast a short outage."""
    retry = RetryPolicy(attempts=8, first_delay=0.2, max_delay=1.0, request_timeout=10.0)
    async with TelegramEmulator(webhook_retry=retry) as emulator:
        yield emulator


@pytest.fixture
async def webhook_bot(
    settings_for: Callable[..., Settings], request: pytest.FixtureRequest
) -> AsyncIterator[WebhookBot]:
    """The bot serving its webhook on a SQLite file (or the database the test names)."""
    overrides: dict[str, Any] = {}
    if "database_url" in request.fixturenames:
        overrides["database_url"] = request.getfixturevalue("database_url")
    running = WebhookBot(create_app(webhook_settings(settings_for, **overrides)))
    await running.start()
    try:
        yield running
    finally:
        await running.close()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


def base_url(running: WebhookBot) -> str:
    return f"http://127.0.0.1:{running.server.port}"


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a Prometheus page, parsed by prometheus-client's own parser."""
    found: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found
