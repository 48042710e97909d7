"""Envelope responses, serialised with orjson. Key order is ``requestId, code, developId, msg, data`` (spec §1.4)."""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import BaseModel
from starlette.responses import Response

from kuajing.protocol.codes import Code
from kuajing.protocol.envelope import REQUEST_ID_HEADER, envelope


def _default(value: Any) -> Any:
    if isinstance(value, BaseModel):
        # pydantic-core writes the model's JSON itself and orjson splices it in: no intermediate dict, which
        # model_dump would build only for orjson to serialise it again
        return orjson.Fragment(value.__pydantic_serializer__.to_json(value, by_alias=True))
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dump(value: Any) -> bytes:
    return orjson.dumps(value, default=_default)


def envelope_response(
    *,
    request_id: str,
    data: Any = None,
    develop_id: str | None = None,
    code: Code = Code.SUCCESS,
    msg: str | None = None,
    http_status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    body = dump(
        envelope(request_id=request_id, data=data, develop_id=develop_id, code=int(code), msg=msg or code.info.msg)
    )
    all_headers = {REQUEST_ID_HEADER: request_id}
    if headers:
        all_headers.update(headers)
    return Response(body, status_code=http_status, media_type="application/json", headers=all_headers)
