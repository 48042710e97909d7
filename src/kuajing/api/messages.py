"""Message service (消息服务): callback URL, signing secret, pull feed, delivery log, redelivery. Provisional paths.

Setting a URL POSTs a signed ``CALLBACK_VERIFY`` message to it first (no transaction is open meanwhile) and
saves the URL only when it answers 2xx in time, as PandaPon's console does.
"""

from __future__ import annotations

from typing import Any

from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.delivery.safety import TargetPolicy
from kuajing.delivery.signer import load_signer
from kuajing.delivery.verify import verify_callback_url
from kuajing.domain.delivery import callbacks, service
from kuajing.domain.delivery.model import CallbackEndpoint, MessageDelivery, SigningSecret
from kuajing.domain.delivery.states import DeliveryState
from kuajing.protocol.wire.messages import (
    CallbackInfo,
    CallbackSet,
    DeliveryAttemptInfo,
    DeliveryLog,
    DeliveryLogQuery,
    MessageInfo,
    MessageListQuery,
    MessagePage,
    RedeliverRequest,
    RedeliverResult,
    SigningSecretInfo,
    SigningSecretRotate,
)

_SPEC = "§3 Message callbacks"


def _info(call: Call[Any], endpoint: CallbackEndpoint | None) -> CallbackInfo:
    settings = call.runtime.settings
    common = {"retrySchedule": settings.delivery_retry_schedule, "timeoutMs": settings.delivery_timeout_ms}
    if endpoint is None:
        return CallbackInfo(**common)
    return CallbackInfo(
        callback_url=endpoint.url,
        verified_time=endpoint.verified_at_ms,
        update_time=endpoint.updated_at_ms,
        **common,
    )


def render_signing_secret(secret: SigningSecret, *, now_ms: int) -> SigningSecretInfo:
    """``previousSigningSecret`` only while it still signs (its overlap has not ended)."""
    overlapping = len(secret.valid_at(now_ms)) > 1
    return SigningSecretInfo(
        signing_secret=secret.secret,
        previous_signing_secret=secret.previous_secret if overlapping else None,
        previous_valid_until=secret.previous_valid_until_ms if overlapping else None,
        create_time=secret.created_at_ms,
        rotate_time=secret.rotated_at_ms,
    )


def render_message(m: MessageDelivery) -> dict[str, Any]:
    return {
        "id": m.id,
        "messageId": m.message_id,
        "messageType": m.message_type,
        "messagePlatform": m.platform,
        "messageBody": m.body,
        "sequence": m.sequence,
        "aggregateType": m.aggregate_type,
        "aggregateId": m.aggregate_id,
        "createTime": m.created_at_ms,
        "deliveryState": m.state.value,
        "attempts": m.attempts,
        "nextAttemptTime": m.next_attempt_at_ms,
        "deliveredTime": m.delivered_at_ms,
        "lastHttpStatus": m.last_http_status,
        "lastError": m.last_error,
    }


async def set_callback(call: Call[CallbackSet]) -> CallbackInfo:
    runtime = call.runtime
    url = call.params.callback_url
    now = runtime.clock.now_ms()
    signer = await call.run(load_signer, develop_id=call.develop_id, now_ms=now, sandbox=runtime.settings.sandbox)
    await verify_callback_url(
        url,
        develop_id=call.develop_id,
        signer=signer,
        policy=TargetPolicy.from_settings(runtime.settings),
        timeout_ms=runtime.settings.delivery_timeout_ms,
        now_ms=now,
    )
    saved = await call.run(callbacks.save_callback_url, develop_id=call.develop_id, url=url, now_ms=call.clock.now_ms())
    return _info(call, saved)


async def get_callback(call: Call[Any]) -> CallbackInfo:
    return _info(call, await call.read(callbacks.get_callback_url, develop_id=call.develop_id))


async def delete_callback(call: Call[Any]) -> bool:
    return await call.run(callbacks.clear_callback_url, develop_id=call.develop_id)


async def get_signing_secret(call: Call[Any]) -> SigningSecretInfo:
    now = call.runtime.clock.now_ms()  # the overlap is real time, not the sandbox clock
    secret = await call.run(callbacks.signing_secret, develop_id=call.develop_id, now_ms=now)
    return render_signing_secret(secret, now_ms=now)


async def rotate_signing_secret(call: Call[SigningSecretRotate]) -> SigningSecretInfo:
    overlap = call.params.overlap_seconds
    now = call.runtime.clock.now_ms()
    secret = await call.run(
        callbacks.rotate_signing_secret,
        develop_id=call.develop_id,
        overlap_s=call.runtime.settings.delivery_signing_overlap_s if overlap is None else overlap,
        now_ms=now,
    )
    return render_signing_secret(secret, now_ms=now)


async def list_messages(call: Call[MessageListQuery]) -> dict[str, Any]:
    p = call.params
    page = await call.read(
        service.list_messages,
        develop_id=call.develop_id,
        after_id=p.cursor,
        limit=p.limit,
        message_type=p.message_type,
        state=DeliveryState(p.delivery_state) if p.delivery_state else None,
    )
    return {
        "list": [render_message(m) for m in page.items],
        "nextCursor": page.next_cursor,
        "hasMore": page.has_more,
    }


async def delivery_log(call: Call[DeliveryLogQuery]) -> dict[str, Any]:
    m = await call.read(service.delivery_log, develop_id=call.develop_id, message_id=call.params.message_id)
    attempts = [
        DeliveryAttemptInfo(
            attempt_no=a.attempt_no,
            attempt_time=a.attempted_at_ms,
            url=a.url,
            http_status=a.http_status,
            error=a.error,
            latency_ms=a.latency_ms,
            response=a.response_snippet,
            worker=a.worker,
        ).model_dump()
        for a in m.attempt_log
    ]
    return {**render_message(m), "attemptLog": attempts}


async def redeliver(call: Call[RedeliverRequest]) -> RedeliverResult:
    p = call.params
    states = [DeliveryState(s) for s in p.delivery_states] if p.delivery_states else None
    queued = await call.run(
        service.redeliver,
        develop_id=call.develop_id,
        message_id=p.message_id,
        start_ms=p.start_time,
        end_ms=p.end_time,
        states=states,
        now_ms=call.clock.now_ms(),
    )
    return RedeliverResult(queued=queued)


def _paths(tail: str) -> tuple[str, str]:
    return (f"/open/message/{tail}", f"/v2/basis/message/{tail}")


ENDPOINTS = [
    Endpoint(
        "POST",
        _paths("callback/set"),
        set_callback,
        params=CallbackSet,
        response=CallbackInfo,
        summary="Set the callback URL (verified by a signed CALLBACK_VERIFY POST that must answer 2xx)",
        tag="Messages",
        provisional=_paths("callback/set"),
        spec_ref=_SPEC,
    ),
    Endpoint(
        "GET",
        _paths("callback/get"),
        get_callback,
        response=CallbackInfo,
        summary="Read the callback URL and the delivery policy",
        tag="Messages",
        provisional=_paths("callback/get"),
        spec_ref=_SPEC,
    ),
    Endpoint(
        "POST",
        _paths("callback/delete"),
        delete_callback,
        response=bool,
        summary="Remove the callback URL (messages stay in the pull feed)",
        tag="Messages",
        provisional=_paths("callback/delete"),
        spec_ref=_SPEC,
    ),
    Endpoint(
        "GET",
        _paths("signing-secret/get"),
        get_signing_secret,
        response=SigningSecretInfo,
        summary="Read the Standard Webhooks signing secret (whsec_…) of callbacks, made on first use",
        tag="Messages",
        provisional=_paths("signing-secret/get"),
        spec_ref=_SPEC,
    ),
    Endpoint(
        "POST",
        _paths("signing-secret/rotate"),
        rotate_signing_secret,
        params=SigningSecretRotate,
        response=SigningSecretInfo,
        summary="Issue a new signing secret; the previous one keeps signing for overlapSeconds",
        tag="Messages",
        provisional=_paths("signing-secret/rotate"),
        spec_ref=_SPEC,
    ),
    Endpoint(
        "GET",
        _paths("list"),
        list_messages,
        params=MessageListQuery,
        params_in="query",
        response=MessagePage,
        summary="Pull feed: messages after a cursor, filtered by type and delivery state",
        tag="Messages",
        provisional=_paths("list"),
        spec_ref=_SPEC,
    ),
    Endpoint(
        "GET",
        _paths("delivery/log"),
        delivery_log,
        params=DeliveryLogQuery,
        params_in="query",
        response=DeliveryLog,
        summary="A message and every delivery attempt",
        tag="Messages",
        provisional=_paths("delivery/log"),
        spec_ref=_SPEC,
    ),
    Endpoint(
        "POST",
        _paths("redeliver"),
        redeliver,
        params=RedeliverRequest,
        response=RedeliverResult,
        summary="Deliver one message, or the messages of a time range, again now",
        tag="Messages",
        provisional=_paths("redeliver"),
        spec_ref=_SPEC,
    ),
]

__all__ = ["ENDPOINTS", "MessageInfo", "render_message"]
