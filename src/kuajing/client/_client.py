"""``Client`` and ``AsyncClient``: options, the send/retry loop, and one resource attribute per API area."""

from __future__ import annotations

import asyncio
import time
from functools import cached_property
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx
from pydantic import BaseModel

from kuajing.client import _constants as C
from kuajing.client._base import ApiVersion, BaseClient, Operation, dump_params
from kuajing.client.errors import APIConnectionError, APITimeoutError
from kuajing.client.resources.alibaba import Alibaba, AsyncAlibaba
from kuajing.client.resources.alibaba_aftersales import AsyncRefundSandbox, RefundSandbox
from kuajing.client.resources.basis import Addresses, AsyncAddresses
from kuajing.client.resources.messages import AsyncMessages, Messages
from kuajing.client.resources.sandbox import AsyncSandbox, Sandbox
from kuajing.client.resources.system import HEALTH, PING
from kuajing.client.resources.taobao import AsyncTaobao, Taobao
from kuajing.client.resources.warehouse import AsyncWarehouse, Warehouse

T = TypeVar("T")


class Client(BaseClient):
    """A synchronous PandaPon/Kuajing client.

    ``base_url`` picks the server: a Kuajing instance (``http://127.0.0.1:8080``) or PandaPon itself
    (``https://api.pandapon.com``). Credentials fall back to ``KUAJING_ACCESS_KEY``, ``KUAJING_ACCESS_SECRET`` and
    ``KUAJING_USER_ID``. ``api_version`` chooses the ``/open``+``/alibaba`` (v1) or ``/v2/…`` path family.

    ``max_retries`` bounds the attempts after the first on transient failures. Creates and payments carry a generated
    ``Idempotency-Key`` that their retries reuse, so Kuajing answers a retry with the first answer instead of doing the
    work twice; ``idempotency_keys=False`` sends none (for servers that ignore the header, such as PandaPon itself) and
    those writes are then retried only when they cannot have been sent, like every other write.
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        access_key: str | None = None,
        access_secret: str | None = None,
        user_id: str | None = None,
        api_version: ApiVersion = "v1",
        timeout_s: float = C.DEFAULT_TIMEOUT_S,
        max_retries: int = C.DEFAULT_MAX_RETRIES,
        idempotency_keys: bool = True,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(
            base_url=base_url, access_key=access_key, access_secret=access_secret, user_id=user_id,
            api_version=api_version, timeout_s=timeout_s, max_retries=max_retries, idempotency_keys=idempotency_keys,
        )  # fmt: skip
        self._http = http_client or httpx.Client(timeout=timeout_s)
        self._owns_http = http_client is None

    def request(
        self,
        op: Operation[T],
        params: BaseModel | dict[str, Any] | None = None,
        *,
        path_params: dict[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> T:
        """Send one operation (signed, retried) and return its typed ``data``. ``idempotency_key``: the caller's own
        key for a keyed operation (one is generated otherwise)."""
        body = dump_params(params)
        key = self._key(op, idempotency_key)
        repeatable = op.risk == "read" or key is not None
        attempt = 0
        while True:
            try:
                response = self._http.send(self._build(op, body, path_params, key))
                return self._parse(op, response)
            except Exception as exc:  # classified just below
                if not self._should_retry(exc, attempt, repeatable=repeatable):
                    _raise_transport(exc)
                    raise
                time.sleep(self._retry_delay_s(exc, attempt))
                attempt += 1

    def health(self) -> dict[str, Any]:
        return self.request(HEALTH)

    def ping(self) -> str:
        return self.request(PING)

    @cached_property
    def addresses(self) -> Addresses:
        return Addresses(self)

    @cached_property
    def sandbox(self) -> Sandbox:
        return Sandbox(self)

    @cached_property
    def taobao(self) -> Taobao:
        return Taobao(self)

    @cached_property
    def alibaba(self) -> Alibaba:
        return Alibaba(self)

    @cached_property
    def warehouse(self) -> Warehouse:
        return Warehouse(self)

    @cached_property
    def refund_sandbox(self) -> RefundSandbox:
        """Force the embedded sellers' after-sales answers (sandbox mode only)."""
        return RefundSandbox(self)

    @cached_property
    def messages(self) -> Messages:
        return Messages(self)

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncClient(BaseClient):
    """The asyncio twin of :class:`Client`: same options, ``await`` every call."""

    def __init__(
        self,
        *,
        base_url: str | None = None,
        access_key: str | None = None,
        access_secret: str | None = None,
        user_id: str | None = None,
        api_version: ApiVersion = "v1",
        timeout_s: float = C.DEFAULT_TIMEOUT_S,
        max_retries: int = C.DEFAULT_MAX_RETRIES,
        idempotency_keys: bool = True,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(
            base_url=base_url, access_key=access_key, access_secret=access_secret, user_id=user_id,
            api_version=api_version, timeout_s=timeout_s, max_retries=max_retries, idempotency_keys=idempotency_keys,
        )  # fmt: skip
        self._http = http_client or httpx.AsyncClient(timeout=timeout_s)
        self._owns_http = http_client is None

    async def request(
        self,
        op: Operation[T],
        params: BaseModel | dict[str, Any] | None = None,
        *,
        path_params: dict[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> T:
        body = dump_params(params)
        key = self._key(op, idempotency_key)
        repeatable = op.risk == "read" or key is not None
        attempt = 0
        while True:
            try:
                response = await self._http.send(self._build(op, body, path_params, key))
                return self._parse(op, response)
            except Exception as exc:  # classified just below
                if not self._should_retry(exc, attempt, repeatable=repeatable):
                    _raise_transport(exc)
                    raise
                await asyncio.sleep(self._retry_delay_s(exc, attempt))
                attempt += 1

    async def health(self) -> dict[str, Any]:
        return await self.request(HEALTH)

    async def ping(self) -> str:
        return await self.request(PING)

    @cached_property
    def addresses(self) -> AsyncAddresses:
        return AsyncAddresses(self)

    @cached_property
    def sandbox(self) -> AsyncSandbox:
        return AsyncSandbox(self)

    @cached_property
    def taobao(self) -> AsyncTaobao:
        return AsyncTaobao(self)

    @cached_property
    def alibaba(self) -> AsyncAlibaba:
        return AsyncAlibaba(self)

    @cached_property
    def warehouse(self) -> AsyncWarehouse:
        return AsyncWarehouse(self)

    @cached_property
    def refund_sandbox(self) -> AsyncRefundSandbox:
        return AsyncRefundSandbox(self)

    @cached_property
    def messages(self) -> AsyncMessages:
        return AsyncMessages(self)

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()


def _raise_transport(exc: Exception) -> None:
    """Translate httpx's transport errors into the SDK's; other exceptions pass through unchanged."""
    if isinstance(exc, httpx.TimeoutException):
        raise APITimeoutError(str(exc) or "request timed out") from exc
    if isinstance(exc, httpx.TransportError):
        raise APIConnectionError(str(exc) or type(exc).__name__) from exc
