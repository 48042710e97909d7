"""Turning refusals into envelopes: domain errors, validation errors, unknown routes, and the unexpected.

A refusal answers ``data: null`` (a client that does ``response.data || null`` must not take it for a result), names
the offending field in ``msg`` and in the ``x-kuajing-error-field`` header, and travels with HTTP 200 as PandaPon's
documented answers do — except failures of the server itself (500xx, 503xx), which keep their 5xx so that load
balancers, monitoring and retrying proxies see them. ``KUAJING_ERROR_HTTP_STATUS=mirror`` sends every code's own
status instead (docs/errors.md).
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping
from urllib.parse import quote

from pydantic import ValidationError
from starlette.responses import Response

from kuajing.api.responses import envelope_response
from kuajing.domain.errors import AuthError, DomainError
from kuajing.protocol.codes import Code
from kuajing.protocol.envelope import ERROR_FIELD_HEADER

log = logging.getLogger("kuajing.api")

#: what ``msg`` says of a field the endpoint does not take, when strict fields refuse it
UNKNOWN_FIELD = "is not a known field"


class ApiError(Exception):
    """A refusal decided in the API layer itself (bad JSON, unknown route, body too large…)."""

    def __init__(
        self, code: Code, detail: str = "", *, field: str | None = None, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(detail or code.info.en)
        self.code = code
        self.detail = detail
        self.field = field
        self.headers = headers


class KnownCallerError(Exception):
    """A refusal of a caller the gateway has already identified (the rate limit): its envelope names the caller's
    ``developId``, as every answer after authentication does."""

    def __init__(self, error: DomainError, *, develop_id: str) -> None:
        super().__init__(str(error))
        self.error = error
        self.develop_id = develop_id


def _msg(code: Code, detail: str, field: str | None = None) -> str:
    """``<code's message>: <field>: <detail>``, the field left out where the detail names it already, as a word of
    its own (``carrierCode is required``, ``missing header nonce-str``)."""
    if field and not re.search(rf"(?<![\w.-]){re.escape(field)}(?![\w-])", detail):
        detail = f"{field}: {detail}" if detail else field
    return f"{code.info.msg}: {detail}" if detail else code.info.msg


def field_path(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a dotted wire path (``receiver.provinceText``, ``orderLineList.0.quantity``)."""
    return ".".join(str(p) for p in loc) or "body"


def validation_detail(exc: ValidationError) -> tuple[str, str]:
    """The first error as ``(field path, reason)``, with wire (alias) names."""
    first = exc.errors(include_url=False, include_context=False, include_input=False)[0]
    loc = field_path(first["loc"])
    reason = first["msg"]
    if first["type"] == "missing":
        reason = "is required"
    elif first["type"] == "extra_forbidden":
        reason = UNKNOWN_FIELD
    elif reason.startswith("Value error, "):
        reason = reason[len("Value error, ") :]
    return loc, reason


def http_status(code: Code, *, mirror: bool) -> int:
    """The HTTP status an envelope with ``code`` travels with (see the module docstring)."""
    return code.http_status if mirror or code.http_status >= 500 else 200


def error_response(exc: BaseException, *, request_id: str, develop_id: str | None, mirror_status: bool) -> Response:
    headers: dict[str, str] = {}
    if isinstance(exc, KnownCallerError):
        develop_id, exc = exc.develop_id, exc.error
    if isinstance(exc, ApiError):
        code, field = exc.code, exc.field
        msg = _msg(code, exc.detail, field)
        headers.update(exc.headers or {})
    elif isinstance(exc, ValidationError):
        field, reason = validation_detail(exc)
        code, msg = Code.INVALID_PARAMETER, _msg(Code.INVALID_PARAMETER, f"{field}: {reason}")
    elif isinstance(exc, OverflowError):  # an integer too large for a BIGINT column reached the driver
        code, msg, field = Code.INVALID_PARAMETER, _msg(Code.INVALID_PARAMETER, "a number is out of range"), None
    elif isinstance(exc, DomainError):
        code, field = exc.code, exc.field
        msg = _msg(code, exc.message, field)
        if isinstance(exc, AuthError) and exc.retry_after_s > 0:
            headers["Retry-After"] = str(max(1, math.ceil(exc.retry_after_s)))
    else:
        log.exception("internal error in request %s", request_id)
        code, msg, field = Code.INTERNAL, _msg(Code.INTERNAL, f"requestId {request_id}"), None
    if field:
        headers[ERROR_FIELD_HEADER] = header_text(field)
    return envelope_response(
        request_id=request_id,
        develop_id=develop_id,
        code=code,
        msg=msg,
        http_status=http_status(code, mirror=mirror_status),
        headers=headers,
    )


def header_text(name: str) -> str:
    """A field path as a header value can carry it: percent-encoded beyond ASCII letters, digits and ``_.-~`` (a
    client may name a field in any script; headers are Latin-1)."""
    return quote(name, safe="")
