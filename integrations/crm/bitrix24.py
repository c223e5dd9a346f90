"""Bitrix24: an inbound webhook URL, ``crm.lead.add`` (or ``crm.deal.add``), ``*.update``.

The webhook URL (``https://<portal>/rest/<user>/<key>/``) is the credential; methods are
called as ``<url><method>.json`` with a JSON body. Bitrix24 counts calls in a leaky bucket
(a burst of 50, then 2 a second) and answers ``503`` with ``QUERY_LIMIT_EXCEEDED`` beyond
it; the client keeps under that (all instances together, when they share Redis), empties
the bucket on such an answer, and the worker retries it with backoff like any delivery.
"""

from __future__ import annotations

from typing import Any

import aiohttp

from domain.stages import Stage
from integrations.crm.base import Answer, Lead, LocalRateLimit, RateLimit, call, failure
from integrations.policy import Outcome
from scenarios.crm_mapping import Bitrix24Mapping
from scenarios.schema import Scenario

NAME = "bitrix24"
LIMIT_EXCEEDED = "QUERY_LIMIT_EXCEEDED"


def lead_fields(lead: Lead, mapping: Bitrix24Mapping) -> dict[str, Any]:
    """``fields`` of ``crm.lead.add`` or ``crm.deal.add`` for this lead."""
    fields: dict[str, Any] = {
        "TITLE": lead.title,
        "COMMENTS": lead.notes,
        "SOURCE_DESCRIPTION": lead.source,
    }
    status = mapping.statuses.get(lead.stage)
    if mapping.entity == "lead":
        if lead.contact_name:
            fields["NAME"] = lead.contact_name
        if lead.company:
            fields["COMPANY_TITLE"] = lead.company
        if lead.phone:
            fields["PHONE"] = [{"VALUE": lead.phone, "VALUE_TYPE": "WORK"}]
        if lead.email:
            fields["EMAIL"] = [{"VALUE": lead.email, "VALUE_TYPE": "WORK"}]
        if status is not None:
            fields["STATUS_ID"] = status
    else:
        if mapping.category_id is not None:
            fields["CATEGORY_ID"] = mapping.category_id
        if status is not None:
            fields["STAGE_ID"] = status
    for field_id, code in mapping.fields.items():
        value = lead.values.get(field_id)
        if value is not None:
            fields[code] = value
    return fields


def _detail(answer: Answer) -> str:
    body = answer.body if isinstance(answer.body, dict) else {}
    return " ".join(str(body.get(key) or "") for key in ("error", "error_description")).strip()


class Bitrix24:
    """The Bitrix24 client of one portal, through one inbound webhook."""

    name = NAME
    burst, per_second = 50, 2
    """The account's limit, as the CRM documents it."""

    def __init__(self, *, webhook_url: str, rate: RateLimit | None = None) -> None:
        self._base = webhook_url if webhook_url.endswith("/") else webhook_url + "/"
        self._rate = rate or LocalRateLimit(burst=self.burst, per_second=self.per_second)

    async def create(self, http: aiohttp.ClientSession, lead: Lead, form: Scenario) -> Outcome:
        mapping = form.crm.bitrix24 if form.crm else None
        if mapping is None:
            return Outcome.refused(f"the form {form.id} has no bitrix24 mapping")
        payload = {
            "fields": lead_fields(lead, mapping),
            "params": {"REGISTER_SONET_EVENT": "Y"},
        }
        answer = await self._call(http, f"crm.{mapping.entity}.add", payload)
        if isinstance(answer, Outcome):
            return answer
        result = answer.body.get("result") if isinstance(answer.body, dict) else None
        if result is None or isinstance(result, bool):
            return Outcome.refused("Bitrix24 answered without an id", status=answer.status)
        return Outcome.delivered(answer.status, crm_id=str(result), crm_entity=mapping.entity)

    async def move(
        self,
        http: aiohttp.ClientSession,
        crm_id: str,
        entity: str,
        stage: Stage,
        form: Scenario,
    ) -> Outcome:
        mapping = form.crm.bitrix24 if form.crm else None
        status = mapping.statuses.get(stage) if mapping else None
        if status is None:
            return Outcome.delivered()
        key = "STATUS_ID" if entity == "lead" else "STAGE_ID"
        payload = {"id": int(crm_id), "fields": {key: status}}
        answer = await self._call(http, f"crm.{entity}.update", payload)
        return answer if isinstance(answer, Outcome) else Outcome.delivered(answer.status)

    async def _call(
        self, http: aiohttp.ClientSession, method: str, payload: dict[str, Any]
    ) -> Answer | Outcome:
        """One method call; any answer but 2xx with a ``result`` becomes an ``Outcome``."""
        await self._rate.wait()
        answer = await call(http, "POST", f"{self._base}{method}.json", payload=payload)
        if isinstance(answer, Outcome):
            return answer
        detail = _detail(answer)
        if LIMIT_EXCEEDED in detail:
            await self._rate.exhausted()
            return Outcome.transient(
                f"HTTP {answer.status} {detail}", status=answer.status, retry_after=1.0
            )
        if not 200 <= answer.status < 300 or (
            isinstance(answer.body, dict) and "error" in answer.body
        ):
            return failure(answer, detail)
        return answer
