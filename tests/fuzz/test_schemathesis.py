"""Schemathesis over every operation of ``/openapi.json``, on SQLite and PostgreSQL, with a valid signature on every
request: whatever the body, query or path holds, the answer is a well-formed envelope and never a 5xx.

Each operation gets ``KUAJING_FUZZ_EXAMPLES`` cases (default 6: make test stays within a minute or two), half of
them fitting the documented schema and half deliberately not. ``KUAJING_FUZZ_SEED`` picks the random stream (default
fixed, so a failure in make test reproduces); set it to ``random`` for a new stream every run.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.core import NOT_SET
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import response_schema_conformance

from kuajing.api.app import all_endpoints
from kuajing.api.openapi import build_openapi
from tests.api.helpers import headers
from tests.fuzz.conftest import Target
from tests.fuzz.envelope import assert_envelope

#: Every successful answer is also checked against its documented response schema (the document the server serves:
#: a shape that drifts from it fails here).
CHECK_RESPONSE_SCHEMA = True

EXAMPLES = int(os.environ.get("KUAJING_FUZZ_EXAMPLES", "6"))
SEED = os.environ.get("KUAJING_FUZZ_SEED", "20260916")

SCHEMA = schemathesis.openapi.from_dict(build_openapi(all_endpoints(), sandbox=True))
OPERATIONS = {op.label: op for result in SCHEMA.get_all_operations() if isinstance(result, Ok) for op in [result.ok()]}


def _send(target: Target, case: Any) -> Any:
    kwargs: dict[str, Any] = {"params": case.query or None, "headers": headers(target.creds)}
    if isinstance(case.body, bytes | str):  # a negative case: not JSON at all
        kwargs["content"] = case.body
        kwargs["headers"]["content-type"] = "application/json"
    elif case.body is not NOT_SET:
        kwargs["json"] = case.body
    return target.request(case.method, case.formatted_path, **kwargs)


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_no_operation_answers_5xx_or_a_broken_envelope(target: Target, label: str) -> None:
    operation = OPERATIONS[label]
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))

    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, derandomize=SEED != "random",
        suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    @given(case=cases)
    def check(case: Any) -> None:
        response = _send(target, case)
        assert_envelope(response, case.as_curl_command())
        json_answer = response.headers.get("content-type", "").startswith("application/json")
        if CHECK_RESPONSE_SCHEMA and json_answer and response.json()["code"] == 200:
            case.validate_response(response, checks=[response_schema_conformance])

    check()
