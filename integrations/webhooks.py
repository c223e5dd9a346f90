"""Sends one delivery to one webhook endpoint, signed as Standard Webhooks says."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import aiohttp

from integrations.endpoints import Endpoint
from integrations.policy import Outcome, is_retryable_status, parse_retry_after
from integrations.signing import signature_header
from storage.models import Delivery

USER_AGENT = "PresaleDesk-Webhooks/1"


class WebhookTransport:
    """POSTs the stored body with ``webhook-id``, ``webhook-timestamp``, ``webhook-signature``.

    The id and the body never change between attempts; the timestamp is the attempt's
    own (read from the bot's clock) and the signature is made anew for it.
    """

    def __init__(self, endpoints: Mapping[str, Endpoint]) -> None:
        self._endpoints = dict(endpoints)

    async def deliver(
        self, http: aiohttp.ClientSession, delivery: Delivery, now: datetime
    ) -> Outcome:
        endpoint = self._endpoints.get(delivery.endpoint)
        if endpoint is None:
            return Outcome.refused(f"endpoint {delivery.endpoint!r} is no longer configured")
        body = delivery.body.encode()
        timestamp = int(now.timestamp())
        headers = {
            "content-type": "application/json",
            "user-agent": USER_AGENT,
            "webhook-id": delivery.message_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": signature_header(
                endpoint.secrets, delivery.message_id, timestamp, body
            ),
        }
        try:
            async with http.post(endpoint.url, data=body, headers=headers) as response:
                status = response.status
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
        except TimeoutError:
            return Outcome.transient("timed out")
        except (aiohttp.ClientError, OSError) as error:
            return Outcome.transient(f"network: {type(error).__name__}")
        if 200 <= status < 300:
            return Outcome.delivered(status)
        reason = f"HTTP {status}"
        if is_retryable_status(status):
            return Outcome.transient(reason, status=status, retry_after=retry_after)
        return Outcome.refused(reason, status=status)
