"""Standard Webhooks signatures: ``v1,<base64 HMAC-SHA256 of "id.timestamp.body">``.

A secret is ``whsec_`` followed by base64 of the key bytes, as the specification writes
it. During a rotation an endpoint has two secrets and every delivery carries a signature
made with each, space-separated, so a receiver that knows either one accepts it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets as random_secrets

SECRET_PREFIX = "whsec_"
SIGNATURE_VERSION = "v1"


def secret_key(secret: str) -> bytes:
    """The HMAC key a ``whsec_...`` secret stands for; ``ValueError`` for anything else."""
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError(f"a webhook secret starts with {SECRET_PREFIX}")
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
    except binascii.Error as error:
        raise ValueError("a webhook secret is whsec_ and base64 after it") from error
    if len(key) < 24:
        raise ValueError("a webhook secret needs at least 24 bytes of key")
    return key


def new_secret() -> str:
    """A fresh random secret in the specification's format (32 bytes of key)."""
    return SECRET_PREFIX + base64.b64encode(random_secrets.token_bytes(32)).decode()


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """One signature, ``v1,<base64>``, of one delivery attempt."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode()}"


def signature_header(
    secrets: list[str] | tuple[str, ...], message_id: str, timestamp: int, body: bytes
) -> str:
    """The ``webhook-signature`` header: one signature per secret, space-separated."""
    return " ".join(sign(secret, message_id, timestamp, body) for secret in secrets)
