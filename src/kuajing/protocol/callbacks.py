"""Signing of message callbacks: PandaPon's scheme (spec §3.4) and Standard Webhooks, both on every push.

PandaPon: ``Authorization = lower-hex(HMAC-SHA256(raw body bytes, AccessSecret))``. The base is the raw body exactly
as sent — never a re-serialised JSON — and receivers compare case-insensitively in constant time. Its key is the
developer's API secret, so whoever can check it can also call the API, and nothing in it dates the push.

Standard Webhooks (standardwebhooks.com, symmetric ``v1``): ``webhook-signature = "v1," + base64(HMAC-SHA256(key,
"{webhook-id}.{webhook-timestamp}.{raw body}"))`` where the key is the base64-decoded part of a ``whsec_…`` signing
secret of its own. ``webhook-id`` is the message id (the same on every attempt), ``webhook-timestamp`` the send time
in epoch seconds, so a receiver can refuse a replayed push and de-duplicate. During a rotation the header carries one
signature per valid secret, separated by spaces.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

CALLBACK_SIGNATURE_HEADER = "Authorization"

WEBHOOK_ID_HEADER = "webhook-id"
WEBHOOK_TIMESTAMP_HEADER = "webhook-timestamp"
WEBHOOK_SIGNATURE_HEADER = "webhook-signature"
SIGNING_SECRET_PREFIX = "whsec_"
WEBHOOK_SIGNATURE_VERSION = "v1"


def sign_callback(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def callback_signature_matches(body: bytes, authorization: str, secret: str) -> bool:
    expected = sign_callback(body, secret)
    return hmac.compare_digest(expected.encode(), authorization.strip().lower().encode())


def signing_key(secret: str) -> bytes:
    """The HMAC key of a ``whsec_…`` signing secret (the prefix is optional); ValueError when it is not base64."""
    text = secret.removeprefix(SIGNING_SECRET_PREFIX)
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("a signing secret is 'whsec_' followed by base64") from None
    if not key:
        raise ValueError("the signing secret is empty")
    return key


def sign_webhook(key: bytes, message_id: str, timestamp_s: int, body: bytes) -> str:
    """One ``v1,<base64>`` entry of the ``webhook-signature`` header."""
    signed = f"{message_id}.{timestamp_s}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return f"{WEBHOOK_SIGNATURE_VERSION},{base64.b64encode(digest).decode()}"


def webhook_signature_header(secrets: list[str], message_id: str, timestamp_s: int, body: bytes) -> str:
    """The ``webhook-signature`` value: one signature per valid secret (the current one first)."""
    return " ".join(sign_webhook(signing_key(s), message_id, timestamp_s, body) for s in secrets)


def webhook_signature_matches(header: str, keys: list[bytes], message_id: str, timestamp_s: int, body: bytes) -> bool:
    """True when some ``v1`` entry of ``header`` is the signature under some key (constant-time compares)."""
    offered = [entry.encode() for entry in header.split() if entry.startswith(WEBHOOK_SIGNATURE_VERSION + ",")]
    expected = [sign_webhook(key, message_id, timestamp_s, body).encode() for key in keys]
    return any(hmac.compare_digest(e, o) for e in expected for o in offered)
