"""A receiver of Presale Desk's webhooks that checks every signature before trusting it.

Run it next to your system and point an endpoint of the bot's ``WEBHOOKS_FILE`` at it:

    WEBHOOK_SECRETS=whsec_... python examples/webhook_receiver.py --port 8080

It needs only the standard library and aiohttp, so it can be copied out of this
repository. What it checks, as the Standard Webhooks specification says:

1. ``webhook-id``, ``webhook-timestamp`` and ``webhook-signature`` are all present;
2. the timestamp is within five minutes of the receiver's clock (an old request replayed
   by someone who recorded it is refused);
3. one of the space-separated ``v1,<base64>`` signatures is the HMAC-SHA256, keyed with
   the base64 part of a ``whsec_...`` secret, of ``"<id>.<timestamp>.<raw body>"``,
   compared in constant time. Several secrets may be configured while one is rotated;
4. a ``webhook-id`` already handled is answered 200 and not handled again: the bot
   retries with the same id until it hears 2xx.

Answer 2xx fast: anything else (or no answer within the bot's timeout) is retried for
up to 24 hours, except 4xx other than 429, which the bot does not retry.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import logging
import os
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from aiohttp import web

TOLERANCE_SECONDS = 5 * 60

Handler = Callable[[str, dict[str, Any]], Awaitable[None]]
"""Called once per webhook id with the event's ``type`` and the whole parsed body."""


class InvalidSignatureError(Exception):
    """The request is not a genuine delivery: missing headers, stale, or not signed by us."""


def _key(secret: str) -> bytes:
    if not secret.startswith("whsec_"):
        raise ValueError("a webhook secret starts with whsec_")
    return base64.b64decode(secret.removeprefix("whsec_"))


def verify(
    secrets: Iterable[str],
    headers: Mapping[str, str],
    body: bytes,
    *,
    now: float | None = None,
) -> None:
    """Raise ``InvalidSignatureError`` unless ``body`` was signed with one of ``secrets``."""
    try:
        message_id = headers["webhook-id"]
        timestamp_text = headers["webhook-timestamp"]
        signatures = headers["webhook-signature"]
    except KeyError as missing:
        raise InvalidSignatureError(f"missing header {missing}") from None
    try:
        timestamp = int(timestamp_text)
    except ValueError:
        raise InvalidSignatureError("webhook-timestamp is not a number") from None
    current = time.time() if now is None else now
    if abs(current - timestamp) > TOLERANCE_SECONDS:
        raise InvalidSignatureError("webhook-timestamp is too far from now")
    signed = f"{message_id}.{timestamp_text}.".encode() + body
    expected = [
        base64.b64encode(hmac.new(_key(secret), signed, hashlib.sha256).digest())
        for secret in secrets
    ]
    for entry in signatures.split():
        version, _, signature = entry.partition(",")
        if version != "v1":
            continue
        if any(hmac.compare_digest(signature.encode(), good) for good in expected):
            return
    raise InvalidSignatureError("no signature matches")


def create_app(
    secrets: list[str],
    handle: Handler,
    *,
    clock: Callable[[], float] = time.time,
    path: str = "/webhooks/presale",
) -> web.Application:
    """An aiohttp app answering 401 to anything unsigned and 200 to genuine deliveries."""
    seen: set[str] = set()

    async def receive(request: web.Request) -> web.Response:
        body = await request.read()
        try:
            verify(secrets, request.headers, body, now=clock())
        except InvalidSignatureError as error:
            return web.json_response({"error": str(error)}, status=401)
        message_id = request.headers["webhook-id"]
        if message_id not in seen:
            payload = json.loads(body)
            await handle(str(payload["type"]), payload)
            seen.add(message_id)
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_post(path, receive)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    secrets = os.environ.get("WEBHOOK_SECRETS", "").split()
    if not secrets:
        parser.error("set WEBHOOK_SECRETS to the endpoint's whsec_... secret(s)")
    logging.basicConfig(level=logging.INFO)

    async def log_event(event_type: str, payload: dict[str, Any]) -> None:
        logging.info("%s %s", event_type, json.dumps(payload["data"], ensure_ascii=False))

    web.run_app(create_app(secrets, log_event), host=args.host, port=args.port)


if __name__ == "__main__":
    main()
