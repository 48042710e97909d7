"""The gateway's authentication rules (spec §1.2–1.3), in the order that keeps refusals free of side effects.

1. every system header is present (:func:`read_headers`);
2. the timestamp is a 10- or 13-digit epoch within ±600 s of the real clock;
3. the access key exists and is active, and the signature matches its secret (or the previous secret during the
   grace period after a rotation) (:func:`verify`);
4. the key's developer is active — checked after the signature, so only a caller holding the secret learns that an
   account is disabled;
5. ``user-id`` is an active sub-account of the key's developer;
6. the rate buckets have a token (when limits are configured);
7. the nonce was not used within the window (:func:`claim_nonces`).

Steps 1–5 are pure functions of the headers and the key's :class:`GatewayRecord`, so the API may keep records it
read (the gateway version tells it when they change) and claim the nonces of many requests in one transaction.
The nonce is claimed after the parameters are validated and before the business action: a request refused for its
headers, signature or parameters leaves its nonce unused; one that reached its business action has used it, even
if the business refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from kuajing.domain.accounts.model import GatewayRecord, Status
from kuajing.domain.errors import AuthError
from kuajing.domain.platform_ports import NonceClaim
from kuajing.protocol import signature as sig
from kuajing.protocol.codes import Code

if TYPE_CHECKING:
    from kuajing.domain.accounts.ports import UnitOfWork


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


# Named tuples, not frozen dataclasses: three of these are built per signed request, and a tuple is built in C
# (a frozen dataclass sets each field through object.__setattr__, several times slower).
class SignedHeaders(NamedTuple):
    access_key: str
    timestamp: str
    nonce: str
    user_id: str
    signature: str
    timestamp_ms: int


class Caller(NamedTuple):
    develop_id: str
    user_id: str
    access_key: str
    clock_offset_ms: int
    claim: NonceClaim
    gateway_version: int  # of the record the caller was verified with


def read_headers(headers: Mapping[str, str], *, now_ms: int) -> SignedHeaders:
    values = [headers.get(name, "").strip() for name in sig.REQUIRED_HEADERS]
    if not all(values):
        name = sig.REQUIRED_HEADERS[values.index("")]
        raise AuthError(f"missing header {name}", code=Code.MISSING_HEADER, field=name)
    access_key, timestamp, nonce, user_id, signature = values  # in REQUIRED_HEADERS order
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
    return SignedHeaders(access_key, timestamp, nonce, user_id, signature, ts_ms)


def verify(signed: SignedHeaders, record: GatewayRecord | None, *, now_ms: int) -> Caller:
    """Check the key, the signature and the sub-account against what the database holds for them."""
    if record is None:
        raise AuthError("unknown access-key", code=Code.UNKNOWN_ACCESS_KEY, field="access-key")
    key = record.key
    if key.status is not Status.ACTIVE:
        raise AuthError("access-key is disabled", code=Code.ACCESS_KEY_DISABLED, field="access-key")
    for secret in key.secrets_valid_at(now_ms):
        if sig.signature_valid(signed.access_key, signed.timestamp, signed.nonce, secret, signed.signature):
            break
    else:
        raise AuthError("signature does not match", code=Code.BAD_SIGNATURE, field="signature")
    if record.developer_status is not Status.ACTIVE:
        raise AuthError("the developer account is disabled", code=Code.DEVELOPER_DISABLED, field="access-key")
    sub = record.sub_account
    if sub is None or sub.develop_id != key.develop_id or sub.status is not Status.ACTIVE:
        raise AuthError(
            f"user-id {signed.user_id} is not an active sub-account of this developer",
            code=Code.SUB_ACCOUNT_NOT_ALLOWED,
            field="user-id",
        )
    claim = NonceClaim(
        signed.access_key,
        signed.nonce,
        signed.timestamp + signed.nonce,
        # A nonce must be remembered as long as its timestamp could still be accepted.
        max(signed.timestamp_ms, now_ms) + sig.SIGNATURE_WINDOW_S * 1000,
    )
    return Caller(key.develop_id, signed.user_id, signed.access_key, record.clock_offset_ms, claim, record.version)


def take_rate_tokens(uow: UnitOfWork, caller: Caller, limits: RateLimits, *, now_ms: int) -> None:
    if limits.enabled:
        _take(uow, f"key:{caller.access_key}", limits.per_key_rps, limits.per_key_burst, now_ms)
        _take(uow, f"user:{caller.user_id}", limits.per_user_rps, limits.per_user_burst, now_ms)


def claim_nonces(uow: UnitOfWork, callers: Sequence[Caller], *, now_ms: int) -> list[bool]:
    """Record the callers' nonces; False for a replay — a nonce already recorded within the window, or the same
    signed ``timestamp + nonce`` split differently (10- and 13-digit timestamps both verify, so digits can move from
    the timestamp into the nonce without changing the signature)."""
    return uow.platform.claim_nonces([c.claim for c in callers], now_ms=now_ms)


def replay_refusal() -> AuthError:
    return AuthError("nonce-str was already used", code=Code.NONCE_REPLAYED, field="nonce-str")


def _take(uow: UnitOfWork, bucket: str, rate: float, burst: int, now_ms: int) -> None:
    if rate <= 0:
        return
    wait_s = uow.platform.take_token(bucket_key=bucket, rate_per_s=rate, burst=max(burst, 1), now_ms=now_ms)
    if wait_s > 0:
        raise AuthError(f"rate limit exceeded for {bucket.split(':')[0]}", code=Code.RATE_LIMITED, retry_after_s=wait_s)
