"""Turning refusals into envelopes: domain errors, validation errors, unknown routes, and the unexpected."""

from __future__ import annotations

import logging
import math
from typing import Any

from pydantic import ValidationError
from starlette.responses import Response

from kuajing.api.responses import envelope_response
from kuajing.domain.errors import AuthError, DomainError
from kuajing.protocol.codes import Code

log = logging.getLogger("kuajing.api")


class ApiError(Exception):
    """A refusal decided in the API layer itself (bad JSON, unknown route, body too large…)."""

    def __init__(self, code: Code, detail: str = "", *, field: str | None = None) -> None:
        super().__init__(detail or code.info.en)
        self.code = code
        self.detail = detail
        self.field = field


def _msg(code: Code, detail: str) -> str:
    return f"{code.info.msg}: {detail}" if detail else code.info.msg


def validation_detail(exc: ValidationError) -> tuple[str, str]:
    """The first error as ``(field path, reason)``, with wire (alias) names."""
    first = exc.errors(include_url=False)[0]
    loc = ".".join(str(p) for p in first["loc"] if p not in ("body", "query")) or "body"
    reason = first["msg"]
    if first["type"] == "missing":
        reason = "is required"
    elif reason.startswith("Value error, "):
        reason = reason[len("Value error, ") :]
    return loc, reason


def error_response(exc: BaseException, *, request_id: str, develop_id: str | None, mirror_status: bool) -> Response:
    headers: dict[str, str] = {}
    data: dict[str, Any] | None = None
    if isinstance(exc, ApiError):
        code, msg, field = exc.code, _msg(exc.code, exc.detail), exc.field
    elif isinstance(exc, ValidationError):
        field, reason = validation_detail(exc)
        code, msg = Code.INVALID_PARAMETER, _msg(Code.INVALID_PARAMETER, f"{field}: {reason}")
    elif isinstance(exc, OverflowError):  # an integer too large for a BIGINT column reached the driver
        code, msg, field = Code.INVALID_PARAMETER, _msg(Code.INVALID_PARAMETER, "a number is out of range"), None
    elif isinstance(exc, DomainError):
        code, field = exc.code, exc.field
        msg = _msg(code, exc.message)
        if isinstance(exc, AuthError) and exc.retry_after_s > 0:
            headers["Retry-After"] = str(max(1, math.ceil(exc.retry_after_s)))
    else:
        log.exception("internal error in request %s", request_id)
        code, msg, field = Code.INTERNAL, _msg(Code.INTERNAL, f"requestId {request_id}"), None
    if field:
        data = {"field": field}
    return envelope_response(
        request_id=request_id,
        develop_id=develop_id,
        code=code,
        msg=msg,
        data=data,
        http_status=code.http_status if mirror_status else 200,
        headers=headers,
    )
