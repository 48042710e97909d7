"""Endpoints as data: method, paths (v1 and v2 twins), wire models, and an async handler.

The app turns each :class:`Endpoint` into Starlette routes; the same list feeds ``/openapi.json`` and ``/docs``, so
the documentation is generated from the schemas the server validates with. A handler receives a :class:`Call`: the
validated parameters, the authenticated caller, and :meth:`Call.run` to execute domain work in one unit of work.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import orjson
from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import Response

from kuajing.api.errors import ApiError, error_response
from kuajing.api.responses import envelope_response
from kuajing.domain.accounts.auth import Caller, RateLimits, authenticate, consume_nonce
from kuajing.domain.clock import OffsetClock
from kuajing.protocol.codes import Code

if TYPE_CHECKING:
    from kuajing.runtime import Runtime

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


class NoParams(BaseModel):
    """For endpoints without a body or query."""


@dataclass(frozen=True)
class Endpoint:
    method: str
    paths: tuple[str, ...]
    handler: Callable[[Call[Any]], Awaitable[Any]]
    summary: str
    tag: str
    params: type[BaseModel] = NoParams
    params_in: str = "body"  # "body" (JSON) or "query"
    response: Any = None  # the type of ``data`` for the docs
    signed: bool = True
    sandbox_only: bool = False
    provisional: tuple[str, ...] = ()  # paths we invented because the spec has none (spec §7.2)
    spec_ref: str = ""
    description: str = ""
    extra_path_params: tuple[str, ...] = field(default=())


class Call(Generic[M]):
    """One authenticated request, as the handler sees it."""

    def __init__(
        self, *, runtime: Runtime, request: Request, request_id: str, params: M, caller: Caller | None
    ) -> None:
        self.runtime = runtime
        self.request = request
        self.request_id = request_id
        self.params = params
        self.caller = caller
        self.nonce_pending = caller is not None  # consumed by the first unit of work (auth.consume_nonce)

    @property
    def develop_id(self) -> str:
        assert self.caller is not None, "only signed endpoints have a caller"
        return self.caller.develop_id

    @property
    def user_id(self) -> str:
        assert self.caller is not None, "only signed endpoints have a caller"
        return self.caller.user_id

    @property
    def clock(self) -> OffsetClock:
        offset = self.caller.clock_offset_ms if self.caller and self.runtime.settings.sandbox else 0
        return OffsetClock(self.runtime.clock, offset)

    def path_param(self, name: str) -> str:
        return str(self.request.path_params[name])

    async def run(self, fn: Callable[..., T], **kwargs: Any) -> T:
        """Run ``fn(uow, **kwargs)`` in one unit of work on the developer's clock and commit it."""
        return await self.runtime.db.run(self._in_uow, fn, kwargs, write=True)

    async def read(self, fn: Callable[..., T], **kwargs: Any) -> T:
        """Run a read ``fn(uow, **kwargs)``: no commit of its own. It must not write — when the request's nonce is
        used in the same transaction, that transaction commits."""
        return await self.runtime.db.run(self._in_uow, fn, kwargs, write=False)

    async def ensure_nonce_consumed(self) -> None:
        """Use up the request's nonce now (before a side effect outside the database, or when nothing else did)."""
        if self.nonce_pending:
            await self.runtime.db.run(self._in_uow, lambda uow: None, {}, write=False)

    def _in_uow(self, fn: Callable[..., T], kwargs: dict[str, Any], *, write: bool) -> T:
        consume = self.nonce_pending
        with self.runtime.uow(self.clock, write=write or consume) as uow:
            if not consume:
                result = fn(uow, **kwargs)
                if write:
                    uow.commit()
                return result
            assert self.caller is not None
            consume_nonce(uow, self.caller)
            try:
                if write:
                    with uow.tx.savepoint():  # a refused business change rolls back; the used nonce stays
                        result = fn(uow, **kwargs)
                else:
                    result = fn(uow, **kwargs)  # a read: nothing to undo, so no savepoint
            finally:
                uow.commit()
                self.nonce_pending = False
            return result


async def _read_params(endpoint: Endpoint, request: Request, max_body: int) -> BaseModel:
    if endpoint.params is NoParams:
        return NoParams()
    if endpoint.params_in == "query":
        raw: Any = dict(request.query_params)
    else:
        body = await _read_body(request, max_body)
        if not body.strip():
            raw = {}
        else:
            try:
                raw = orjson.loads(body)
            except orjson.JSONDecodeError as exc:
                raise ApiError(Code.MALFORMED_JSON, str(exc)) from None
        if not isinstance(raw, dict):
            raise ApiError(Code.INVALID_PARAMETER, "the body must be a JSON object", field="body")
        # Query parameters fill fields the body does not give (some spec pages show a field as query, others as body).
        for key, value in request.query_params.items():
            raw.setdefault(key, value)
    for name in endpoint.extra_path_params:
        raw[name] = request.path_params[name]
    return endpoint.params.model_validate(raw)


async def _read_body(request: Request, max_body: int) -> bytes:
    """The body, refused (BODY_TOO_LARGE) as soon as it is known to exceed the limit — from ``Content-Length`` or
    while streaming — instead of after buffering all of it."""
    declared = request.headers.get("content-length", "")
    if declared.isdecimal() and int(declared) > max_body:
        raise ApiError(Code.BODY_TOO_LARGE, f"the body is {declared} bytes; the limit is {max_body}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_body:
            raise ApiError(Code.BODY_TOO_LARGE, f"the body exceeds the limit of {max_body} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def starlette_endpoint(endpoint: Endpoint, runtime: Runtime) -> Callable[[Request], Awaitable[Response]]:
    settings = runtime.settings
    limits = RateLimits(
        settings.rate_limit_key_rps,
        settings.rate_limit_key_burst,
        settings.rate_limit_user_rps,
        settings.rate_limit_user_burst,
    )
    mirror = settings.error_http_status == "mirror"

    def _authenticate(headers: dict[str, str]) -> Caller:
        # Read-only unless rate buckets must be written; the nonce is used by the request's first unit of work.
        with runtime.uow(write=limits.enabled, snapshot=limits.enabled) as uow:  # one SELECT without rate limits
            caller = authenticate(uow, headers=headers, now_ms=runtime.clock.now_ms(), limits=limits)
            if limits.enabled:
                uow.commit()
            return caller

    async def handle(request: Request) -> Response:
        request_id: str = request.scope["state"]["request_id"]
        caller: Caller | None = None
        try:
            if endpoint.signed:
                headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in request.scope["headers"]}
                caller = await runtime.db.run(_authenticate, headers)
            params = await _read_params(endpoint, request, settings.max_body_bytes)
            call: Call[Any] = Call(
                runtime=runtime, request=request, request_id=request_id, params=params, caller=caller
            )
            data = await endpoint.handler(call)
            await call.ensure_nonce_consumed()
        except (ApiError, ValidationError, Exception) as exc:  # every refusal keeps the envelope
            return error_response(
                exc,
                request_id=request_id,
                develop_id=caller.develop_id if caller else None,
                mirror_status=mirror,
            )
        if isinstance(data, Response):
            return data
        return envelope_response(request_id=request_id, data=data, develop_id=caller.develop_id if caller else None)

    return handle
