"""One push: the body exactly as spec §3.2 (plus ``messageId`` and ``sequence``), its signatures, and the POST.

Two signatures on every push (protocol/callbacks.py): PandaPon's ``Authorization``, the lower-hex HMAC-SHA256 of the
raw body keyed with the developer's AccessSecret (the current secret of the developer's first active access key, by
creation time), and Standard Webhooks' ``webhook-signature`` over ``{webhook-id}.{webhook-timestamp}.{body}``, keyed
with the developer's signing secrets. ``timestamp`` in the body is the push time (ms, as a string) on the developer's
clock, so every attempt has its own body and signatures; ``webhook-timestamp`` is the platform's clock in seconds,
because receivers compare it with real time.

The answer of a target on a loopback or private address is not recorded unless the operator allowed its port
(``KUAJING_SANDBOX_CALLBACK_PORTS``): only its status, latency and size. Otherwise the delivery log would be a way to
read other local services (a database or cache port answers the POST with an error that quotes what it got).
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from typing import Any

import httpx

from kuajing.delivery.safety import Target
from kuajing.protocol.callbacks import (
    CALLBACK_SIGNATURE_HEADER,
    WEBHOOK_ID_HEADER,
    WEBHOOK_SIGNATURE_HEADER,
    WEBHOOK_TIMESTAMP_HEADER,
    sign_callback,
    webhook_signature_header,
)

USER_AGENT = "Kuajing-Webhooks/1.0"
MESSAGE_ID_HEADER = "X-Kuajing-Message-Id"
SEQUENCE_HEADER = "X-Kuajing-Sequence"
ATTEMPT_HEADER = "X-Kuajing-Attempt"
SNIPPET_BYTES = 512
_REQUEST_SENT = "http11.send_request_headers.started"  # httpcore's trace event: the request starts going out
#: A new connection (TCP, and TLS for https) must be up within this; the answer's timeout starts after it. httpx's own
#: default: generous for a receiver, short enough not to hold a worker's connection slot for long.
CONNECT_TIMEOUT_S = 5.0


def push_body(
    *, message_type: str, platform: int, body_json: str, timestamp_ms: int, message_id: str, sequence: int
) -> bytes:
    """The JSON bytes to POST. ``body_json`` (the outbox text) is embedded as is: ``messageBody`` is an
    object."""
    return (
        '{"messageType":'
        + json.dumps(message_type, ensure_ascii=False)
        + ',"messageBody":'
        + body_json
        + ',"messagePlatform":'
        + str(int(platform))
        + ',"timestamp":"'
        + str(int(timestamp_ms))
        + '"'
        + ',"messageId":'
        + json.dumps(message_id)
        + ',"sequence":'
        + str(int(sequence))
        + "}"
    ).encode()


def push_headers(
    body: bytes,
    *,
    access_secret: str,
    signing_secrets: list[str],
    message_id: str,
    sent_at_s: int,
    sequence: int,
    attempt_no: int,
) -> dict[str, str]:
    """Both schemes' headers. ``signing_secrets``: the developer's valid signing secrets, current first."""
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        CALLBACK_SIGNATURE_HEADER: sign_callback(body, access_secret),
        WEBHOOK_ID_HEADER: message_id,
        WEBHOOK_TIMESTAMP_HEADER: str(sent_at_s),
        WEBHOOK_SIGNATURE_HEADER: webhook_signature_header(signing_secrets, message_id, sent_at_s, body),
        MESSAGE_ID_HEADER: message_id,
        SEQUENCE_HEADER: str(sequence),
        ATTEMPT_HEADER: str(attempt_no),
    }


@dataclass(frozen=True, slots=True)
class SendResult:
    http_status: int | None
    error: str | None
    latency_ms: int
    snippet: str

    @property
    def ok(self) -> bool:
        return self.error is None and self.http_status is not None and 200 <= self.http_status < 300


async def post(
    client: httpx.AsyncClient,
    target: Target,
    body: bytes,
    headers: dict[str, str],
    *,
    timeout_s: float,
    disclose: bool,
) -> SendResult:
    """POST ``body`` to the checked target; success is 2xx within ``timeout_s``, counted from the moment the request
    starts going out on its connection (a new connection must be up within :data:`CONNECT_TIMEOUT_S` first).

    ``disclose=False`` (a local target whose port the operator has not allowed): the answer's bytes and the details
    of a protocol error are not kept, only a summary (:func:`withheld`)."""
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    sent = False
    status: int | None = None
    snippet = b""
    error: str | None = None
    extensions: dict[str, Any] = {"sni_hostname": target.host} if target.scheme == "https" else {}
    try:
        async with asyncio.timeout(CONNECT_TIMEOUT_S) as deadline:

            async def trace(event: str, info: dict[str, Any]) -> None:
                nonlocal started, sent
                if event == _REQUEST_SENT:
                    started, sent = time.perf_counter(), True
                    deadline.reschedule(loop.time() + timeout_s)

            extensions["trace"] = trace
            request = client.build_request(
                "POST", target.request_url, content=body, headers={**headers, "Host": target.host_header},
                extensions=extensions,
            )  # fmt: skip
            response = await client.send(request, stream=True, follow_redirects=False)
            status = response.status_code
            try:
                async for chunk in response.aiter_bytes():
                    snippet += chunk
                    if len(snippet) >= SNIPPET_BYTES:
                        break
            finally:
                await response.aclose()
    except TimeoutError:
        error = (
            f"no answer within {int(timeout_s * 1000)} ms"
            if sent
            else f"no connection within {int(CONNECT_TIMEOUT_S * 1000)} ms"
        )
        status = None
    except httpx.HTTPError as exc:
        error = _describe(exc, disclose)
        status = None
    latency_ms = int((time.perf_counter() - started) * 1000)
    if error is None and status is not None and not 200 <= status < 300:
        error = f"HTTP {status}" + (" (redirects are not followed)" if 300 <= status < 400 else "")
    if not disclose:
        return SendResult(status, error, latency_ms, withheld(len(snippet), target.port) if status else "")
    return SendResult(status, error, latency_ms, snippet[:SNIPPET_BYTES].decode("utf-8", errors="replace"))


def _describe(exc: httpx.HTTPError, disclose: bool) -> str:
    """The error as the delivery log shows it. A protocol error quotes what the other side sent (h11: "illegal status
    line: bytearray(b'-ERR …')"), so for an undisclosed target only its kind is kept; a connection error is about
    our side of the socket ("Connection refused") and stays."""
    name, detail = type(exc).__name__, str(exc)
    if not detail:
        return name
    if disclose or isinstance(exc, httpx.ConnectError):
        return f"{name}: {detail}"
    return f"{name} (details not shown for a local port)"


def withheld(size: int, port: int) -> str:
    """The summary kept instead of a local target's answer."""
    shown = f"{size} bytes" if size < SNIPPET_BYTES else f"{SNIPPET_BYTES} bytes or more"
    return f"answer of {shown} not shown: port {port} is not in KUAJING_SANDBOX_CALLBACK_PORTS"
