"""CRM deliveries: create the lead once, then move it as the request's stage moves.

A CRM delivery's body says what to do: ``{"action": "create"}`` or ``{"action": "stage",
"stage": "won"}``. The request is read when the delivery goes out, so the CRM gets the
answers as they are then. A CRM's deliveries of one request go strictly in order (the
worker does not claim one while an earlier one is undelivered), so a stage change always
finds the id the creation stored.
"""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import aiohttp

from bot.i18n import Translator
from domain.stages import Stage
from integrations.crm.base import CrmClient
from integrations.crm.lead import build_lead
from integrations.policy import Outcome
from scenarios.loader import ScenarioCatalog, UnknownScenarioError
from storage.models import Delivery
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

CREATE, STAGE = "create", "stage"


def create_body() -> str:
    return json.dumps({"action": CREATE})


def stage_body(stage: str) -> str:
    return json.dumps({"action": STAGE, "stage": stage})


class CrmTransport:
    """Sends one CRM delivery through its client; the worker stores the id it answers with."""

    def __init__(
        self,
        client: CrmClient,
        *,
        session_factory: SessionFactory,
        scenarios: ScenarioCatalog,
        t: Translator,
        zone: ZoneInfo,
    ) -> None:
        """``t`` and ``zone`` are the team's: a lead's answers are written as it reads them."""
        self.client = client
        self._session_factory = session_factory
        self._scenarios = scenarios
        self._t = t
        self._zone = zone

    async def deliver(
        self, http: aiohttp.ClientSession, delivery: Delivery, now: datetime
    ) -> Outcome:
        action = json.loads(delivery.body)
        if delivery.request_id is None:
            return Outcome.refused("a CRM delivery without a request")
        async with self._session_factory() as session:
            repo = Repositories(session)
            request = await repo.requests.with_answers(delivery.request_id)
            link = await repo.crm_links.get(delivery.request_id, self.client.name)
        if request is None:
            return Outcome.refused(f"request #{delivery.request_id} is gone")
        try:
            form = self._scenarios.get(request.scenario_id)
        except UnknownScenarioError:
            return Outcome.refused(f"the form {request.scenario_id} is no longer shipped")
        if action.get("action") == CREATE:
            if link is not None:  # created before: a redelivery must not make a second lead
                return Outcome.delivered(crm_id=link.crm_id, crm_entity=link.entity)
            return await self.client.create(
                http, build_lead(request, form, self._t, self._zone), form
            )
        if link is None:
            return Outcome.refused("the lead was never created in the CRM")
        return await self.client.move(
            http, link.crm_id, link.entity, Stage(str(action.get("stage"))), form
        )
