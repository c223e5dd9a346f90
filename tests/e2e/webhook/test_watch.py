"""A bot in webhook mode that Telegram cannot reach tells its admins, and when it is over."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import aiohttp
import pytest

from bot.assembly import create_app
from bot.runner import WebhookBot
from bot.settings import Settings
from domain.clock import ManualClock
from emulator import RetryPolicy, TelegramEmulator
from tests.conftest import ADMIN_ID
from tests.e2e.webhook.conftest import SECRET, base_url, free_port, samples, webhook_settings
from tests.harness import Person

PENDING = ("presale_telegram_webhook_pending", ())


@pytest.fixture
async def tg() -> AsyncIterator[TelegramEmulator]:
    """Telegram insists on a failing webhook, as it does for a day."""
    retry = RetryPolicy(attempts=100_000, first_delay=0.05, max_delay=0.2, request_timeout=5.0)
    async with TelegramEmulator(webhook_retry=retry) as emulator:
        yield emulator


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def watched(
    settings_for: Callable[..., Settings], clock: ManualClock
) -> AsyncIterator[WebhookBot]:
    """The bot in webhook mode; its watch looks each time the test moves the clock."""
    running = WebhookBot(create_app(webhook_settings(settings_for), clock=clock))
    await running.start()
    try:
        yield running
    finally:
        await running.close()


async def look(running: WebhookBot, clock: ManualClock) -> None:
    """One more look at Telegram's view of the webhook, and whatever it said sent."""
    clock.advance(seconds=60)
    await running.watch.settled()
    await running.app.sender.drain_now()


async def pending_gauge(running: WebhookBot, http: aiohttp.ClientSession) -> float:
    async with http.get(f"{base_url(running)}/metrics") as response:
        return samples(await response.text())[PENDING]


async def test_the_admins_hear_when_telegram_cannot_deliver_and_again_when_it_can(
    watched: WebhookBot,
    clock: ManualClock,
    tg: TelegramEmulator,
    person: Callable[..., Person],
    http: aiohttp.ClientSession,
) -> None:
    irina = person(ADMIN_ID, "Ирина")
    await irina.ask("/start")
    await look(watched, clock)  # all is well: nothing said (counted at the end)

    # The public address answers 403 to Telegram (here: the secret Telegram sends is not
    # the instance's), and a lead's message waits at Telegram.
    await watched.app.bot.set_webhook(watched.url, secret_token="another-secret")
    anna = person(70, "Анна")
    failures = tg.stats.webhook_failures
    await anna.send("/start")
    await tg.wait_for(lambda: tg.stats.webhook_failures > failures, what="a failed delivery")
    await look(watched, clock)

    alarm = tg.bot_messages(ADMIN_ID)[-1]
    assert "Telegram не может доставить боту обновления" in alarm.text
    assert watched.url in alarm.text
    assert "Wrong response from the webhook: 403 Forbidden" in alarm.text
    assert "Ждут доставки: 1" in alarm.text
    assert await pending_gauge(watched, http) == 1
    await look(watched, clock)  # still failing: said once

    await watched.app.bot.set_webhook(watched.url, secret_token=SECRET)
    assert "Здравствуйте" in (await anna.reply(timeout=15)).text
    await look(watched, clock)
    over = tg.bot_messages(ADMIN_ID)[-1]
    assert over.text == (
        f"✅ Telegram снова доставляет обновления боту на {watched.url}. Ждут доставки: 0."
    )
    assert await pending_gauge(watched, http) == 0
    assert len(tg.bot_messages(ADMIN_ID)) == 3  # the greeting, the alarm and its end


async def test_the_admins_hear_when_telegram_posts_elsewhere_or_nowhere(
    watched: WebhookBot, clock: ManualClock, tg: TelegramEmulator, person: Callable[..., Person]
) -> None:
    irina = person(ADMIN_ID, "Ирина", language_code="en")
    await irina.ask("/start")
    await look(watched, clock)

    # Someone runs the same token with another address...
    elsewhere = "https://staging.example.com/telegram"
    await watched.app.bot.set_webhook(elsewhere, secret_token=SECRET)
    await look(watched, clock)
    moved = tg.bot_messages(ADMIN_ID)[-1]
    assert f"Telegram posts its updates to {elsewhere}, not to {watched.url}" in moved.text

    # ...then in polling mode, which deletes the webhook.
    await watched.app.bot.delete_webhook()
    await look(watched, clock)
    gone = tg.bot_messages(ADMIN_ID)[-1]
    assert "Telegram has no webhook address for it" in gone.text

    await watched.app.bot.set_webhook(watched.url, secret_token=SECRET)  # a restart does this
    await look(watched, clock)
    assert "delivers the bot's updates" in tg.bot_messages(ADMIN_ID)[-1].text
    await look(watched, clock)  # all is well again: nothing more said
    assert len(tg.bot_messages(ADMIN_ID)) == 4  # the greeting and three notices


async def test_the_instance_taking_the_watch_over_goes_on_from_what_the_admins_were_told(
    database_url: str,
    settings_for: Callable[..., Settings],
    clock: ManualClock,
    person: Callable[..., Person],
    tg: TelegramEmulator,
) -> None:
    # Leases outlast the looks' steps of the clock: the first instance keeps the watch.
    first_settings = webhook_settings(settings_for, database_url=database_url, lease_seconds=600)
    first = WebhookBot(create_app(first_settings, clock=clock))
    await first.start()  # the first to look: it holds the watch's lease
    # A second instance behind the same address, on the same database.
    second_settings = webhook_settings(
        settings_for,
        database_url=database_url,
        webhook_url=first.url,
        listen_port=free_port(),
        lease_seconds=600,
    )
    second = WebhookBot(create_app(second_settings, clock=clock))
    try:
        await second.start()
        irina = person(ADMIN_ID, "Ирина", language_code="en")
        await irina.ask("/start")
        elsewhere = "https://staging.example.com/telegram"
        await first.app.bot.set_webhook(elsewhere, secret_token=SECRET)
        await look(first, clock)
        assert "not to" in tg.bot_messages(ADMIN_ID)[-1].text
    finally:
        await first.close()  # its lease is handed back: the second takes the watch over
    try:
        await look(second, clock)  # still elsewhere
        assert len(tg.bot_messages(ADMIN_ID)) == 2  # the greeting and one notice, not two

        await second.app.bot.set_webhook(first.url, secret_token=SECRET)
        await look(second, clock)
        assert "delivers the bot's updates" in tg.bot_messages(ADMIN_ID)[-1].text
        assert len(tg.bot_messages(ADMIN_ID)) == 3
    finally:
        await second.close()
