"""The SDK's Standard Webhooks verifier: the published test vector, the timestamp tolerance, rotation, de-duplication.

The vector is the one the Standard Webhooks reference libraries test their signer with (secret, id, timestamp, body and
the expected ``v1`` signature copied by hand), so the expectation does not come from our own code.
"""

from __future__ import annotations

from typing import Any

import pytest

from kuajing.client import (
    CallbackMessage,
    DuplicateCallback,
    InvalidCallbackSignature,
    RecentMessageIds,
    StaleCallback,
    WebhookVerifier,
)
from kuajing.protocol.callbacks import sign_webhook, signing_key

VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
VECTOR_TIMESTAMP = 1614265330
VECTOR_BODY = b'{"test": 2432232314}'
VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
OTHER_SECRET = "whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk="  # base64 of "ABCDEFGHIJKLMNOPQRSTUVWXYZ456789"


def _headers(
    signature: str = VECTOR_SIGNATURE, *, message_id: str = VECTOR_ID, ts: int = VECTOR_TIMESTAMP
) -> dict[str, Any]:
    return {"webhook-id": message_id, "webhook-timestamp": str(ts), "webhook-signature": signature}


def _verifier(
    secrets: str | list[str] = VECTOR_SECRET, *, now: float = VECTOR_TIMESTAMP, **kwargs: Any
) -> WebhookVerifier:
    return WebhookVerifier(secrets, clock=lambda: now, **kwargs)


def test_the_published_vector_signs_and_verifies() -> None:
    assert sign_webhook(signing_key(VECTOR_SECRET), VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY) == VECTOR_SIGNATURE
    assert _verifier().verify(VECTOR_BODY, _headers()) == VECTOR_ID
    # the prefix is optional, as in the reference libraries
    assert _verifier(VECTOR_SECRET.removeprefix("whsec_")).verify(VECTOR_BODY, _headers()) == VECTOR_ID


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (VECTOR_BODY + b" ", _headers()),  # one byte more
        (VECTOR_BODY, _headers(message_id="msg_other")),  # the id is signed
        (VECTOR_BODY, _headers(ts=VECTOR_TIMESTAMP + 1)),  # so is the timestamp
        (VECTOR_BODY, _headers("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=")),  # last character changed
        (VECTOR_BODY, _headers(VECTOR_SIGNATURE.replace("v1,", "v2,"))),  # an unknown version is never accepted
        (VECTOR_BODY, _headers("")),
        (VECTOR_BODY, {"webhook-timestamp": str(VECTOR_TIMESTAMP), "webhook-signature": VECTOR_SIGNATURE}),
        (VECTOR_BODY, {"webhook-id": VECTOR_ID, "webhook-signature": VECTOR_SIGNATURE}),
        (VECTOR_BODY, {**_headers(), "webhook-timestamp": "hello"}),
        (VECTOR_BODY, {**_headers(), "webhook-timestamp": "-1614265330"}),
    ],
)
def test_anything_changed_or_missing_is_refused(body: bytes, headers: dict[str, Any]) -> None:
    with pytest.raises(InvalidCallbackSignature):
        _verifier().verify(body, headers)


def test_a_wrong_secret_is_refused() -> None:
    with pytest.raises(InvalidCallbackSignature) as err:
        _verifier(OTHER_SECRET).verify(VECTOR_BODY, _headers())
    assert not isinstance(err.value, StaleCallback)


def test_the_timestamp_must_be_within_five_minutes_either_way() -> None:
    assert _verifier(now=VECTOR_TIMESTAMP + 300).verify(VECTOR_BODY, _headers()) == VECTOR_ID
    assert _verifier(now=VECTOR_TIMESTAMP - 300).verify(VECTOR_BODY, _headers()) == VECTOR_ID
    for now in (VECTOR_TIMESTAMP + 301, VECTOR_TIMESTAMP - 301, VECTOR_TIMESTAMP + 86_400):
        with pytest.raises(StaleCallback):
            _verifier(now=now).verify(VECTOR_BODY, _headers())
    assert _verifier(now=VECTOR_TIMESTAMP + 3000, tolerance_s=3600).verify(VECTOR_BODY, _headers()) == VECTOR_ID


def test_one_matching_signature_among_several_is_enough() -> None:
    rotated = (
        "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= "
        + VECTOR_SIGNATURE
    )
    assert _verifier().verify(VECTOR_BODY, _headers(rotated)) == VECTOR_ID
    # and a receiver in the middle of its own switch-over checks with both of its secrets
    assert _verifier([OTHER_SECRET, VECTOR_SECRET]).verify(VECTOR_BODY, _headers()) == VECTOR_ID


def test_header_names_are_case_insensitive() -> None:
    headers = {
        "Webhook-Id": VECTOR_ID,
        "WEBHOOK-TIMESTAMP": str(VECTOR_TIMESTAMP),
        "Webhook-Signature": VECTOR_SIGNATURE,
    }
    assert _verifier().verify(VECTOR_BODY, headers) == VECTOR_ID


def test_a_message_id_is_accepted_once_until_forgotten() -> None:
    verifier = _verifier(seen=RecentMessageIds())
    verifier.verify(VECTOR_BODY, _headers())
    with pytest.raises(DuplicateCallback) as err:
        verifier.verify(VECTOR_BODY, _headers())
    assert err.value.message_id == VECTOR_ID
    verifier.forget(VECTOR_ID)  # the receiver answered an error after all: the retry must be processed
    assert verifier.verify(VECTOR_BODY, _headers()) == VECTOR_ID


def test_a_forged_push_does_not_mark_its_id_as_seen() -> None:
    seen = RecentMessageIds()
    verifier = _verifier(seen=seen)
    with pytest.raises(InvalidCallbackSignature):
        verifier.verify(b"{}", _headers())
    assert len(seen) == 0
    assert verifier.verify(VECTOR_BODY, _headers()) == VECTOR_ID


def test_recent_ids_keep_the_latest_by_count() -> None:
    seen = RecentMessageIds(max_size=2)
    assert seen.add("a") and seen.add("b") and not seen.add("a")  # "a" is now the most recent
    assert seen.add("c")  # evicts "b", the least recent
    assert not seen.add("a") and seen.add("b") and len(seen) == 2


def test_parse_returns_the_message() -> None:
    body = b'{"messageType":"ORDER_PAY_SUCCESS","messageBody":"{\\"orderId\\":\\"1\\"}","messagePlatform":1,"timestamp":"1"}'
    key = signing_key(VECTOR_SECRET)
    message = _verifier().parse(body, _headers(sign_webhook(key, VECTOR_ID, VECTOR_TIMESTAMP, body)))
    assert isinstance(message, CallbackMessage) and message.message_body == {"orderId": "1"}


@pytest.mark.parametrize("secret", ["whsec_not base64!", "whsec_", ""])
def test_a_malformed_secret_is_refused_up_front(secret: str) -> None:
    with pytest.raises(ValueError):
        WebhookVerifier(secret)
