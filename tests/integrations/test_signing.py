"""Standard Webhooks signatures, and the receiver example that checks them."""

from __future__ import annotations

import pytest

from examples.webhook_receiver import InvalidSignatureError, verify
from integrations.signing import new_secret, secret_key, sign, signature_header

# The test vector of the Standard Webhooks specification's reference libraries.
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TIMESTAMP = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def headers(
    signature: str, *, message_id: str = SPEC_ID, timestamp: int = SPEC_TIMESTAMP
) -> dict[str, str]:
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature,
    }


def test_the_signature_matches_the_specifications_test_vector() -> None:
    assert sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY) == SPEC_SIGNATURE


def test_the_receiver_example_accepts_the_test_vector_within_five_minutes() -> None:
    verify([SPEC_SECRET], headers(SPEC_SIGNATURE), SPEC_BODY, now=SPEC_TIMESTAMP + 299)


@pytest.mark.parametrize(
    ("problem", "request_headers", "body", "now"),
    [
        ("tampered body", headers(SPEC_SIGNATURE), b'{"test": 1}', SPEC_TIMESTAMP),
        ("replayed later", headers(SPEC_SIGNATURE), SPEC_BODY, SPEC_TIMESTAMP + 301),
        ("from the future", headers(SPEC_SIGNATURE), SPEC_BODY, SPEC_TIMESTAMP - 301),
        ("other id", headers(SPEC_SIGNATURE, message_id="msg_x"), SPEC_BODY, SPEC_TIMESTAMP),
        ("unknown version", headers("v2," + SPEC_SIGNATURE[3:]), SPEC_BODY, SPEC_TIMESTAMP),
        ("no signature header", {"webhook-id": SPEC_ID, "webhook-timestamp": "1"}, SPEC_BODY, 1),
    ],
)
def test_the_receiver_example_refuses(
    problem: str, request_headers: dict[str, str], body: bytes, now: int
) -> None:
    with pytest.raises(InvalidSignatureError):
        verify([SPEC_SECRET], request_headers, body, now=now)


def test_two_secrets_give_two_signatures_and_either_verifies() -> None:
    old, new = new_secret(), new_secret()
    both = signature_header([old, new], SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)
    assert len(both.split()) == 2
    for secret in (old, new):
        verify([secret], headers(both), SPEC_BODY, now=SPEC_TIMESTAMP)
    with pytest.raises(InvalidSignatureError):
        verify([new_secret()], headers(both), SPEC_BODY, now=SPEC_TIMESTAMP)


@pytest.mark.parametrize(
    "secret", ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_not base64!", "whsec_c2hvcnQ="]
)
def test_a_secret_not_in_the_specifications_format_is_refused(secret: str) -> None:
    with pytest.raises(ValueError, match="secret"):
        secret_key(secret)
