"""Endpoints as data: method, paths (v1 and v2 twins), wire models, and an async handler.

The app turns each :class:`Endpoint` into Starlette routes; the same list feeds ``/openapi.json`` and ``/docs``, so
the documentation is generated from the schemas the server validates with. A handler receives a :class:`Call`: the
validated parameters, the authenticated caller, and :meth:`Call.run` to execute domain work in one unit of work.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.requests import Request
from starlette.responses import Response

from kuajing.api import idempotency
from kuajing.api.call import Call
from kuajing.api.errors import UNKNOWN_FIELD, ApiError, error_response, field_path, header_text
from kuajing.api.responses import envelope_response
from kuajing.domain.accounts.auth import Caller
from kuajing.protocol.codes import Code
from kuajing.protocol.envelope import IGNORED_FIELDS_HEADER
from kuajing.protocol.signature import REQUIRED_HEADERS

if TYPE_CHECKING:
    from kuajing.api.gateway import Gateway
    from kuajing.runtime import Runtime

log = logging.getLogger("kuajing.api")

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


class NoParams(BaseModel):
    """For endpoints without a body or query."""

    model_config = ConfigDict(frozen=True)


#: the system headers, as ASGI names them: a signed request decodes only these of its headers
_SIGNED = frozenset(name.encode() for name in REQUIRED_HEADERS)
#: ignored fields named in the header (and the log) at most; more are counted as "+N"
MAX_NAMED_IGNORED = 20
_NO_PARAMS = NoParams()  # shared: it has no fields (building one took 2.6 % of a signed address list in process)


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
    #: what a successful answer is when it is not (only) the JSON envelope: a page (``text/html``) or a picture
    media_type: str = "application/json"
    signed: bool = True
    sandbox_only: bool = False
    provisional: tuple[str, ...] = ()  # paths we invented because the spec has none (spec §7.2)
    spec_ref: str = ""
    description: str = ""
    extra_path_params: tuple[str, ...] = field(default=())
    idempotent: bool = False  # honours an Idempotency-Key header (api/idempotency.py, docs/idempotency.md)


async def _read_params(
    endpoint: Endpoint, request: Request, max_body: int, *, strict: bool, ignored: list[str]
) -> BaseModel:
    """The endpoint's parameters from the query or the JSON body. Fields the endpoint does not take are accepted
    and appended to ``ignored`` (dotted paths) — or, with ``strict``, refused naming the first."""
    if "\x00" in request.scope["path"]:  # a %00 in a path parameter
        raise ApiError(Code.INVALID_PARAMETER, _NUL_REFUSAL, field="path")
    if endpoint.params is NoParams:  # the body is not read; query parameters are the only fields to name
        if request.scope["query_string"]:
            names = list(request.query_params.keys())
            if strict:
                raise ApiError(Code.INVALID_PARAMETER, UNKNOWN_FIELD, field=names[0])
            ignored.extend(names)
        return _NO_PARAMS
    body = b""
    if endpoint.params_in == "query":
        raw: Any = dict(request.query_params)
    else:
        body = await _read_json_body(request, max_body)
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
    # JSON can carry U+0000 only escaped, a query string only as %00: look for the character only when those appear
    if b"\\u0000" in body or b"%00" in request.scope["query_string"]:
        field = _nul_field(raw)
        if field is not None:
            raise ApiError(Code.INVALID_PARAMETER, _NUL_REFUSAL, field=field)
    return _validate(endpoint.params, raw, strict=strict, ignored=ignored)


def _validate(model: type[BaseModel], raw: dict[str, Any], *, strict: bool, ignored: list[str]) -> BaseModel:
    """Validate as if the model forbade unknown fields — pydantic then reports each one, at any depth and inside
    JSON-in-string fields, with its path — and, unless ``strict``, validate again ignoring them once some are found.

    A request without unknown fields pays one validation, as before (the override adds about a microsecond).
    Each unknown field costs about as much as a field that fails validation, so a body at the size limit cannot cost
    more than one full of invalid values already could.

    Fields are read by their wire names only (``by_name=False``): a client's ``purchase_order_id`` is an unknown
    field, not the attribute of that name (``protocol/wire/model.py``).
    """
    try:
        return model.model_validate(raw, extra="forbid", by_name=False)
    except ValidationError as exc:
        unknown = [
            field_path(e["loc"])
            for e in exc.errors(include_url=False, include_context=False, include_input=False)
            if e["type"] == "extra_forbidden"
        ]
        if strict or not unknown:
            raise
        ignored.extend(unknown)
    return model.model_validate(raw, by_name=False)


#: PostgreSQL cannot store U+0000 in text at all, so both databases refuse it up front, alike (docs/errors.md)
_NUL_REFUSAL = "text must not contain the NUL character (U+0000)"


def _nul_field(body: Any) -> str | None:
    """The dotted path of the first text holding U+0000 in a parsed body, or None. Walked with a stack, not by
    recursion: a body may nest up to orjson's 1024 levels, deeper than Python lets a function recurse."""
    stack: list[tuple[str, Any]] = [("", body)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return path or "body"
            continue
        items: Any = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        below: list[tuple[str, Any]] = []
        for key, item in items:
            if isinstance(key, str) and "\x00" in key:
                below.append((path, key))
            below.append((f"{path}.{key}" if path else str(key), item))
        stack.extend(reversed(below))  # the first in document order is found first
    return None


def is_json_media_type(value: str) -> bool:
    """``application/json``, with no charset or ``charset=utf-8`` (JSON is UTF-8, RFC 8259); other parameters are
    meaningless for JSON and ignored."""
    media, _, params = value.partition(";")
    if media.strip().lower() != "application/json":
        return False
    for param in params.split(";"):
        name, _, given = param.partition("=")
        if name.strip().lower() == "charset" and given.strip().strip('"').lower() != "utf-8":
            return False
    return True


async def _read_json_body(request: Request, max_body: int) -> bytes:
    """The body of a JSON endpoint. A declared type must be JSON (checked before the body is read); a body without
    a declared type is refused too — only an empty one may leave the type out (``curl -X POST`` of an endpoint whose
    parameters are all optional)."""
    declared = request.headers.get("content-type")
    if declared is not None and declared != "application/json" and not is_json_media_type(declared):
        raise ApiError(Code.UNSUPPORTED_MEDIA_TYPE, f"Content-Type is {declared[:100]!r}; send application/json")
    body = await _read_body(request, max_body)
    if declared is None and body.strip():
        raise ApiError(Code.UNSUPPORTED_MEDIA_TYPE, "a body needs Content-Type: application/json")
    return body


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


def _answer(request_id: str, develop_id: str | None, mirror: bool, data: Any, exc: Exception | None) -> Response:
    """The handler's outcome as sent: its data in the envelope (or the Response it made), or the refusal it raised."""
    if exc is not None:
        return error_response(exc, request_id=request_id, develop_id=develop_id, mirror_status=mirror)
    if isinstance(data, Response):
        return data
    return envelope_response(request_id=request_id, data=data, develop_id=develop_id)


def starlette_endpoint(
    endpoint: Endpoint, runtime: Runtime, gateway: Gateway
) -> Callable[[Request], Awaitable[Response]]:
    settings = runtime.settings
    # A picture or a page is read by a browser, an <img> tag or a cache, which go by the status, not by an envelope:
    # its refusals travel with their code's status in both modes (docs/errors.md).
    mirror = settings.error_http_status == "mirror" or endpoint.media_type != "application/json"
    strict = settings.strict_fields

    async def handle(request: Request) -> Response:
        request_id: str = request.scope["state"]["request_id"]
        caller: Caller | None = None
        ignored: list[str] = []
        try:
            if endpoint.signed:
                headers = {
                    k.decode("latin-1"): v.decode("latin-1") for k, v in request.scope["headers"] if k in _SIGNED
                }
                caller, cached = await gateway.admit(headers)
            params = await _read_params(endpoint, request, settings.max_body_bytes, strict=strict, ignored=ignored)
            key = idempotency.request_key(request) if endpoint.idempotent and caller is not None else None
            if caller is not None:  # valid parameters: the request will act, so its nonce is used up now
                caller = await gateway.claim(caller, cached, headers)
            call: Call[Any] = Call(
                runtime=runtime, request=request, request_id=request_id, params=params, caller=caller
            )
            if key is not None:
                develop_id = call.develop_id
                response = await idempotency.respond(
                    call, endpoint.handler, key, lambda data, exc: _answer(request_id, develop_id, mirror, data, exc)
                )
            else:
                data = await endpoint.handler(call)
                response = _answer(request_id, caller.develop_id if caller else None, mirror, data, None)
        except (ApiError, ValidationError, Exception) as exc:  # every refusal keeps the envelope
            response = _answer(request_id, caller.develop_id if caller else None, mirror, None, exc)
        if ignored:
            _say_ignored(ignored, response, request, request_id, caller)
        return response

    return handle


def _say_ignored(
    ignored: list[str], response: Response, request: Request, request_id: str, caller: Caller | None
) -> None:
    """Name the fields a request carried that its endpoint does not take: in a header and in the server log."""
    named = [header_text(path) for path in ignored[:MAX_NAMED_IGNORED]]
    if len(ignored) > MAX_NAMED_IGNORED:
        named.append(f"+{len(ignored) - MAX_NAMED_IGNORED}")  # "+" is percent-encoded in a name: no ambiguity
    response.headers[IGNORED_FIELDS_HEADER] = ", ".join(named)
    log.warning(
        "request %s (%s %s, developId %s) carried fields the endpoint does not take, ignored: %s",
        request_id, request.method, request.url.path, caller.develop_id if caller else "-", ", ".join(named),
    )  # fmt: skip
