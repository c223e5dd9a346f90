"""From the event log to deliveries, in the transaction of the change.

``DeliveryPlanner`` is an event sink (``storage.repositories.events.add_event_sink``):
every event the bot logs passes through it, and the ones another system may want are
written to ``deliveries`` in the same transaction, once per endpoint that asked for
them and once per CRM that keeps the request's lead. Nothing is planned when the change
rolls back; the worker hears after the commit.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.sending.outbox import after_commit
from domain.clock import Clock
from integrations.crm.transport import create_body, stage_body
from integrations.endpoints import Endpoint
from integrations.policy import GIVE_UP_AFTER
from scenarios.loader import ScenarioCatalog, UnknownScenarioError
from storage.models import Event, Request, RequestAnswer
from storage.repositories.deliveries import DeliveryRepository, NewDelivery

WEBHOOK = "webhook"
"""The ``target`` of a delivery to a webhook endpoint."""
CRM_CREATE, CRM_STAGE = "crm.create", "crm.stage"
"""The ``event`` of a CRM delivery: create the lead, or move it to a stage."""
CREATE_ON = {
    "submitted": frozenset({"request.submitted"}),
    "taken": frozenset({"request.taken", "request.assigned", "request.auto_assigned"}),
}
"""``CRM_CREATE_ON`` → the events that create the lead (the first one of them does)."""
STAGE_MOVES = frozenset({"request.stage_changed", "request.reopened"})
"""The events that move the lead: a reopened request leaves the CRM's closed status too."""

OUTGOING = {
    "request.submitted": "request.created",
    "request.taken": "request.taken",
    "request.stage_changed": "request.stage_changed",
    "request.assigned": "request.reassigned",
    "request.auto_assigned": "request.reassigned",
    "request.meeting_planned": "meeting.planned",
    "request.meeting_rescheduled": "meeting.rescheduled",
    "request.meeting_cancelled": "meeting.cancelled",
    "request.meeting_held": "meeting.held",
    "request.recap_confirmed": "recap.confirmed",
    "request.step_overdue": "step.overdue",
    "estimate.delivered": "estimate.delivered",
}
"""The event log's kind → the event name receivers see."""

_RENAMED = {
    "request.stage_changed": {"from": "previous_stage", "to": "new_stage"},
    "request.assigned": {"from": "previous_owner_id", "to": "new_owner_id"},
    "request.auto_assigned": {"from": "previous_owner_id", "to": "new_owner_id"},
    "request.meeting_planned": {"meeting": "meeting_id"},
    "request.meeting_rescheduled": {
        "meeting": "meeting_id",
        "from": "previous_starts_at",
        "to": "starts_at",
    },
    "request.meeting_cancelled": {"meeting": "meeting_id"},
    "request.meeting_held": {"meeting": "meeting_id"},
    "request.recap_confirmed": {"meeting": "meeting_id"},
    "request.step_overdue": {"step": "step_id"},
}
"""Keys of the event's own data that receivers see under a clearer name."""


def new_message_id() -> str:
    """A ``webhook-id``: unique per event and endpoint, the same on every retry."""
    return f"msg_{uuid.uuid4().hex}"


def utc_text(moment: datetime) -> str:
    """An ISO 8601 UTC timestamp with a ``Z``, as the specification's examples write it."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def event_details(kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The event's own data, keys renamed for receivers; "who assigned" made explicit."""
    renames = _RENAMED.get(kind, {})
    details = {renames.get(key, key): value for key, value in data.items()}
    if kind == "request.assigned":
        details["by"] = "manager"
    elif kind == "request.auto_assigned":
        details["by"] = "bot"
    return details


def request_summary(request: Request) -> dict[str, Any]:
    """The request as every event shows it."""
    return {
        "id": request.id,
        "form": request.scenario_id,
        "title": request.title,
        "client": request.client_name,
        "priority": request.priority,
        "stage": request.stage,
        "author_id": request.author_id,
        "owner_id": request.owner_id,
        "created_at": utc_text(request.created_at),
    }


class DeliveryPlanner:
    """Plans the deliveries of each logged event; ``notify`` wakes the worker after commit.

    Webhooks: one delivery per endpoint that asked for the event. CRMs (``crms``, the
    connected ones): the lead is created on the first event of ``create_on`` (see
    ``CREATE_ON``) for a form with a mapping for that CRM, and moved on every stage change
    (or reopening) to a stage its mapping names; these go in order, behind the creation.
    """

    def __init__(
        self,
        *,
        endpoints: Mapping[str, Endpoint],
        clock: Clock,
        notify: Callable[[], None],
        scenarios: ScenarioCatalog,
        crms: frozenset[str],
        create_on: frozenset[str],
    ) -> None:
        self.endpoints = dict(endpoints)
        self._clock = clock
        self._notify = notify
        self._scenarios = scenarios
        self._crms = crms
        self._create_on = create_on

    async def __call__(self, session: AsyncSession, event: Event) -> None:
        name = OUTGOING.get(event.kind)
        receivers = [e for e in self.endpoints.values() if name and e.wants(name)]
        for_crm = bool(self._crms) and (event.kind in self._create_on or event.kind in STAGE_MOVES)
        if not receivers and not for_crm:
            return
        request = None
        if event.request_id is not None:
            request = await session.get(Request, event.request_id, populate_existing=True)
        repo = DeliveryRepository(session, self._clock)
        planned = []
        if name is not None and receivers:
            body = await self._body(session, event, name, request)
            planned += [
                NewDelivery(
                    message_id=new_message_id(),
                    target=WEBHOOK,
                    endpoint=endpoint.name,
                    event=name,
                    request_id=event.request_id,
                    body=body,
                )
                for endpoint in receivers
            ]
        if for_crm and request is not None:
            planned += await self._crm(repo, event, request)
        if not planned:
            return
        await repo.add_all(planned, give_up_after=GIVE_UP_AFTER)
        after_commit(session, self._notify)

    async def _crm(
        self, repo: DeliveryRepository, event: Event, request: Request
    ) -> list[NewDelivery]:
        if event.kind in self._create_on:
            action, body = CRM_CREATE, create_body()
        elif event.kind in STAGE_MOVES:
            action, body = CRM_STAGE, stage_body(str(event.data.get("to")))
        else:
            return []
        try:
            form = self._scenarios.get(request.scenario_id)
        except UnknownScenarioError:
            return []
        planned = []
        for crm in sorted(self._crms):
            mapping = getattr(form.crm, crm, None) if form.crm else None
            if mapping is None:
                continue
            known = bool(await repo.find(target=crm, request_id=request.id))
            if action == CRM_CREATE and known:
                continue  # taken again after a release: the lead exists
            if action == CRM_STAGE and (not known or event.data.get("to") not in mapping.statuses):
                continue
            planned.append(
                NewDelivery(
                    message_id=new_message_id(),
                    target=crm,
                    endpoint=crm,
                    event=action,
                    request_id=request.id,
                    body=body,
                    in_order=True,
                )
            )
        return planned

    async def _body(
        self, session: AsyncSession, event: Event, name: str, request: Request | None
    ) -> str:
        """The JSON every receiver of this event gets: ``type``, ``timestamp``, ``data``."""
        data: dict[str, Any] = {"actor_id": event.actor_id}
        if request is not None:
            data["request"] = request_summary(request)
            if name == "request.created":
                data["request"]["answers"] = await _answers(session, request.id)
        data.update(event_details(event.kind, event.data))
        payload = {"type": name, "timestamp": utc_text(event.at), "data": data}
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)


async def _answers(session: AsyncSession, request_id: int) -> dict[str, Any]:
    rows = await session.execute(
        select(RequestAnswer.field_id, RequestAnswer.value)
        .where(RequestAnswer.request_id == request_id)
        .order_by(RequestAnswer.id)
    )
    return {str(key): value for key, value in rows.all()}
