"""Message service: the callback URL, the signing secret, the pull feed, the delivery log and redelivery (Kuajing's
own endpoints).

Receiving pushed messages needs no client: see :class:`kuajing.client.WebhookVerifier` (a ten-line receiver).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from kuajing.client._base import Operation
from kuajing.client.resources import AsyncResource, SyncResource
from kuajing.protocol.wire.messages import (
    CallbackInfo,
    DeliveryLog,
    DeliveryStateName,
    MessageInfo,
    MessagePage,
    RedeliverResult,
    SigningSecretInfo,
)

SET_CALLBACK: Operation[CallbackInfo] = Operation(
    "POST", "/open/message/callback/set", "/v2/basis/message/callback/set", CallbackInfo
)
GET_CALLBACK: Operation[CallbackInfo] = Operation(
    "GET", "/open/message/callback/get", "/v2/basis/message/callback/get", CallbackInfo
)
DELETE_CALLBACK: Operation[bool] = Operation(
    "POST", "/open/message/callback/delete", "/v2/basis/message/callback/delete", bool
)
GET_SIGNING_SECRET: Operation[SigningSecretInfo] = Operation(
    "GET", "/open/message/signing-secret/get", "/v2/basis/message/signing-secret/get", SigningSecretInfo
)
ROTATE_SIGNING_SECRET: Operation[SigningSecretInfo] = Operation(
    "POST", "/open/message/signing-secret/rotate", "/v2/basis/message/signing-secret/rotate", SigningSecretInfo
)
LIST: Operation[MessagePage] = Operation("GET", "/open/message/list", "/v2/basis/message/list", MessagePage)
DELIVERY_LOG: Operation[DeliveryLog] = Operation(
    "GET", "/open/message/delivery/log", "/v2/basis/message/delivery/log", DeliveryLog
)
REDELIVER: Operation[RedeliverResult] = Operation(
    "POST", "/open/message/redeliver", "/v2/basis/message/redeliver", RedeliverResult
)


def _list_params(
    cursor: int, limit: int, message_type: str | None, delivery_state: DeliveryStateName | None
) -> dict[str, Any]:
    return {"cursor": cursor, "limit": limit, "messageType": message_type, "deliveryState": delivery_state}


def _redeliver_params(
    message_id: str | None,
    start_time: int | None,
    end_time: int | None,
    states: Sequence[DeliveryStateName] | None,
) -> dict[str, Any]:
    return {
        "messageId": message_id,
        "startTime": start_time,
        "endTime": end_time,
        "deliveryStates": list(states) if states else None,
    }


class Messages(SyncResource):
    def set_callback_url(self, url: str) -> CallbackInfo:
        """Save ``url`` after it answered a signed ``CALLBACK_VERIFY`` POST with 2xx (else
        CALLBACK_UNREACHABLE)."""
        return self._client.request(SET_CALLBACK, {"callbackUrl": url})

    def get_callback_url(self) -> CallbackInfo:
        return self._client.request(GET_CALLBACK)

    def delete_callback_url(self) -> bool:
        return self._client.request(DELETE_CALLBACK)

    def signing_secret(self) -> SigningSecretInfo:
        """The ``whsec_…`` secret that signs pushes for Standard Webhooks (``webhook-signature``)."""
        return self._client.request(GET_SIGNING_SECRET)

    def rotate_signing_secret(self, *, overlap_seconds: int | None = None) -> SigningSecretInfo:
        """A new signing secret; the previous one keeps signing for ``overlap_seconds`` (server default: a day)."""
        return self._client.request(ROTATE_SIGNING_SECRET, {"overlapSeconds": overlap_seconds})

    def list(
        self,
        *,
        cursor: int = 0,
        limit: int = 50,
        message_type: str | None = None,
        delivery_state: DeliveryStateName | None = None,
    ) -> MessagePage:
        """One page of the pull feed: messages with an id above ``cursor``, oldest first."""
        return self._client.request(LIST, _list_params(cursor, limit, message_type, delivery_state))

    def iter(
        self,
        *,
        cursor: int = 0,
        page_size: int = 100,
        message_type: str | None = None,
        delivery_state: DeliveryStateName | None = None,
    ) -> Iterator[MessageInfo]:
        """Every message after ``cursor``, page by page (store ``message.id`` to resume)."""
        while True:
            page = self.list(cursor=cursor, limit=page_size, message_type=message_type, delivery_state=delivery_state)
            yield from page.list
            if not page.has_more:
                return
            cursor = page.next_cursor

    def delivery_log(self, message_id: str) -> DeliveryLog:
        return self._client.request(DELIVERY_LOG, {"messageId": message_id})

    def redeliver(
        self,
        message_id: str | None = None,
        *,
        start_time: int | None = None,
        end_time: int | None = None,
        states: Sequence[DeliveryStateName] | None = None,
    ) -> int:
        """Queue one message, or those created in ``[start_time, end_time)``, for delivery now; returns the
        count."""
        return self._client.request(REDELIVER, _redeliver_params(message_id, start_time, end_time, states)).queued


class AsyncMessages(AsyncResource):
    async def set_callback_url(self, url: str) -> CallbackInfo:
        return await self._client.request(SET_CALLBACK, {"callbackUrl": url})

    async def get_callback_url(self) -> CallbackInfo:
        return await self._client.request(GET_CALLBACK)

    async def delete_callback_url(self) -> bool:
        return await self._client.request(DELETE_CALLBACK)

    async def signing_secret(self) -> SigningSecretInfo:
        return await self._client.request(GET_SIGNING_SECRET)

    async def rotate_signing_secret(self, *, overlap_seconds: int | None = None) -> SigningSecretInfo:
        return await self._client.request(ROTATE_SIGNING_SECRET, {"overlapSeconds": overlap_seconds})

    async def list(
        self,
        *,
        cursor: int = 0,
        limit: int = 50,
        message_type: str | None = None,
        delivery_state: DeliveryStateName | None = None,
    ) -> MessagePage:
        return await self._client.request(LIST, _list_params(cursor, limit, message_type, delivery_state))

    async def delivery_log(self, message_id: str) -> DeliveryLog:
        return await self._client.request(DELIVERY_LOG, {"messageId": message_id})

    async def redeliver(
        self,
        message_id: str | None = None,
        *,
        start_time: int | None = None,
        end_time: int | None = None,
        states: Sequence[DeliveryStateName] | None = None,
    ) -> int:
        result = await self._client.request(REDELIVER, _redeliver_params(message_id, start_time, end_time, states))
        return result.queued
