"""The documented receiver example, served as its README says, against signed requests."""

from __future__ import annotations

import json
import time
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from examples.webhook_receiver import create_app
from integrations.signing import new_secret, signature_header

SECRET = new_secret()
BODY = json.dumps({"type": "request.taken", "timestamp": "2026-03-02T06:00:00Z", "data": {}})


def signed(message_id: str, *, secret: str = SECRET, at: int | None = None) -> dict[str, str]:
    timestamp = int(time.time()) if at is None else at
    return {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature_header([secret], message_id, timestamp, BODY.encode()),
    }


async def test_a_genuine_delivery_is_handled_once_however_often_it_is_retried() -> None:
    handled: list[tuple[str, dict[str, Any]]] = []

    async def handle(event_type: str, payload: dict[str, Any]) -> None:
        handled.append((event_type, payload))

    async with TestClient(TestServer(create_app([SECRET], handle))) as client:
        for _ in range(3):
            response = await client.post("/webhooks/presale", data=BODY, headers=signed("msg_1"))
            assert response.status == 200
        refused = [
            await client.post("/webhooks/presale", data=BODY, headers=headers)
            for headers in (
                {"content-type": "application/json"},
                signed("msg_2", secret=new_secret()),
                signed("msg_3", at=int(time.time()) - 600),
            )
        ]
    assert [response.status for response in refused] == [401, 401, 401]
    assert [event for event, _ in handled] == ["request.taken"]
