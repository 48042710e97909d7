"""What the sync and async clients share: operations, signing, envelope unwrapping and the retry policy.

Only sending and sleeping differ between :class:`~kuajing.client.Client` and :class:`~kuajing.client.AsyncClient`.
Every attempt is signed afresh (new timestamp and nonce): the server refuses a reused ``nonce-str``.

A retry must not do a write twice. Reads are retried after any transient failure. The writes the server deduplicates
(``Operation.effect == "keyed"``: creates and payments) carry an ``Idempotency-Key``, one per call, kept across its
attempts, so a retry of a write whose answer was lost gets the first answer back. Other writes are sent again only
when the request cannot have reached the server (the connection was never made) or was refused before it acted (42901).
"""

from __future__ import annotations

import email.utils
import os
import random
import time
import uuid
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar
from urllib.parse import quote, unquote

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from kuajing.client import _constants as C
from kuajing.client.errors import APIError, KuajingError, ResponseFormatError, code_family, error_class
from kuajing.protocol.envelope import ERROR_FIELD_HEADER, REQUEST_ID_HEADER
from kuajing.protocol.signature import signed_headers

T = TypeVar("T")
ApiVersion = Literal["v1", "v2"]
#: what sending an operation again risks: "read" nothing; "keyed" nothing, when it carries its first attempt's
#: Idempotency-Key; "write" doing it twice
Effect = Literal["read", "keyed", "write"]

IDEMPOTENCY_HEADER = "Idempotency-Key"

#: failures that leave no doubt the request was never sent: no connection could be made or taken from the pool
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass(frozen=True)
class Operation(Generic[T]):
    """One endpoint: method, its v1 and v2 paths, the type of ``data``, and what sending it again risks (``effect``:
    by default "read" for GET and "write" for anything else)."""

    method: str
    v1: str
    v2: str | None
    returns: Any
    signed: bool = True
    effect: Effect | None = None

    def path(self, version: ApiVersion) -> str:
        return self.v2 if version == "v2" and self.v2 else self.v1

    @property
    def risk(self) -> Effect:
        return self.effect or ("read" if self.method == "GET" else "write")


def _adapter(tp: Any) -> TypeAdapter[Any]:
    cached = _ADAPTERS.get(tp)
    if cached is None:
        cached = _ADAPTERS[tp] = TypeAdapter(tp)
    return cached


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def dump_params(params: BaseModel | dict[str, Any] | None) -> dict[str, Any] | None:
    if params is None:
        return None
    if isinstance(params, BaseModel):
        return params.model_dump(mode="json", by_alias=True, exclude_none=True)
    return {k: v for k, v in params.items() if v is not None}


class BaseClient:
    def __init__(
        self,
        *,
        base_url: str | None,
        access_key: str | None,
        access_secret: str | None,
        user_id: str | None,
        api_version: ApiVersion,
        timeout_s: float,
        max_retries: int,
        idempotency_keys: bool,
    ) -> None:
        self.base_url = (base_url or os.environ.get(C.ENV_BASE_URL) or "http://127.0.0.1:8080").rstrip("/")
        self.access_key = access_key or os.environ.get(C.ENV_ACCESS_KEY, "")
        self.access_secret = access_secret or os.environ.get(C.ENV_ACCESS_SECRET, "")
        self.user_id = user_id or os.environ.get(C.ENV_USER_ID, "")
        if api_version not in ("v1", "v2"):
            raise ValueError("api_version must be 'v1' or 'v2'")
        self.api_version: ApiVersion = api_version
        self.timeout_s = timeout_s
        self.max_retries = max_retries
        self.idempotency_keys = idempotency_keys

    # -- building -----------------------------------------------------------------------------------------------
    def _headers(self, signed: bool) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if signed:
            if not (self.access_key and self.access_secret and self.user_id):
                raise KuajingError(
                    "access_key, access_secret and user_id are required (or KUAJING_ACCESS_KEY, "
                    "KUAJING_ACCESS_SECRET, KUAJING_USER_ID)"
                )
            headers.update(
                signed_headers(
                    access_key=self.access_key,
                    secret=self.access_secret,
                    user_id=self.user_id,
                    timestamp_ms=time.time_ns() // 1_000_000,
                )
            )
        return headers

    def _key(self, op: Operation[Any], given: str | None) -> str | None:
        """The Idempotency-Key of one call of ``op`` (the same on every attempt): the caller's, else a new one for a
        keyed operation — unless keys are turned off (``idempotency_keys=False``)."""
        if given is not None:
            if op.risk != "keyed":
                raise ValueError(
                    f"the server does not deduplicate {op.method} {op.v1}: it takes no {IDEMPOTENCY_HEADER}"
                )
            return given
        if op.risk == "keyed" and self.idempotency_keys:
            return str(uuid.uuid4())
        return None

    def _build(
        self,
        op: Operation[Any],
        params: dict[str, Any] | None,
        path_params: dict[str, str] | None,
        key: str | None = None,
    ) -> httpx.Request:
        path = op.path(self.api_version)
        for name, value in (path_params or {}).items():
            path = path.replace("{" + name + "}", quote(str(value), safe=""))
        url = self.base_url + path
        headers = self._headers(op.signed)
        if key is not None:
            headers[IDEMPOTENCY_HEADER] = key
        if op.method == "GET":
            return httpx.Request("GET", url, params=params or None, headers=headers)
        return httpx.Request(op.method, url, json=params or {}, headers=headers)

    # -- reading ------------------------------------------------------------------------------------------------
    def _parse(self, op: Operation[T], response: httpx.Response) -> T:
        try:
            body = response.json()
        except ValueError:
            raise ResponseFormatError(
                f"HTTP {response.status_code}: the answer is not JSON",
                http_status=response.status_code,
                body=response.content,
            ) from None
        if not isinstance(body, dict) or "code" not in body:
            raise ResponseFormatError(
                f"HTTP {response.status_code}: the answer is not an envelope",
                http_status=response.status_code,
                body=response.content,
            )
        code = int(body["code"])
        request_id = body.get("requestId") or response.headers.get(REQUEST_ID_HEADER)
        if code != 200:  # whatever the HTTP status: Kuajing answers refusals with 200 by default, PandaPon too
            field = response.headers.get(ERROR_FIELD_HEADER)
            raise error_class(code)(
                code=code,
                msg=str(body.get("msg")),
                request_id=request_id,
                http_status=response.status_code,
                data=body.get("data"),
                field=unquote(field) if field else None,
                retry_after_s=retry_after_s(response.headers),
            )
        try:
            # by the wire's names only: a key spelt like an attribute (``order_id``) stays an extra, as it always was
            result: T = _adapter(op.returns).validate_python(body.get("data"), by_name=False)
        except ValidationError as exc:
            raise ResponseFormatError(
                f"the data of {op.method} {op.v1} does not have the documented shape: {exc}",
                http_status=response.status_code,
                body=response.content,
            ) from None
        return result

    # -- retrying -----------------------------------------------------------------------------------------------
    def _should_retry(self, error: Exception, attempt: int, *, repeatable: bool) -> bool:
        """``repeatable``: sending the request again cannot do its work twice (a read, or a write under its key)."""
        if attempt >= self.max_retries:
            return False
        if isinstance(error, _NOT_SENT):
            return True
        if isinstance(error, APIError) and (error.http_status == 429 or error.code // 100 == 429):
            return True  # the gateway refuses before the endpoint acts
        if not repeatable:
            return False
        if isinstance(error, httpx.TransportError):
            return True
        if isinstance(error, APIError):  # by the code: refusals travel with HTTP 200 unless the server mirrors them
            family = code_family(error.code)
            return family == 429 or family >= 500 or error.http_status == 429 or error.http_status >= 500
        if isinstance(error, ResponseFormatError):
            return error.http_status >= 500
        return False

    def _retry_delay_s(self, error: Exception, attempt: int) -> float:
        if (
            isinstance(error, APIError)
            and error.retry_after_s is not None
            and 0 < error.retry_after_s <= C.MAX_RETRY_AFTER_S
        ):
            return error.retry_after_s
        delay: float = min(C.INITIAL_RETRY_DELAY_S * 2**attempt, C.MAX_RETRY_DELAY_S)
        return delay * (1 - C.RETRY_JITTER * random.random())


def retry_after_s(headers: httpx.Headers) -> float | None:
    """``Retry-After`` as seconds (a number or an HTTP date); ``retry-after-ms`` wins when present."""
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, parsed.timestamp() - time.time())
