"""The receiver side of message callbacks: verify the ``Authorization`` header, then parse the body.

A receiver in ten lines (Starlette shown; any framework that gives the raw body works)::

    from kuajing.client import parse_callback, InvalidCallbackSignature

    async def kuajing_callback(request):
        body = await request.body()                       # the raw bytes, not re-serialised JSON
        try:
            message = parse_callback(body, request.headers.get("Authorization", ""), SECRET)
        except InvalidCallbackSignature:
            return Response(status_code=401)
        await queue.put(message)                          # answer within 1 s; work later
        return Response(status_code=200)
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict

from kuajing.protocol.callbacks import callback_signature_matches


class InvalidCallbackSignature(Exception):
    """The ``Authorization`` header does not match the body and secret."""


class CallbackMessage(BaseModel):
    """One pushed message. ``messageBody`` is always decoded to a dict (PandaPon sends an object or a JSON string)."""

    model_config = ConfigDict(extra="allow")

    messageType: str  # noqa: N815
    messageBody: dict[str, Any]  # noqa: N815
    messagePlatform: int  # noqa: N815 - 0 Taobao, 1 1688
    timestamp: str


def verify(body: bytes, authorization: str, secret: str) -> bool:
    """True when ``authorization`` is the HMAC-SHA256 of the raw ``body`` keyed with ``secret`` (constant time)."""
    return bool(authorization) and callback_signature_matches(body, authorization, secret)


def parse_callback(body: bytes, authorization: str, secret: str) -> CallbackMessage:
    if not verify(body, authorization, secret):
        raise InvalidCallbackSignature("the Authorization header does not match the body")
    raw = json.loads(body)
    if isinstance(raw.get("messageBody"), str):
        raw["messageBody"] = json.loads(raw["messageBody"]) if raw["messageBody"].strip() else {}
    return CallbackMessage.model_validate(raw)
