"""amoCRM / Kommo: one ``POST /api/v4/leads/complex`` per lead, ``PATCH`` for its stage.

A lead is created together with its contact and its company in one call, authorised by a
long-lived token (``Authorization: Bearer ...``). amoCRM allows about 7 calls a second per
account and answers 429 beyond it; the client keeps under that (all instances together,
when they share Redis), and a 429 or a 5xx is retried by the worker like any delivery.
"""

from __future__ import annotations

from typing import Any

import aiohttp

from domain.stages import Stage
from integrations.crm.base import Answer, Lead, LocalRateLimit, RateLimit, call, failure
from integrations.policy import Outcome
from scenarios.crm_mapping import AmoCrmMapping
from scenarios.schema import Scenario

NAME = "amocrm"
PRICE = "price"
"""Mapping a form field to ``price`` fills the lead's own budget instead of a custom field."""


def complex_lead(lead: Lead, mapping: AmoCrmMapping) -> list[dict[str, Any]]:
    """The body of ``POST /api/v4/leads/complex``: a list with one lead."""
    item: dict[str, Any] = {"name": lead.title}
    custom: list[dict[str, Any]] = []
    for field_id, target in mapping.fields.items():
        value = lead.values.get(field_id)
        if value is None:
            continue
        if target == PRICE:
            if isinstance(value, int | float):
                item["price"] = int(value)
            continue
        custom.append({"field_id": target, "values": [{"value": value}]})
    if custom:
        item["custom_fields_values"] = custom
    if mapping.pipeline_id is not None:
        item["pipeline_id"] = mapping.pipeline_id
    status = mapping.statuses.get(lead.stage)
    if status is not None:
        item["status_id"] = status
    embedded: dict[str, Any] = {}
    if mapping.tags:
        embedded["tags"] = [{"name": tag} for tag in mapping.tags]
    contact = _contact(lead)
    if contact:
        embedded["contacts"] = [contact]
    if lead.company:
        embedded["companies"] = [{"name": lead.company}]
    if embedded:
        item["_embedded"] = embedded
    return [item]


def _contact(lead: Lead) -> dict[str, Any] | None:
    fields: list[dict[str, Any]] = []
    if lead.phone:
        fields.append(
            {"field_code": "PHONE", "values": [{"value": lead.phone, "enum_code": "WORK"}]}
        )
    if lead.email:
        fields.append(
            {"field_code": "EMAIL", "values": [{"value": lead.email, "enum_code": "WORK"}]}
        )
    if not fields and not lead.contact_name:
        return None
    contact: dict[str, Any] = {"name": lead.contact_name or lead.company or lead.title}
    if fields:
        contact["custom_fields_values"] = fields
    return contact


def _detail(answer: Answer) -> str:
    body = answer.body if isinstance(answer.body, dict) else {}
    return str(body.get("title") or body.get("detail") or "")[:120]


class AmoCrm:
    """The amoCRM client of one account: its address and its long-lived token."""

    name = NAME
    burst, per_second = 7, 7
    """The account's limit, as the CRM documents it."""

    def __init__(self, *, base_url: str, token: str, rate: RateLimit | None = None) -> None:
        self._base = base_url.rstrip("/")
        self._headers = {"authorization": f"Bearer {token}"}
        self._rate = rate or LocalRateLimit(burst=self.burst, per_second=self.per_second)

    async def create(self, http: aiohttp.ClientSession, lead: Lead, form: Scenario) -> Outcome:
        mapping = form.crm.amocrm if form.crm else None
        if mapping is None:
            return Outcome.refused(f"the form {form.id} has no amocrm mapping")
        answer = await self._call(
            http, "POST", "/api/v4/leads/complex", complex_lead(lead, mapping)
        )
        if isinstance(answer, Outcome):
            return answer
        if not 200 <= answer.status < 300:
            return failure(answer, _detail(answer))
        created = answer.body[0] if isinstance(answer.body, list) and answer.body else {}
        if not isinstance(created, dict) or "id" not in created:
            return Outcome.refused("amoCRM answered without a lead id", status=answer.status)
        return Outcome.delivered(answer.status, crm_id=str(created["id"]), crm_entity="lead")

    async def move(
        self,
        http: aiohttp.ClientSession,
        crm_id: str,
        entity: str,
        stage: Stage,
        form: Scenario,
    ) -> Outcome:
        mapping = form.crm.amocrm if form.crm else None
        status = mapping.statuses.get(stage) if mapping else None
        if mapping is None or status is None:
            return Outcome.delivered()
        body: dict[str, Any] = {"status_id": status}
        if mapping.pipeline_id is not None:
            body["pipeline_id"] = mapping.pipeline_id
        answer = await self._call(http, "PATCH", f"/api/v4/leads/{crm_id}", body)
        if isinstance(answer, Outcome):
            return answer
        if not 200 <= answer.status < 300:
            return failure(answer, _detail(answer))
        return Outcome.delivered(answer.status)

    async def _call(
        self, http: aiohttp.ClientSession, method: str, path: str, payload: Any
    ) -> Answer | Outcome:
        await self._rate.wait()
        answer = await call(
            http, method, self._base + path, payload=payload, headers=self._headers
        )
        if isinstance(answer, Answer) and answer.status == 429:
            await self._rate.exhausted()
        return answer
