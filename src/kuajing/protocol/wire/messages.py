"""Message service: callback URL, signing secret, pull feed, delivery log, redelivery (provisional paths,
docs/messages.md).

PandaPon configures the callback URL in its console and has no pull API; these endpoints are Kuajing's own.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import INT32_MAX, BlankToNone, LooseInt, OptionalLooseInt, ShortText

DeliveryStateName = Literal["pending", "retrying", "delivered", "dead", "failed", "unsubscribed"]


class CallbackSet(WireModel):
    """Body of ``message/callback/set``: the URL must answer a signed ``CALLBACK_VERIFY`` POST with 2xx."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    callback_url: Annotated[str, Field(min_length=8, max_length=2048)]


class CallbackInfo(WireModel):
    """The developer's callback configuration (``callbackUrl`` null when none is set)."""

    model_config = ConfigDict(extra="allow")

    callback_url: str | None = None
    verified_time: int | None = None  # epoch ms of the successful verification
    update_time: int | None = None
    retry_schedule: str = ""  # the server's schedule (pandapon, exponential or seconds)
    timeout_ms: int = 0  # an answer must arrive within this


class SigningSecretInfo(WireModel):
    """The Standard Webhooks signing secret of the developer's callbacks (``webhook-signature``). Times are epoch ms
    on the platform's clock (real time, also in sandbox mode)."""

    model_config = ConfigDict(extra="allow")

    signing_secret: str  # whsec_ + base64; signs every push
    previous_signing_secret: str | None = None  # still signs too, until previousValidUntil
    previous_valid_until: int | None = None
    create_time: int
    rotate_time: int | None = None


class SigningSecretRotate(WireModel):
    """Body of ``message/signing-secret/rotate``: how long the current secret keeps signing beside the new one
    (seconds, 0–2592000; default: the server's ``KUAJING_DELIVERY_SIGNING_OVERLAP_S``)."""

    model_config = ConfigDict(extra="ignore")

    overlap_seconds: OptionalLooseInt = None


class MessageListQuery(WireModel):
    """Query of ``message/list``: messages after ``cursor`` (an outbox id), oldest first."""

    model_config = ConfigDict(extra="ignore")

    cursor: Annotated[LooseInt, Field(ge=0, le=INT32_MAX)] = 0
    limit: Annotated[LooseInt, Field(ge=1, le=200)] = 50
    message_type: Annotated[ShortText | None, BlankToNone] = None
    delivery_state: Annotated[DeliveryStateName | None, BlankToNone] = None


class DeliveryAttemptInfo(WireModel):
    model_config = ConfigDict(extra="allow")

    attempt_no: int
    attempt_time: int  # epoch ms, developer clock
    url: str
    http_status: int | None = None
    error: str | None = None
    latency_ms: int
    response: str = ""  # the first 512 bytes of the answer
    worker: str = ""


class MessageInfo(WireModel):
    """One message as the pull feed and the delivery log show it; ``messageBody`` is the pushed object."""

    model_config = ConfigDict(extra="allow")

    id: int  # the cursor value of this message
    message_id: str  # stable across attempts: de-duplicate on it
    message_type: str
    message_platform: int
    message_body: dict[str, Any]
    sequence: int  # per aggregate (order, refund): order by it
    aggregate_type: str
    aggregate_id: str
    create_time: int  # epoch ms, developer clock
    delivery_state: DeliveryStateName
    attempts: int
    next_attempt_time: int | None = None
    delivered_time: int | None = None
    last_http_status: int | None = None
    last_error: str | None = None


class MessagePage(WireModel):
    model_config = ConfigDict(extra="allow")

    list: list[MessageInfo]
    next_cursor: int  # pass as ``cursor`` to read on
    has_more: bool


class DeliveryLogQuery(WireModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    message_id: Annotated[str, Field(min_length=1, max_length=40)]


class DeliveryLog(MessageInfo):
    """A message and every delivery attempt, oldest first."""

    attempt_log: list[DeliveryAttemptInfo] = []


class RedeliverRequest(WireModel):
    """One message (``messageId``) or the messages created in ``[startTime, endTime)`` (epoch ms, developer
    clock), optionally only those in ``deliveryStates`` (default: every state but pending)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    message_id: Annotated[Annotated[str, Field(max_length=40)] | None, BlankToNone] = None
    start_time: OptionalLooseInt = None
    end_time: OptionalLooseInt = None
    delivery_states: Annotated[list[DeliveryStateName], Field(max_length=10)] | None = None


class RedeliverResult(WireModel):
    model_config = ConfigDict(extra="allow")

    queued: int
