"""The gateway's authentication rules (spec §1.2–1.3), in the order that keeps refusals free of side effects.

1. every system header is present;
2. the timestamp is a 10- or 13-digit epoch within ±600 s of the real clock;
3. the access key exists and is active, and the signature matches its secret (or the previous secret during the
   grace period after a rotation);
4. ``user-id`` is an active sub-account of the key's developer;
5. the rate buckets have a token (when limits are configured);
6. the nonce was not used within the window (:func:`consume_nonce`).

The nonce is stored in the transaction of the request's first database action rather than in a transaction of its
own: one write commit per request instead of two. A request refused before its business action (headers,
signature, parameters) leaves its nonce unused; one that reached the business action has used it, even if the
business refused (a savepoint keeps the nonce while the refused change rolls back).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kuajing.domain.accounts.model import Status
from kuajing.domain.errors import AuthError
from kuajing.protocol import signature as sig
from kuajing.protocol.codes import Code

if TYPE_CHECKING:
    from kuajing.domain.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class RateLimits:
    """Token buckets; a rate of 0 switches that bucket off."""

    per_key_rps: float = 0.0
    per_key_burst: int = 0
    per_user_rps: float = 0.0
    per_user_burst: int = 0

    @property
    def enabled(self) -> bool:
        return self.per_key_rps > 0 or self.per_user_rps > 0


@dataclass(frozen=True, slots=True)
class Caller:
    develop_id: str
    user_id: str
    access_key: str
    clock_offset_ms: int
    nonce: str
    nonce_material: str  # timestamp + nonce as signed (see consume_nonce)
    nonce_expires_at_ms: int


def authenticate(uow: UnitOfWork, *, headers: Mapping[str, str], now_ms: int, limits: RateLimits) -> Caller:
    values: dict[str, str] = {}
    for name in sig.REQUIRED_HEADERS:
        value = headers.get(name, "").strip()
        if not value:
            raise AuthError(f"missing header {name}", code=Code.MISSING_HEADER, field=name)
        values[name] = value
    access_key = values[sig.HEADER_ACCESS_KEY]
    timestamp = values[sig.HEADER_TIMESTAMP]
    nonce = values[sig.HEADER_NONCE]
    user_id = values[sig.HEADER_USER_ID]

    ts_ms = sig.parse_timestamp_ms(timestamp)
    if ts_ms is None:
        raise AuthError(
            "timestamp must be a 10-digit (s) or 13-digit (ms) epoch",
            code=Code.TIMESTAMP_EXPIRED,
            field="timestamp",
        )
    if abs(now_ms - ts_ms) > sig.SIGNATURE_WINDOW_S * 1000:
        raise AuthError(
            f"timestamp is {abs(now_ms - ts_ms) // 1000} s away from server time (window ±{sig.SIGNATURE_WINDOW_S} s)",
            code=Code.TIMESTAMP_EXPIRED,
            field="timestamp",
        )
    if len(nonce) > 64:
        raise AuthError("nonce-str must be at most 64 characters", code=Code.MISSING_HEADER, field="nonce-str")

    record = uow.accounts.gateway_record(access_key, user_id)
    if record is None:
        raise AuthError("unknown access-key", code=Code.UNKNOWN_ACCESS_KEY, field="access-key")
    key = record.key
    if key.status is not Status.ACTIVE:
        raise AuthError("access-key is disabled", code=Code.ACCESS_KEY_DISABLED, field="access-key")
    given = values[sig.HEADER_SIGNATURE]
    if not any(
        sig.signature_matches(sig.sign(access_key, timestamp, nonce, s), given) for s in key.secrets_valid_at(now_ms)
    ):
        raise AuthError("signature does not match", code=Code.BAD_SIGNATURE, field="signature")

    sub = record.sub_account
    if sub is None or sub.develop_id != key.develop_id or sub.status is not Status.ACTIVE:
        raise AuthError(
            f"user-id {user_id} is not an active sub-account of this developer",
            code=Code.SUB_ACCOUNT_NOT_ALLOWED,
            field="user-id",
        )

    if limits.enabled:
        _take(uow, f"key:{access_key}", limits.per_key_rps, limits.per_key_burst, now_ms)
        _take(uow, f"user:{user_id}", limits.per_user_rps, limits.per_user_burst, now_ms)

    return Caller(
        develop_id=key.develop_id,
        user_id=user_id,
        access_key=access_key,
        clock_offset_ms=record.clock_offset_ms,
        nonce=nonce,
        nonce_material=timestamp + nonce,
        # A nonce must be remembered as long as its timestamp could still be accepted.
        nonce_expires_at_ms=max(ts_ms, now_ms) + sig.SIGNATURE_WINDOW_S * 1000,
    )


def consume_nonce(uow: UnitOfWork, caller: Caller) -> None:
    """Record the caller's nonce; a nonce already recorded within the window is a replay — and so is the same
    signed ``timestamp + nonce`` split differently (10- and 13-digit timestamps both verify, so digits can move from
    the timestamp into the nonce without changing the signature)."""
    if not uow.platform.remember_nonce(
        access_key=caller.access_key,
        nonce=caller.nonce,
        material=caller.nonce_material,
        expires_at_ms=caller.nonce_expires_at_ms,
    ):
        raise AuthError("nonce-str was already used", code=Code.NONCE_REPLAYED, field="nonce-str")


def _take(uow: UnitOfWork, bucket: str, rate: float, burst: int, now_ms: int) -> None:
    if rate <= 0:
        return
    wait_s = uow.platform.take_token(bucket_key=bucket, rate_per_s=rate, burst=max(burst, 1), now_ms=now_ms)
    if wait_s > 0:
        raise AuthError(f"rate limit exceeded for {bucket.split(':')[0]}", code=Code.RATE_LIMITED, retry_after_s=wait_s)
