"""What the wire protocol fixes around every operation of ``/openapi.json`` (api/openapi.py): the success and error
envelopes, one error response per HTTP status with the codes of its family (docs/errors.md), and the response and
request headers every operation shares.
"""

from __future__ import annotations

from typing import Any

from kuajing.api import idempotency
from kuajing.protocol.codes import CODE_INFO, Code
from kuajing.protocol.envelope import ERROR_FIELD_HEADER, REQUEST_ID_HEADER

SCHEMA_REF = "#/components/schemas/{model}"
ERROR_ENVELOPE = "ErrorEnvelope"


def success_envelope(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["requestId", "code", "developId", "msg", "data"],
        "additionalProperties": False,
        "properties": {
            "requestId": {"type": "string"},
            "code": {"const": int(Code.SUCCESS)},
            "developId": {"type": ["string", "null"]},
            "msg": {"type": "string"},
            "data": data,
        },
    }


def envelope_schemas() -> dict[str, Any]:
    codes = [int(c) for c in Code if c is not Code.SUCCESS]
    return {
        ERROR_ENVELOPE: {
            "description": "A refusal: `code` is not 200, `msg` says why and names the offending field.",
            "type": "object",
            "required": ["requestId", "code", "developId", "msg", "data"],
            "additionalProperties": False,
            "properties": {
                "requestId": {"type": "string"},
                "code": {"type": "integer", "enum": codes},
                "developId": {"type": ["string", "null"]},
                "msg": {"type": "string"},
                "data": {"type": "null"},
            },
        }
    }


def error_statuses() -> list[int]:
    return sorted({c.http_status for c in Code if c is not Code.SUCCESS})


def _family(status: int) -> list[Code]:
    return [c for c in Code if c is not Code.SUCCESS and c.http_status == status]


def error_response(status: int) -> dict[str, Any]:
    family = _family(status)
    lines = "; ".join(f"{int(c)} {CODE_INFO[c].en}" for c in family)
    schema = {
        "allOf": [
            {"$ref": SCHEMA_REF.format(model=ERROR_ENVELOPE)},
            {"properties": {"code": {"enum": [int(c) for c in family]}}},
        ]
    }
    example = {"requestId": "4cfda0b725184ab8a1e3ee3b9051ec35", "code": int(family[0]), "developId": None,
               "msg": CODE_INFO[family[0]].msg, "data": None}  # fmt: skip
    response: dict[str, Any] = {
        "description": f"Refused ({lines})",
        "headers": {
            REQUEST_ID_HEADER: {"$ref": "#/components/headers/RequestId"},
            ERROR_FIELD_HEADER: {"$ref": "#/components/headers/ErrorField"},
        },
        "content": {"application/json": {"schema": schema, "example": example}},
    }
    if status == 405:
        response["headers"]["Allow"] = {
            "description": "The methods the path does serve, e.g. `GET, HEAD`",
            "schema": {"type": "string"},
        }
    if status == 429:
        response["headers"]["Retry-After"] = {
            "description": "Seconds until the bucket has a token again",
            "schema": {"type": "integer"},
        }
    return response


IDEMPOTENCY_KEY: dict[str, Any] = {
    "name": idempotency.HEADER,
    "in": "header",
    "required": False,
    "description": "Optional: the same key and request within the key's lifetime (a day by default) answer the first "
    "answer again without a second effect; the same key with another request is refused with 42207 "
    "(docs/idempotency.md).",
    "schema": {"type": "string", "minLength": 1, "maxLength": idempotency.MAX_KEY_LENGTH, "pattern": "^[ -~]+$"},
}


def header_components() -> dict[str, Any]:
    return {
        "RequestId": {"description": "The envelope's requestId", "schema": {"type": "string"}},
        "ErrorField": {
            "description": "On a refusal caused by one field: its wire name (a dotted path inside nested bodies), "
            "percent-encoded beyond ASCII letters, digits and `_.-~`",
            "schema": {"type": "string"},
        },
        "IgnoredFields": {
            "description": "The request fields the endpoint does not take and ignored (comma-separated, at most 20 "
            "then `+N`); with `KUAJING_STRICT_FIELDS` they are refused instead",
            "schema": {"type": "string"},
        },
        "IdempotentReplayed": {
            "description": "`true` when this is the stored answer of an earlier request with the same "
            "`Idempotency-Key`",
            "schema": {"type": "string", "enum": ["true"]},
        },
    }


def error_ref(status: int) -> dict[str, Any]:
    return {"$ref": f"#/components/responses/Error{status}"}


def html_error(status: int) -> dict[str, Any]:
    """A page's refusal: the envelope for programs (``Accept: application/json``), or the page saying why."""
    response = error_response(status)
    response["content"]["text/html"] = {"schema": {"type": "string"}}
    return response
