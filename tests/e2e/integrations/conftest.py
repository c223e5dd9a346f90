"""The team group's fixtures, a webhook endpoint, the fake CRMs, and the verbs stories share."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.runner import web_server
from bot.services.cards import post_card
from domain.clock import ManualClock
from integrations.signing import new_secret
from storage.models import Delivery, Priority
from storage.repositories.requests import NewAnswer
from tests.e2e.integrations.fake_crm import TOKEN, FakeCrms, running_crms
from tests.e2e.integrations.receiver import Receiver, running_receiver, write_endpoints
from tests.e2e.team.conftest import AUTHOR_ID, Team, clock, make_team, tg
from tests.e2e.webhook.conftest import samples

__all__ = ["Team", "clock", "make_team", "tg"]

SECRET = new_secret()


@pytest.fixture
def hooked(
    make_team: Callable[..., Any], clock: ManualClock, tmp_path: Path
) -> Callable[..., Any]:
    """``async with hooked(events=[...]) as (team, receiver): ...``: a bot with one endpoint;
    ``overrides`` are settings (``admin_ids=...``)."""

    @asynccontextmanager
    async def build(
        *,
        events: list[str],
        secrets: list[str] | None = None,
        script: list[int | str] = (),
        **overrides: Any,
    ) -> AsyncIterator[tuple[Team, Receiver]]:
        signing = secrets or [SECRET]
        async with running_receiver([signing[-1]], clock) as receiver:
            receiver.script.extend(script)
            path = write_endpoints(
                tmp_path / "webhooks.yaml",
                [{"name": "erp", "url": receiver.url, "secrets": signing, "events": events}],
            )
            async with make_team(webhooks_file=path, webhooks_timeout=2.0, **overrides) as team:
                yield team, receiver

    return build


@pytest.fixture
def crm_team(make_team: Callable[..., Any]) -> Callable[..., Any]:
    """``async with crm_team(amocrm=True) as (team, crms)``: a bot connected to the fakes."""

    @asynccontextmanager
    async def build(
        *, amocrm: bool = False, bitrix24: bool = False, create_on: str = "submitted"
    ) -> AsyncIterator[tuple[Team, FakeCrms]]:
        async with running_crms() as crms:
            settings: dict[str, Any] = {"crm_create_on": create_on, "webhooks_timeout": 5.0}
            if amocrm:
                settings.update(amocrm_url=crms.amocrm_url, amocrm_token=TOKEN)
            if bitrix24:
                settings.update(bitrix24_webhook_url=crms.bitrix_url)
            async with make_team(**settings) as team:
                yield team, crms
            assert crms.violations == []

    return build


async def car_request(team: Team) -> int:
    """A car import request stored and posted, as the dialog's submit would."""
    async with team.repo() as repo:
        request = await repo.requests.create(
            scenario_id="car_import",
            scenario_version=1,
            author_id=AUTHOR_ID,
            answers=[
                NewAnswer(field_id="make", value="Kia", display="Kia"),
                NewAnswer(
                    field_id="budget",
                    value={"amount": 3_800_000, "currency": "RUB"},
                    display="3 800 000 ₽",
                ),
            ],
            client_name="Kia",
            priority=Priority.NORMAL,
        )
        await post_card(team.desk(repo), request.id)
    return request.id


async def deliveries_of(team: Team, number: int) -> list[Delivery]:
    """Every delivery about request ``number``, once the worker has finished a pass."""
    await team.bot.app.deliveries.settled()
    async with team.repo() as repo:
        return await repo.deliveries.find(request_id=number)


async def delivery_counts(team: Team) -> dict[tuple[str, str], float]:
    """``presale_webhook_deliveries_total`` by (target, result), scraped from ``/metrics``
    over HTTP as Prometheus would, and read with prometheus-client's own parser."""
    server = web_server(team.bot.app)
    await server.start("127.0.0.1", 0)
    try:
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{server.port}/metrics") as response,
        ):
            assert response.status == 200
            found = samples(await response.text())
    finally:
        await server.stop()
    return {
        (labels["target"], labels["result"]): value
        for (name, pairs), value in found.items()
        if name == "presale_webhook_deliveries_total"
        for labels in [dict(pairs)]
    }


async def retry_now(team: Team, delivery: Delivery) -> None:
    """Move the clock to the delivery's next attempt and let the worker make it."""
    team.clock.set(delivery.next_attempt_at)
    await team.bot.app.deliveries.settled()
