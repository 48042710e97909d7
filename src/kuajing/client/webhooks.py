"""The receiver side of message callbacks: check a push's signature, then parse its body.

Every push carries two signatures (docs/messages.md, "Verifying a push"):

- **Standard Webhooks** (use this): ``webhook-id``, ``webhook-timestamp`` and ``webhook-signature``, keyed with the
  developer's signing secret (``whsec_…``, ``client.messages.signing_secret()``). :class:`WebhookVerifier` checks
  the signature, refuses a timestamp more than ``tolerance_s`` (5 minutes) away from the receiver's clock — a
  captured push cannot be replayed later — and can refuse a message id it has already accepted.
- **PandaPon** (``Authorization``, keyed with the API secret): :func:`parse_callback` and :func:`verify`, for
  receivers written against PandaPon. A receiver that holds the API secret holds full API credentials, and the
  signature never expires.

A receiver in ten lines (Starlette shown; any framework that gives the raw body and the headers works)::

    from kuajing.client import DuplicateCallback, InvalidCallbackSignature, RecentMessageIds, WebhookVerifier

    verifier = WebhookVerifier(SIGNING_SECRET, seen=RecentMessageIds())

    async def kuajing_callback(request):
        body = await request.body()                       # the raw bytes, not re-serialised JSON
        try:
            message = verifier.parse(body, request.headers)
        except DuplicateCallback:
            return Response(status_code=200)              # already accepted: do not process it twice
        except InvalidCallbackSignature:
            return Response(status_code=401)
        await queue.put(message)                          # answer within 1 s; work later
        return Response(status_code=200)
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from pydantic import ConfigDict

from kuajing.protocol.callbacks import (
    WEBHOOK_ID_HEADER,
    WEBHOOK_SIGNATURE_HEADER,
    WEBHOOK_TIMESTAMP_HEADER,
    callback_signature_matches,
    signing_key,
    webhook_signature_matches,
)
from kuajing.protocol.wire.model import WireModel

DEFAULT_TOLERANCE_S = 300  # Standard Webhooks' advice: 5 minutes either way
DEFAULT_SEEN_IDS = 100_000


class InvalidCallbackSignature(Exception):
    """The push is not signed by the sender: a signature does not match, or a header is missing or malformed."""


class StaleCallback(InvalidCallbackSignature):
    """The signature matches, but ``webhook-timestamp`` is outside the tolerance: a replay, or a clock far off."""


class DuplicateCallback(Exception):
    """The push is genuine, but its message id was accepted before (at-least-once delivery, or a replay within the
    tolerance). Answer 2xx and do not process it again."""

    def __init__(self, message_id: str) -> None:
        super().__init__(f"message {message_id} was already accepted")
        self.message_id = message_id


class CallbackMessage(WireModel):
    """One pushed message. ``messageBody`` is always decoded to a dict (PandaPon sends an object or a JSON string)."""

    model_config = ConfigDict(extra="allow")

    message_type: str
    message_body: dict[str, Any]
    message_platform: int  # 0 Taobao, 1 1688
    timestamp: str


class SeenMessageIds(Protocol):
    """Where a verifier remembers the message ids it accepted: :class:`RecentMessageIds` in memory, or your own (a
    Redis ``SET id 1 NX EX 86400``, a table with a unique key) when several processes receive."""

    def add(self, message_id: str) -> bool:
        """Remember ``message_id``; False when it was already there. Must be atomic."""
        ...

    def discard(self, message_id: str) -> None: ...


class RecentMessageIds:
    """The last ``max_size`` accepted message ids, in memory (thread-safe). Retries of one message can be hours
    apart (PandaPon's schedule retries every 30 minutes), so it keeps ids by count, not for a few minutes only."""

    def __init__(self, max_size: int = DEFAULT_SEEN_IDS) -> None:
        if max_size < 1:
            raise ValueError("max_size must be at least 1")
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._max = max_size
        self._lock = threading.Lock()

    def add(self, message_id: str) -> bool:
        with self._lock:
            if message_id in self._ids:
                self._ids.move_to_end(message_id)
                return False
            self._ids[message_id] = None
            if len(self._ids) > self._max:
                self._ids.popitem(last=False)
            return True

    def discard(self, message_id: str) -> None:
        with self._lock:
            self._ids.pop(message_id, None)

    def __len__(self) -> int:
        return len(self._ids)


class WebhookVerifier:
    """Checks Standard Webhooks signatures with one or more signing secrets (several while you switch to a rotated
    one). ``seen``: de-duplicate by message id; ``clock``: the receiver's time in epoch seconds."""

    def __init__(
        self,
        secrets: str | Sequence[str],
        *,
        tolerance_s: float = DEFAULT_TOLERANCE_S,
        seen: SeenMessageIds | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        names = [secrets] if isinstance(secrets, str) else list(secrets)
        if not names:
            raise ValueError("give at least one signing secret")
        if tolerance_s < 0:
            raise ValueError("tolerance_s must not be negative")
        self._keys = [signing_key(s) for s in names]
        self._tolerance_s = tolerance_s
        self._seen = seen
        self._clock = clock

    def verify(self, body: bytes, headers: Mapping[str, str]) -> str:
        """Check the push and return its message id. Raises :class:`InvalidCallbackSignature` (or its
        :class:`StaleCallback`), then :class:`DuplicateCallback` when ``seen`` already holds the id."""
        lowered = {k.lower(): v for k, v in headers.items()}
        message_id = lowered.get(WEBHOOK_ID_HEADER, "")
        stamp = lowered.get(WEBHOOK_TIMESTAMP_HEADER, "")
        signature = lowered.get(WEBHOOK_SIGNATURE_HEADER, "")
        if not (message_id and stamp and signature):
            raise InvalidCallbackSignature("webhook-id, webhook-timestamp and webhook-signature are all required")
        if not stamp.isdigit() or len(stamp) > 12:
            raise InvalidCallbackSignature("webhook-timestamp must be epoch seconds")
        timestamp_s = int(stamp)
        if not webhook_signature_matches(signature, self._keys, message_id, timestamp_s, body):
            raise InvalidCallbackSignature("no webhook-signature matches the body and the signing secret")
        if abs(self._clock() - timestamp_s) > self._tolerance_s:
            raise StaleCallback(f"webhook-timestamp {timestamp_s} is more than {self._tolerance_s:g} s from now")
        if self._seen is not None and not self._seen.add(message_id):
            raise DuplicateCallback(message_id)
        return message_id

    def parse(self, body: bytes, headers: Mapping[str, str]) -> CallbackMessage:
        """:meth:`verify`, then the body as a :class:`CallbackMessage`."""
        self.verify(body, headers)
        return _message(body)

    def forget(self, message_id: str) -> None:
        """Accept ``message_id`` again: call it when you answer a verified push with an error after all (so the
        retry is processed rather than refused as a duplicate)."""
        if self._seen is not None:
            self._seen.discard(message_id)


def verify(body: bytes, authorization: str, secret: str) -> bool:
    """PandaPon's scheme: True when ``authorization`` is the HMAC-SHA256 of the raw ``body`` keyed with ``secret``
    (constant time)."""
    return bool(authorization) and callback_signature_matches(body, authorization, secret)


def parse_callback(body: bytes, authorization: str, secret: str) -> CallbackMessage:
    """PandaPon's scheme: :func:`verify`, then the body as a :class:`CallbackMessage`."""
    if not verify(body, authorization, secret):
        raise InvalidCallbackSignature("the Authorization header does not match the body")
    return _message(body)


def _message(body: bytes) -> CallbackMessage:
    raw = json.loads(body)
    if isinstance(raw.get("messageBody"), str):
        raw["messageBody"] = json.loads(raw["messageBody"]) if raw["messageBody"].strip() else {}
    return CallbackMessage.model_validate(raw, by_name=False)  # the wire's names only, as the server reads them
