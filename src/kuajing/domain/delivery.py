"""Message delivery: the callback URL of a developer, the outcome of one delivery attempt, retry schedules.

Every outbox message gets a delivery row in the transaction that publishes it. The worker claims due rows,
POSTs them, and records each attempt; the state then moves as the lifecycle table says
(:data:`~kuajing.domain.delivery_states.DELIVERY`); a failure with retries left is due again at
``now + schedule[n]``. Times of attempts and retries are on the developer's (sandbox) clock, so
``POST /sandbox/clock/advance`` makes retries due without waiting.

Every push is signed twice: PandaPon's ``Authorization`` with the developer's API secret, and Standard Webhooks
(``webhook-signature``) with a signing secret of its own (:class:`SigningSecret`), so a receiver needs no API
credentials and can refuse replays. Each developer gets one on first use; a rotation keeps the previous one signing
too for an overlap period.
"""

from __future__ import annotations

import base64
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kuajing.domain.accounts import ports as accounts
from kuajing.domain.delivery_states import DELIVERY, DeliveryAction, DeliveryState
from kuajing.domain.errors import InvalidInputError, NotFoundError, StateConflictError
from kuajing.protocol.callbacks import SIGNING_SECRET_PREFIX

CLAIMABLE = (DeliveryState.PENDING, DeliveryState.RETRYING)
VERIFY_MESSAGE_TYPE = "CALLBACK_VERIFY"  # the test POST sent when a callback URL is set

# -- retry schedules -----------------------------------------------------------------------------------------
PANDAPON_DELAYS_S = (1800.0,) * 5  # PandaPon: re-push after 30 minutes, at most 5 times
# 1 min, 2, 4 … doubling to a 24 h cap: 13 retries over ≈3.4 days (Stripe retries for up to 3 days)
EXPONENTIAL_DELAYS_S = tuple(float(min(60 * 2**n, 86_400)) for n in range(13))
EXPONENTIAL_JITTER = 0.2


@dataclass(frozen=True, slots=True)
class RetrySchedule:
    """Delays before retry 1, 2, …; after ``len(delays_s)`` failed retries the message is dead."""

    name: str
    delays_s: tuple[float, ...]
    jitter: float = 0.0  # ± this fraction of each delay, drawn uniformly

    @property
    def max_retries(self) -> int:
        return len(self.delays_s)

    def next_delay_ms(self, failures: int, rng: random.Random | None = None) -> int | None:
        """The delay after the ``failures``-th failed attempt of this round (from 1); None if none is left."""
        if failures < 1 or failures > len(self.delays_s):
            return None
        delay = self.delays_s[failures - 1]
        if self.jitter:
            delay *= 1 + (rng or random).uniform(-self.jitter, self.jitter)
        return max(0, int(delay * 1000))


def parse_schedule(text: str) -> RetrySchedule:
    """``pandapon`` (30 min × 5), ``exponential`` (1 min doubling to 24 h, 13 retries over ≈3.4 days,
    ±20 % jitter) or a comma-separated list of delays in seconds (``"5,300,1800"``; empty = no retries)."""
    name = text.strip().lower()
    if name == "pandapon":
        return RetrySchedule("pandapon", PANDAPON_DELAYS_S)
    if name == "exponential":
        return RetrySchedule("exponential", EXPONENTIAL_DELAYS_S, EXPONENTIAL_JITTER)
    try:
        delays = tuple(float(part) for part in name.split(",") if part.strip())
    except ValueError:
        raise ValueError(
            "KUAJING_DELIVERY_RETRY_SCHEDULE must be 'pandapon', 'exponential' or seconds like"
            f" '5,300,1800'; got {text!r}"
        ) from None
    if any(d < 0 for d in delays):
        raise ValueError("KUAJING_DELIVERY_RETRY_SCHEDULE delays must not be negative")
    return RetrySchedule("custom", delays)


@dataclass(frozen=True, slots=True)
class Outcome:
    """Where a delivery goes after one attempt."""

    state: DeliveryState
    next_attempt_at_ms: int | None


def after_attempt(
    *,
    state: DeliveryState,
    ok: bool,
    permanent: bool,
    round_failures: int,
    now_ms: int,
    schedule: RetrySchedule,
    rng: random.Random | None = None,
) -> Outcome:
    """Where a delivery claimed in ``state`` goes; ``round_failures`` counts this failed attempt too (1 after the
    first failure of a round)."""
    if ok:
        return Outcome(DELIVERY.next_state(state, DeliveryAction.DELIVER), None)
    if permanent:
        return Outcome(DELIVERY.next_state(state, DeliveryAction.REJECT), None)
    delay = schedule.next_delay_ms(round_failures, rng)
    if delay is None:
        return Outcome(DELIVERY.next_state(state, DeliveryAction.GIVE_UP), None)
    return Outcome(DELIVERY.next_state(state, DeliveryAction.RETRY), now_ms + delay)


# -- models --------------------------------------------------------------------------------------------------
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


SIGNING_SECRET_BYTES = 32  # Standard Webhooks asks for 24–64 random bytes
MAX_SIGNING_OVERLAP_S = 30 * 86_400


def new_signing_secret() -> str:
    return SIGNING_SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SIGNING_SECRET_BYTES)).decode()


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


class DeliveryRepository(Protocol):
    def get_endpoint(self, develop_id: str) -> CallbackEndpoint | None: ...

    def save_endpoint(self, endpoint: CallbackEndpoint) -> None: ...

    def delete_endpoint(self, develop_id: str) -> bool: ...

    def get_signing_secret(self, develop_id: str) -> SigningSecret | None: ...

    def add_signing_secret(self, secret: SigningSecret) -> None:
        """Store a developer's first signing secret; does nothing if another writer stored one first."""
        ...

    def save_signing_secret(self, secret: SigningSecret) -> None: ...

    def feed(
        self,
        develop_id: str,
        *,
        after_id: int,
        limit: int,
        message_type: str | None,
        state: DeliveryState | None,
    ) -> list[MessageDelivery]: ...

    def get(self, develop_id: str, message_id: str, *, with_attempts: bool) -> MessageDelivery | None: ...

    def redeliver(
        self,
        develop_id: str,
        *,
        message_id: str | None,
        start_ms: int | None,
        end_ms: int | None,
        states: Sequence[DeliveryState],
        now_ms: int,
    ) -> int:
        """Reset matching deliveries to ``pending`` due ``now_ms`` (a new retry round); returns how many."""
        ...

    # the worker's side
    def claim_due(self, *, now_ms: int, lease_until_ms: int, token: str, limit: int, sandbox: bool) -> list[Claimed]:
        """Take up to ``limit`` due deliveries under ``token`` until ``lease_until_ms`` (platform clock); a
        disabled developer's deliveries are held, not claimed."""
        ...

    def settle(self, results: Sequence[Settled]) -> None:
        """Log the attempts and move the states of a handled batch."""
        ...

    def release(self, token: str) -> None:
        """Give back untouched the claims of ``token`` (a worker stopping before it sent them)."""
        ...


class UnitOfWork(accounts.UnitOfWork, Protocol):
    """What message delivery needs of a unit of work: the deliveries, and the accounts whose secrets sign them."""

    @property
    def deliveries(self) -> DeliveryRepository: ...


# -- services ------------------------------------------------------------------------------------------------
FEED_MAX_LIMIT = 200
REDELIVER_DEFAULT_STATES = (
    DeliveryState.DEAD,
    DeliveryState.FAILED,
    DeliveryState.RETRYING,
    DeliveryState.UNSUBSCRIBED,
    DeliveryState.DELIVERED,
)


def save_callback_url(uow: UnitOfWork, *, develop_id: str, url: str, now_ms: int) -> CallbackEndpoint:
    """Store a URL that has already answered the verification POST (see ``kuajing.delivery.verify``)."""
    endpoint = CallbackEndpoint(develop_id=develop_id, url=url, verified_at_ms=now_ms, updated_at_ms=now_ms)
    uow.deliveries.save_endpoint(endpoint)
    return endpoint


def get_callback_url(uow: UnitOfWork, *, develop_id: str) -> CallbackEndpoint | None:
    return uow.deliveries.get_endpoint(develop_id)


def clear_callback_url(uow: UnitOfWork, *, develop_id: str) -> bool:
    """Stop pushing: messages published from now on are ``unsubscribed`` (still in the pull feed)."""
    return uow.deliveries.delete_endpoint(develop_id)


def list_messages(
    uow: UnitOfWork,
    *,
    develop_id: str,
    after_id: int = 0,
    limit: int = 50,
    message_type: str | None = None,
    state: DeliveryState | None = None,
) -> FeedPage:
    if not 1 <= limit <= FEED_MAX_LIMIT:
        raise InvalidInputError(f"limit must be 1–{FEED_MAX_LIMIT}", field="limit")
    if after_id < 0:
        raise InvalidInputError("cursor must not be negative", field="cursor")
    rows = uow.deliveries.feed(develop_id, after_id=after_id, limit=limit + 1, message_type=message_type, state=state)
    items = rows[:limit]
    return FeedPage(items=items, next_cursor=items[-1].id if items else after_id, has_more=len(rows) > limit)


def delivery_log(uow: UnitOfWork, *, develop_id: str, message_id: str) -> MessageDelivery:
    found = uow.deliveries.get(develop_id, message_id, with_attempts=True)
    if found is None:
        raise NotFoundError(f"message {message_id} does not exist", field="messageId")
    return found


def redeliver(
    uow: UnitOfWork,
    *,
    develop_id: str,
    message_id: str | None = None,
    start_ms: int | None = None,
    end_ms: int | None = None,
    states: Sequence[DeliveryState] | None = None,
    now_ms: int,
) -> int:
    """Queue one message, or every message created in ``[start_ms, end_ms)`` (optionally only in ``states``),
    for a new round of delivery attempts now. Needs a callback URL. Returns how many were queued."""
    if uow.deliveries.get_endpoint(develop_id) is None:
        raise StateConflictError("no callback URL is set; set one first (message/callback/set)")
    if message_id is None and start_ms is None:
        raise InvalidInputError("give messageId, or startTime (and optionally endTime)", field="messageId")
    if message_id is not None and (start_ms is not None or end_ms is not None):
        raise InvalidInputError("give messageId or a time range, not both", field="messageId")
    if start_ms is not None and end_ms is not None and end_ms <= start_ms:
        raise InvalidInputError("endTime must be after startTime", field="endTime")
    if message_id is not None:
        if uow.deliveries.get(develop_id, message_id, with_attempts=False) is None:
            raise NotFoundError(f"message {message_id} does not exist", field="messageId")
        states = list(DeliveryState)
    return uow.deliveries.redeliver(
        develop_id,
        message_id=message_id,
        start_ms=start_ms,
        end_ms=end_ms,
        states=tuple(states or REDELIVER_DEFAULT_STATES),
        now_ms=now_ms,
    )


def signing_secret(uow: UnitOfWork, *, develop_id: str, now_ms: int) -> SigningSecret:
    """The developer's signing secret, created on first use (developers created before signing secrets existed
    get theirs the first time a push, the API or the CLI needs it). Needs a writable unit of work."""
    found = uow.deliveries.get_signing_secret(develop_id)
    if found is not None:
        return found
    if uow.accounts.get_developer(develop_id) is None:
        raise NotFoundError(f"developer {develop_id} does not exist", field="developId")
    uow.deliveries.add_signing_secret(
        SigningSecret(develop_id=develop_id, secret=new_signing_secret(), created_at_ms=now_ms)
    )
    created = uow.deliveries.get_signing_secret(develop_id)  # ours, or the one a concurrent writer stored first
    if created is None:
        raise RuntimeError(f"the signing secret of {develop_id} was stored but cannot be read back")
    return created


def rotate_signing_secret(uow: UnitOfWork, *, develop_id: str, overlap_s: int, now_ms: int) -> SigningSecret:
    """Issue a new signing secret; the current one becomes the previous and keeps signing for ``overlap_s`` seconds
    (0: it stops at once). A secret that was still in its overlap from an earlier rotation stops now."""
    if not 0 <= overlap_s <= MAX_SIGNING_OVERLAP_S:
        raise InvalidInputError(f"overlapSeconds must be 0–{MAX_SIGNING_OVERLAP_S}", field="overlapSeconds")
    current = signing_secret(uow, develop_id=develop_id, now_ms=now_ms)
    current.previous_secret = current.secret
    current.previous_valid_until_ms = now_ms + overlap_s * 1000
    current.secret = new_signing_secret()
    current.rotated_at_ms = now_ms
    uow.deliveries.save_signing_secret(current)
    return current
