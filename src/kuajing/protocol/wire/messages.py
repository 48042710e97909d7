"""Message service: callback URL, signing secret, pull feed, delivery log, redelivery (provisional paths,
docs/messages.md).

PandaPon configures the callback URL in its console and has no pull API; these endpoints are Kuajing's own.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from kuajing.protocol.wire.types import INT32_MAX, BlankToNone, LooseInt, OptionalLooseInt, ShortText

DeliveryStateName = Literal["pending", "retrying", "delivered", "dead", "failed", "unsubscribed"]


class CallbackSet(BaseModel):
    """Body of ``message/callback/set``: the URL must answer a signed ``CALLBACK_VERIFY`` POST with 2xx."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    callbackUrl: Annotated[str, Field(min_length=8, max_length=2048)]  # noqa: N815


class CallbackInfo(BaseModel):
    """The developer's callback configuration (``callbackUrl`` null when none is set)."""

    model_config = ConfigDict(extra="allow")

    callbackUrl: str | None = None  # noqa: N815
    verifiedTime: int | None = None  # noqa: N815 - epoch ms of the successful verification
    updateTime: int | None = None  # noqa: N815
    retrySchedule: str = ""  # noqa: N815 - the server's schedule (pandapon, exponential or seconds)
    timeoutMs: int = 0  # noqa: N815 - an answer must arrive within this


class SigningSecretInfo(BaseModel):
    """The Standard Webhooks signing secret of the developer's callbacks (``webhook-signature``). Times are epoch ms
    on the platform's clock (real time, also in sandbox mode)."""

    model_config = ConfigDict(extra="allow")

    signingSecret: str  # noqa: N815 - whsec_ + base64; signs every push
    previousSigningSecret: str | None = None  # noqa: N815 - still signs too, until previousValidUntil
    previousValidUntil: int | None = None  # noqa: N815
    createTime: int  # noqa: N815
    rotateTime: int | None = None  # noqa: N815


class SigningSecretRotate(BaseModel):
    """Body of ``message/signing-secret/rotate``: how long the current secret keeps signing beside the new one
    (seconds, 0–2592000; default: the server's ``KUAJING_DELIVERY_SIGNING_OVERLAP_S``)."""

    model_config = ConfigDict(extra="ignore")

    overlapSeconds: OptionalLooseInt = None  # noqa: N815


class MessageListQuery(BaseModel):
    """Query of ``message/list``: messages after ``cursor`` (an outbox id), oldest first."""

    model_config = ConfigDict(extra="ignore")

    cursor: Annotated[LooseInt, Field(ge=0, le=INT32_MAX)] = 0
    limit: Annotated[LooseInt, Field(ge=1, le=200)] = 50
    messageType: Annotated[ShortText | None, BlankToNone] = None  # noqa: N815
    deliveryState: Annotated[DeliveryStateName | None, BlankToNone] = None  # noqa: N815


class DeliveryAttemptInfo(BaseModel):
    model_config = ConfigDict(extra="allow")

    attemptNo: int  # noqa: N815
    attemptTime: int  # noqa: N815 - epoch ms, developer clock
    url: str
    httpStatus: int | None = None  # noqa: N815
    error: str | None = None
    latencyMs: int  # noqa: N815
    response: str = ""  # the first 512 bytes of the answer
    worker: str = ""


class MessageInfo(BaseModel):
    """One message as the pull feed and the delivery log show it; ``messageBody`` is the pushed object."""

    model_config = ConfigDict(extra="allow")

    id: int  # the cursor value of this message
    messageId: str  # noqa: N815 - stable across attempts: de-duplicate on it
    messageType: str  # noqa: N815
    messagePlatform: int  # noqa: N815
    messageBody: dict[str, Any]  # noqa: N815
    sequence: int  # per aggregate (order, refund): order by it
    aggregateType: str  # noqa: N815
    aggregateId: str  # noqa: N815
    createTime: int  # noqa: N815 - epoch ms, developer clock
    deliveryState: DeliveryStateName  # noqa: N815
    attempts: int
    nextAttemptTime: int | None = None  # noqa: N815
    deliveredTime: int | None = None  # noqa: N815
    lastHttpStatus: int | None = None  # noqa: N815
    lastError: str | None = None  # noqa: N815


class MessagePage(BaseModel):
    model_config = ConfigDict(extra="allow")

    list: list[MessageInfo]
    nextCursor: int  # noqa: N815 - pass as ``cursor`` to read on
    hasMore: bool  # noqa: N815


class DeliveryLogQuery(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    messageId: Annotated[str, Field(min_length=1, max_length=40)]  # noqa: N815


class DeliveryLog(MessageInfo):
    """A message and every delivery attempt, oldest first."""

    attemptLog: list[DeliveryAttemptInfo] = []  # noqa: N815


class RedeliverRequest(BaseModel):
    """One message (``messageId``) or the messages created in ``[startTime, endTime)`` (epoch ms, developer
    clock), optionally only those in ``deliveryStates`` (default: every state but pending)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    messageId: Annotated[Annotated[str, Field(max_length=40)] | None, BlankToNone] = None  # noqa: N815
    startTime: OptionalLooseInt = None  # noqa: N815
    endTime: OptionalLooseInt = None  # noqa: N815
    deliveryStates: Annotated[list[DeliveryStateName], Field(max_length=10)] | None = None  # noqa: N815


class RedeliverResult(BaseModel):
    model_config = ConfigDict(extra="allow")

    queued: int
