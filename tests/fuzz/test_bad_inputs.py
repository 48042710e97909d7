"""Hand-made bad inputs against every endpoint, on SQLite and PostgreSQL: huge and negative numbers, 2^63, floats
where integers go, long strings, deep nesting, arrays where objects go, NUL, lone surrogates, empty strings, Unicode
digits, JSON tricks inside string fields. Each answer is an envelope, never a 5xx.

make test puts every value into every endpoint once, each time into another of its fields (a rotation);
``KUAJING_FUZZ_BAD_INPUTS=all`` puts every value into every field of every endpoint.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

import pytest

from kuajing.api.app import all_endpoints
from kuajing.api.endpoint import Endpoint, NoParams
from tests.api.helpers import headers
from tests.fuzz.bad_inputs import BAD_VALUES, DEEP_JSON, DEEP_MARKER, base_body, field_names
from tests.fuzz.conftest import Target
from tests.fuzz.envelope import assert_envelope

EVERY_FIELD = os.environ.get("KUAJING_FUZZ_BAD_INPUTS") == "all"
ENDPOINTS = {f"{ep.method} {ep.paths[0]}": ep for ep in all_endpoints() if ep.signed and ep.params is not NoParams}


MAX_QUERY_VALUE = 4_000  # characters: a URL stays under the client's limit


def _query_text(value: Any) -> str:
    text = DEEP_JSON if value == DEEP_MARKER else value if isinstance(value, str) else json.dumps(value)
    return quote(text[:MAX_QUERY_VALUE], safe="", errors="surrogatepass")


def _send(target: Target, ep: Endpoint, body: dict[str, Any]) -> Any:
    path = ep.paths[0]
    for name in ep.extra_path_params:
        path = path.replace("{" + name + "}", _query_text(body.pop(name, "1")) or "1")
    signed = headers(target.creds)
    if ep.params_in == "query":
        query = "&".join(f"{quote(k)}={_query_text(v)}" for k, v in body.items())
        return target.request(ep.method, f"{path}?{query}", headers=signed)
    # json.dumps writes a lone surrogate as the escape \ud800: JSON text the server must refuse, not crash on
    content = json.dumps(body, ensure_ascii=True).replace(json.dumps(DEEP_MARKER), DEEP_JSON)
    return target.request(ep.method, path, content=content, headers={**signed, "content-type": "application/json"})


def _cases(ep: Endpoint) -> list[tuple[str, Any]]:
    fields = field_names(ep.params)
    if EVERY_FIELD:
        return [(f, v) for f in fields for _, v in BAD_VALUES]
    return [(fields[i % len(fields)], value) for i, (_, value) in enumerate(BAD_VALUES)]


@pytest.mark.parametrize("label", sorted(ENDPOINTS))
def test_bad_values_in_any_field_answer_an_envelope_never_a_5xx(target: Target, label: str) -> None:
    ep = ENDPOINTS[label]
    base = base_body(ep.params)
    for field, value in _cases(ep):
        body = {**base, field: value}
        response = _send(target, ep, body)
        assert_envelope(response, f"{label} with {field}={str(value)[:80]!r}")
