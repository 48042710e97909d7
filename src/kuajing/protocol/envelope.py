"""The response envelope every endpoint answers with (spec §1.4).

Keys in this order: ``requestId`` (32 lower-hex), ``code`` (200 = success), ``developId`` (a string of digits, or
null before the caller is known), ``msg`` (``成功`` on success) and ``data``.
"""

from __future__ import annotations

import random
from typing import Any

from pydantic import ConfigDict

from kuajing.protocol.codes import SUCCESS_CODE, SUCCESS_MSG
from kuajing.protocol.wire.model import WireModel

REQUEST_ID_HEADER = "x-request-id"
#: Kuajing's own headers: the field a refusal is about, and the request fields the server did not use (each a
#: dotted path, percent-encoded beyond ASCII letters, digits and ``_.-~``; the list separated by ", ")
ERROR_FIELD_HEADER = "x-kuajing-error-field"
IGNORED_FIELDS_HEADER = "x-kuajing-ignored-fields"
ENVELOPE_KEYS = ("requestId", "code", "developId", "msg", "data")


def new_request_id() -> str:
    """32 lower-hex characters, like PandaPon's. A log-lookup key, not a secret: the non-cryptographic generator
    avoids a ``getrandom`` system call on every request, which profiles of signed requests showed."""
    return f"{random.getrandbits(128):032x}"


def envelope(
    *,
    request_id: str,
    data: Any = None,
    develop_id: str | None = None,
    code: int = SUCCESS_CODE,
    msg: str = SUCCESS_MSG,
) -> dict[str, Any]:
    """Build the envelope as an ordered dict (dict order is the JSON key order)."""
    return {"requestId": request_id, "code": code, "developId": develop_id, "msg": msg, "data": data}


class Envelope(WireModel):
    """The envelope as the client reads it. ``developId`` arrives as a string; some v2 schemas say integer."""

    model_config = ConfigDict(extra="allow")

    request_id: str | None = None  # wire name
    code: int
    develop_id: str | int | None = None  # wire name
    msg: str | None = None
    data: Any = None
