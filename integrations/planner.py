"""From the event log to deliveries, in the transaction of the change.

``DeliveryPlanner`` is an event sink (``storage.repositories.events.add_event_sink``):
every event the bot logs passes through it, and the ones another system may want are
written to ``deliveries`` in the same transaction, once per endpoint that asked for
them. Nothing is planned when the change rolls back; the worker hears after the commit.
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
from integrations.endpoints import Endpoint
from integrations.policy import GIVE_UP_AFTER
from storage.models import Event, Request, RequestAnswer
from storage.repositories.deliveries import DeliveryRepository, NewDelivery

WEBHOOK = "webhook"
"""The ``target`` of a delivery to a webhook endpoint."""

OUTGOING = {
    "request.submitted": "request.created",
    "request.taken": "request.taken",
    "request.stage_changed": "request.stage_changed",
    "request.assigned": "request.reassigned",
    "request.auto_assigned": "request.reassigned",
    "request.meeting_planned": "meeting.planned",
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
    """Plans the deliveries of each logged event; ``notify`` wakes the worker after commit."""

    def __init__(
        self, *, endpoints: Mapping[str, Endpoint], clock: Clock, notify: Callable[[], None]
    ) -> None:
        self.endpoints = dict(endpoints)
        self._clock = clock
        self._notify = notify

    async def __call__(self, session: AsyncSession, event: Event) -> None:
        name = OUTGOING.get(event.kind)
        if name is None:
            return
        receivers = [e for e in self.endpoints.values() if e.wants(name)]
        if not receivers:
            return
        body = await self._body(session, event, name)
        planned = [
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
        await DeliveryRepository(session, self._clock).add_all(
            planned, give_up_after=GIVE_UP_AFTER
        )
        after_commit(session, self._notify)

    async def _body(self, session: AsyncSession, event: Event, name: str) -> str:
        """The JSON every receiver of this event gets: ``type``, ``timestamp``, ``data``."""
        data: dict[str, Any] = {"actor_id": event.actor_id}
        if event.request_id is not None:
            request = await session.get(Request, event.request_id, populate_existing=True)
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
