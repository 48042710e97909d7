"""Setting a callback URL, the way PandaPon's console does it: a signed test POST that must answer 2xx in
time.

Nothing is stored unless the target passes the safety rules and answers; the HTTP call runs outside any
database transaction.
"""

from __future__ import annotations

import secrets

import httpx

from kuajing.delivery.safety import TargetPolicy, UnsafeTarget, resolve_target
from kuajing.delivery.sender import post, push_body, push_headers
from kuajing.delivery.signer import Signer
from kuajing.domain.delivery.callbacks import VERIFY_MESSAGE_TYPE
from kuajing.domain.errors import BusinessRefusalError, InvalidInputError, NotFoundError
from kuajing.domain.messages import Platform
from kuajing.protocol.codes import Code


def verify_body(develop_id: str, *, now_ms: int) -> tuple[bytes, str]:
    message_id = "verify_" + secrets.token_hex(12)
    body_json = '{"developId":"' + develop_id + '","challenge":"' + secrets.token_hex(16) + '"}'
    body = push_body(
        message_type=VERIFY_MESSAGE_TYPE,
        platform=Platform.PLATFORM,
        body_json=body_json,
        timestamp_ms=now_ms,
        message_id=message_id,
        sequence=0,
    )
    return body, message_id


async def verify_callback_url(
    url: str,
    *,
    develop_id: str,
    signer: Signer,
    policy: TargetPolicy,
    timeout_ms: int,
    now_ms: int,
) -> None:
    """Raise ``InvalidInputError`` (unsafe URL) or ``BusinessRefusalError(CALLBACK_UNREACHABLE)`` unless
    ``url`` answers the signed ``CALLBACK_VERIFY`` POST with 2xx within ``timeout_ms``. ``now_ms``: the platform
    clock."""
    if signer.access_secret is None:
        raise NotFoundError(f"developer {develop_id} has no active access key to sign callbacks with")
    try:
        target = await resolve_target(url, policy)
    except UnsafeTarget as exc:
        raise InvalidInputError(str(exc), field="callbackUrl") from None
    body, message_id = verify_body(develop_id, now_ms=now_ms + signer.offset_ms)
    headers = push_headers(
        body,
        access_secret=signer.access_secret,
        signing_secrets=signer.signing_secrets,
        message_id=message_id,
        sent_at_s=now_ms // 1000,
        sequence=0,
        attempt_no=1,
    )
    async with httpx.AsyncClient(follow_redirects=False, trust_env=False) as client:
        result = await post(client, target, body, headers, timeout_s=timeout_ms / 1000, disclose=target.disclosed)
    if not result.ok:
        raise BusinessRefusalError(
            f"the verification POST to {url} failed: {result.error}",
            code=Code.CALLBACK_UNREACHABLE,
            field="callbackUrl",
        )
