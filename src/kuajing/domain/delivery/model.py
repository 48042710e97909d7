"""What message delivery is made of: a developer's callback URL and signing secret, one message with its delivery
state and attempts, and what a worker claims and settles.

Every outbox message gets a delivery row in the transaction that publishes it; the worker claims due rows, POSTs
them and records each attempt (:class:`Attempt`), settling a batch at once (:class:`Settled`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kuajing.domain.delivery.states import DeliveryState


@dataclass(frozen=True, slots=True)
class CallbackEndpoint:
    develop_id: str
    url: str
    verified_at_ms: int
    updated_at_ms: int


@dataclass(frozen=True, slots=True)
class Attempt:
    attempt_no: int
    attempted_at_ms: int  # developer clock
    url: str
    http_status: int | None
    error: str | None
    latency_ms: int
    response_snippet: str
    worker: str


@dataclass(frozen=True, slots=True)
class MessageDelivery:
    """One outbox message and its delivery state, as the pull feed and the delivery log show it."""

    id: int  # the outbox id: the pull feed's cursor
    message_id: str
    message_type: str
    platform: int
    aggregate_type: str
    aggregate_id: str
    sequence: int
    body: dict[str, Any]
    created_at_ms: int
    state: DeliveryState
    attempts: int
    next_attempt_at_ms: int | None
    delivered_at_ms: int | None
    last_http_status: int | None
    last_error: str | None
    attempt_log: list[Attempt] = field(default_factory=list)


@dataclass(slots=True)
class SigningSecret:
    """A developer's Standard Webhooks signing secret (``whsec_`` + base64 of 32 random bytes) and, after a
    rotation, the previous one, which keeps signing until ``previous_valid_until_ms`` (platform clock: the overlap
    is for the receiver's real switch-over, and receivers judge ``webhook-timestamp`` by real time)."""

    develop_id: str
    secret: str
    created_at_ms: int
    previous_secret: str | None = None
    previous_valid_until_ms: int | None = None
    rotated_at_ms: int | None = None

    def valid_at(self, now_ms: int) -> list[str]:
        """The secrets that sign a push made at ``now_ms``: the current one first, then the previous one while
        the overlap lasts."""
        valid = [self.secret]
        if self.previous_secret and self.previous_valid_until_ms is not None and now_ms < self.previous_valid_until_ms:
            valid.append(self.previous_secret)
        return valid


@dataclass(frozen=True, slots=True)
class FeedPage:
    items: list[MessageDelivery]
    next_cursor: int
    has_more: bool


@dataclass(frozen=True, slots=True)
class Claimed:
    """A delivery a worker holds under its claim token until the lease ends: what it needs to send the message."""

    outbox_id: int
    message_id: str
    develop_id: str
    message_type: str
    platform: int
    sequence: int
    body: str  # the outbox JSON text, embedded as is
    state: DeliveryState  # one of CLAIMABLE
    attempts: int
    round_attempts: int
    url: str | None


@dataclass(frozen=True, slots=True)
class Settled:
    """The result of handling one claimed delivery: the attempt (None if nothing was sent), the new state."""

    outbox_id: int
    token: str
    state: DeliveryState
    next_attempt_at_ms: int | None
    now_ms: int  # developer clock
    attempt: Attempt | None
    error: str | None = None
