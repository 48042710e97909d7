"""One module per API area; each holds its operations and a sync and an async resource class.

A resource needs of its client only ``request``: it is typed by that (the protocols below), so the resources do not
import the client classes that are built from them."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from kuajing.client._base import Operation

T = TypeVar("T")


class Requester(Protocol):
    """What a sync resource sends through: :class:`kuajing.client.Client`."""

    def request(
        self,
        op: Operation[T],
        params: BaseModel | dict[str, Any] | None = None,
        *,
        path_params: dict[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> T: ...


class AsyncRequester(Protocol):
    """What an async resource sends through: :class:`kuajing.client.AsyncClient`."""

    async def request(
        self,
        op: Operation[T],
        params: BaseModel | dict[str, Any] | None = None,
        *,
        path_params: dict[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> T: ...


class SyncResource:
    def __init__(self, client: Requester) -> None:
        self._client = client


class AsyncResource:
    def __init__(self, client: AsyncRequester) -> None:
        self._client = client
