"""Fake amoCRM and Bitrix24 on 127.0.0.1 that refuse any request not shaped as their docs say.

amoCRM: ``POST /api/v4/leads/complex`` (a list of leads, each with its contact and company
under ``_embedded``) and ``PATCH /api/v4/leads/{id}``, both with ``Authorization: Bearer``.
Bitrix24: ``<webhook>/crm.lead.add.json`` / ``crm.deal.add.json`` (``{"fields", "params"}``)
and ``crm.lead.update.json`` / ``crm.deal.update.json`` (``{"id", "fields"}``), answering
``{"result": ...}``; ``503 QUERY_LIMIT_EXCEEDED`` when told to. A request of the wrong shape
is answered 400 and kept in ``violations`` so that a test fails on it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.e2e.integrations.receiver import serving

TOKEN = "long-lived-token"
BITRIX_PATH = "/rest/1/k3y/"
LIMITED = "limited"
"""A Bitrix24 script entry: answer 503 QUERY_LIMIT_EXCEEDED."""

_LEAD_KEYS = {"name", "price", "status_id", "pipeline_id", "custom_fields_values", "_embedded"}
_EMBEDDED_KEYS = {"tags", "contacts", "companies"}
_CONTACT_KEYS = {"name", "first_name", "last_name", "custom_fields_values"}
_PATCH_KEYS = {"status_id", "pipeline_id", "price", "name"}
_BITRIX_METHODS = {"crm.lead.add", "crm.deal.add", "crm.lead.update", "crm.deal.update"}
_MULTI_FIELDS = {"PHONE", "EMAIL"}


@dataclass(frozen=True)
class Call:
    """One request a CRM received: the method, the path, the parsed JSON body, when."""

    method: str
    path: str
    body: Any
    at: float = field(default_factory=time.monotonic)


def _custom_fields_problems(values: Any) -> list[str]:
    if not isinstance(values, list):
        return ["custom_fields_values is not a list"]
    problems = []
    for entry in values:
        if not isinstance(entry, dict) or not ({"field_id", "field_code"} & entry.keys()):
            problems.append(f"custom field without field_id or field_code: {entry}")
            continue
        if not isinstance(entry.get("values"), list) or not all(
            isinstance(v, dict) and "value" in v for v in entry["values"]
        ):
            problems.append(f"custom field values are not [{{value: ...}}]: {entry}")
    return problems


def amocrm_lead_problems(body: Any) -> list[str]:
    """What is wrong with a ``leads/complex`` body, by amoCRM's API v4 reference."""
    if not isinstance(body, list) or not 1 <= len(body) <= 50:
        return ["the body must be a list of 1 to 50 leads"]
    problems = []
    for lead in body:
        if not isinstance(lead, dict):
            return ["a lead is not an object"]
        problems += [f"unknown lead key {key}" for key in lead.keys() - _LEAD_KEYS]
        if not isinstance(lead.get("name"), str):
            problems.append("a lead needs a name")
        for key in ("price", "status_id", "pipeline_id"):
            if key in lead and not isinstance(lead[key], int):
                problems.append(f"{key} must be an integer")
        if "custom_fields_values" in lead:
            problems += _custom_fields_problems(lead["custom_fields_values"])
        embedded = lead.get("_embedded", {})
        problems += [f"unknown _embedded key {key}" for key in embedded.keys() - _EMBEDDED_KEYS]
        for contact in embedded.get("contacts", []):
            problems += [f"unknown contact key {k}" for k in contact.keys() - _CONTACT_KEYS]
            problems += _custom_fields_problems(contact.get("custom_fields_values", []))
        if len(embedded.get("contacts", [])) > 1 or len(embedded.get("companies", [])) > 1:
            problems.append("at most one contact and one company per complex lead")
        for company in embedded.get("companies", []):
            if not isinstance(company.get("name"), str):
                problems.append("a company needs a name")
        for tag in embedded.get("tags", []):
            if not isinstance(tag.get("name"), str):
                problems.append("a tag needs a name")
    return problems


def bitrix_problems(method: str, body: Any) -> list[str]:
    """What is wrong with a call of ``method``, by the Bitrix24 REST reference."""
    if method not in _BITRIX_METHODS:
        return [f"unknown method {method}"]
    if not isinstance(body, dict) or not isinstance(body.get("fields"), dict):
        return ["the body needs fields"]
    problems = [f"field {key} is not upper case" for key in body["fields"] if key != key.upper()]
    for key in _MULTI_FIELDS & body["fields"].keys():
        entries = body["fields"][key]
        if not isinstance(entries, list) or not all(
            isinstance(e, dict) and e.keys() == {"VALUE", "VALUE_TYPE"} for e in entries
        ):
            problems.append(f"{key} must be [{{VALUE, VALUE_TYPE}}]")
    if method.endswith(".update") and not isinstance(body.get("id"), int):
        problems.append("update needs an integer id")
    if method.endswith(".add") and "id" in body:
        problems.append("add takes no id")
    if method == "crm.deal.add" and _MULTI_FIELDS & body["fields"].keys():
        problems.append("a deal has no PHONE or EMAIL of its own")
    return problems


@dataclass
class FakeCrms:
    """Both fakes in one server: scripts of answers, what arrived, what was malformed."""

    url: str = ""
    amocrm: list[Call] = field(default_factory=list)
    bitrix: list[Call] = field(default_factory=list)
    amocrm_script: list[int] = field(default_factory=list)
    bitrix_script: list[int | str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    _arrived: asyncio.Condition = field(default_factory=asyncio.Condition)
    _next_id: int = 4545

    @property
    def amocrm_url(self) -> str:
        return self.url

    @property
    def bitrix_url(self) -> str:
        return self.url + BITRIX_PATH

    async def _record(self, calls: list[Call], call: Call, problems: list[str]) -> None:
        async with self._arrived:
            calls.append(call)
            self.violations += problems
            self._arrived.notify_all()

    async def amocrm_complex(self, request: web.Request) -> web.Response:
        body = await request.json()
        problems = amocrm_lead_problems(body)
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            problems.append("no bearer token")
        await self._record(self.amocrm, Call("POST", request.path, body), problems)
        status = self.amocrm_script.pop(0) if self.amocrm_script else 200
        if problems or status == 400:
            return web.json_response({"title": "Bad Request", "status": 400}, status=400)
        if status != 200:
            return web.json_response({"title": "Error", "status": status}, status=status)
        self._next_id += 1
        return web.json_response(
            [
                {
                    "id": self._next_id,
                    "contact_id": 1,
                    "company_id": 2,
                    "request_id": ["0"],
                    "merged": False,
                }
            ]
        )

    async def amocrm_patch(self, request: web.Request) -> web.Response:
        body = await request.json()
        problems = [f"unknown key {key}" for key in body.keys() - _PATCH_KEYS]
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            problems.append("no bearer token")
        await self._record(self.amocrm, Call("PATCH", request.path, body), problems)
        lead_id = int(request.match_info["lead_id"])
        return web.json_response({"id": lead_id, "updated_at": 1772431200})

    async def bitrix_method(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await request.json()
        problems = bitrix_problems(method, body)
        await self._record(self.bitrix, Call("POST", method, body), problems)
        answer = self.bitrix_script.pop(0) if self.bitrix_script else 200
        if answer == LIMITED:
            return web.json_response(
                {"error": "QUERY_LIMIT_EXCEEDED", "error_description": "Too many requests"},
                status=503,
            )
        if problems or answer == 400:
            return web.json_response(
                {"error": "", "error_description": "Parameter 'fields' must be array."},
                status=400,
            )
        if method.endswith(".update"):
            return web.json_response({"result": True, "time": {"duration": 0.01}})
        self._next_id += 1
        return web.json_response({"result": self._next_id, "time": {"duration": 0.02}})

    async def wait_for(self, calls: list[Call], count: int, timeout: float = 10.0) -> list[Call]:
        async with asyncio.timeout(timeout), self._arrived:
            await self._arrived.wait_for(lambda: len(calls) >= count)
        return calls[:count]


@asynccontextmanager
async def running_crms() -> AsyncIterator[FakeCrms]:
    """Serve both fakes on a free port of 127.0.0.1 until the block ends."""
    crms = FakeCrms()
    app = web.Application()
    app.router.add_post("/api/v4/leads/complex", crms.amocrm_complex)
    app.router.add_patch("/api/v4/leads/{lead_id:\\d+}", crms.amocrm_patch)
    app.router.add_post(BITRIX_PATH + "{method}.json", crms.bitrix_method)
    async with serving(app) as crms.url:
        yield crms
