"""``/openapi.json``: an OpenAPI 3.1 document generated from the endpoint list and the models that validate.

Every endpoint's request model (validation mode) and ``data`` type (serialization mode, as the server emits it) go
through one pydantic JSON-schema generation, ``TypeAdapter.json_schemas``. One generation means one name per model
in ``components/schemas``: two classes with the same name get distinct, module-qualified names instead of one
overwriting the other, and a model whose input and output schemas differ is listed twice (``-Input``/``-Output``).
So the document states exactly what the server checks: a POST body is the JSON schema of ``Endpoint.params``, a GET
endpoint's query parameters are that model's properties, and every answer is the envelope with ``data`` of
``Endpoint.response``.

Around the models the document adds what the wire protocol fixes for every operation: the five signed headers as
security schemes (all five together on every signed operation), the error envelope per HTTP status with the codes
of that family (docs/errors.md; ``openapi_envelope``), and one request and one answer example per operation
(``openapi_examples``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import TypeAdapter

from kuajing import __version__
from kuajing.api import idempotency
from kuajing.api.endpoint import Endpoint, NoParams
from kuajing.api.openapi_envelope import (
    ERROR_ENVELOPE,
    IDEMPOTENCY_KEY,
    SCHEMA_REF,
    envelope_schemas,
    error_ref,
    error_response,
    error_statuses,
    header_components,
    html_error,
    success_envelope,
)
from kuajing.api.openapi_examples import ExampleBuilder, envelope_example
from kuajing.protocol.envelope import ERROR_FIELD_HEADER, IGNORED_FIELDS_HEADER, REQUEST_ID_HEADER
from kuajing.protocol.signature import (
    HEADER_ACCESS_KEY,
    HEADER_NONCE,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    HEADER_USER_ID,
)

OPENAPI_VERSION = "3.1.0"

#: security scheme name → (header, what it carries). A signed operation requires all five at once.
SECURITY_SCHEMES: dict[str, tuple[str, str]] = {
    "accessKey": (HEADER_ACCESS_KEY, "The developer's AccessKey (32 hex). Signed."),
    "timestamp": (HEADER_TIMESTAMP, "Epoch milliseconds (13 digits) or seconds (10), within ±600 s. Signed."),
    "nonceStr": (HEADER_NONCE, "A random string (32 of [A-Za-z0-9] recommended), never reused within 600 s. Signed."),
    "userId": (HEADER_USER_ID, "A sub-account of the key's developer. Not signed."),
    "signature": (HEADER_SIGNATURE, "UPPER(HEX(MD5(accessKey + timestamp + nonceStr + accessSecret)))."),
}
SIGNED: list[dict[str, list[str]]] = [{name: [] for name in SECURITY_SCHEMES}]

#: the families an unsigned route cannot answer with: it checks no key, sub-account or rate
_SIGNED_ONLY_STATUSES = frozenset({401, 403, 429})

DESCRIPTION = (
    "PandaPon OpenAPI as Kuajing serves it. Every answer is the envelope "
    "`{requestId, code, developId, msg, data}`: `code` 200 is success, any other code is a refusal "
    "(docs/errors.md). By default a refusal travels with HTTP 200, as PandaPon answers, with `data: null` and the "
    "offending field named in `msg` and in the `x-kuajing-error-field` header; a server configured with "
    "`KUAJING_ERROR_HTTP_STATUS=mirror` sends the status of the code's first three digits instead. Server failures "
    "(5xx) and refusals of pictures and pages keep their status in both modes.\n\n"
    "Signed operations need five headers: `access-key`, `timestamp`, `nonce-str`, `user-id` and `signature`, where "
    "`signature = UPPER(HEX(MD5(accessKey + timestamp + nonceStr + accessSecret)))` (docs/protocol.md). GET "
    "operations take query parameters, POST operations a JSON object body; numbers may be sent as strings."
)


def build_openapi(endpoints: list[Endpoint], *, sandbox: bool) -> dict[str, Any]:
    shown = [ep for ep in endpoints if sandbox or not ep.sandbox_only]
    schemas, defs = _generate_schemas(shown)
    taken = defs.keys() & envelope_schemas().keys()
    if taken:
        raise ValueError(f"wire models may not use the envelope's schema names: {sorted(taken)}")
    examples = ExampleBuilder(defs)
    paths: dict[str, dict[str, Any]] = {}
    for i, ep in enumerate(shown):
        for path in ep.paths:
            operation = _operation(ep, path, schemas.get((i, "params")), schemas.get((i, "data")), defs, examples)
            paths.setdefault(path, {})[ep.method.lower()] = operation
    return {
        "openapi": OPENAPI_VERSION,
        "info": {"title": "Kuajing — PandaPon-compatible OpenAPI", "version": __version__, "description": DESCRIPTION},
        "tags": [{"name": tag} for tag in dict.fromkeys(ep.tag for ep in shown)],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": {**defs, **envelope_schemas()},
            "responses": {f"Error{status}": error_response(status) for status in error_statuses()},
            "headers": header_components(),
            "securitySchemes": {
                name: {"type": "apiKey", "in": "header", "name": header, "description": text}
                for name, (header, text) in SECURITY_SCHEMES.items()
            },
        },
    }


def _generate_schemas(endpoints: list[Endpoint]) -> tuple[dict[tuple[int, str], Any], dict[str, Any]]:
    """One JSON-schema generation for every request and answer type: keys ``(endpoint index, "params"|"data")``."""
    inputs: list[tuple[tuple[int, str], Any, TypeAdapter[Any]]] = []
    for i, ep in enumerate(endpoints):
        if ep.params is not NoParams:
            inputs.append(((i, "params"), "validation", TypeAdapter(ep.params)))
        if ep.response is not None:
            inputs.append(((i, "data"), "serialization", TypeAdapter(ep.response)))
    by_key, top = TypeAdapter.json_schemas(inputs, by_alias=True, ref_template=SCHEMA_REF)
    return {key: schema for (key, _mode), schema in by_key.items()}, top.get("$defs", {})


def resolve(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The schema a local ``$ref`` points at (or the schema itself)."""
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _operation(
    ep: Endpoint,
    path: str,
    params: dict[str, Any] | None,
    data: dict[str, Any] | None,
    defs: dict[str, Any],
    examples: ExampleBuilder,
) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": _operation_id(ep.method, path),
        "summary": ep.summary,
        "description": _description(ep, path),
        "tags": [ep.tag],
        "security": SIGNED if ep.signed else [],
        "parameters": _path_parameters(ep, path, params, defs, examples),
    }
    if params is not None and ep.params_in == "query":
        op["parameters"] += _query_parameters(ep, params, defs, examples)
    elif params is not None:
        if ep.extra_path_params:
            raise ValueError(f"{ep.method} {path}: path parameters are documented for query endpoints only")
        content = {"schema": params, "example": examples.request(params)}
        op["requestBody"] = {"required": bool(resolve(params, defs).get("required")),
                             "content": {"application/json": content}}  # fmt: skip
    if ep.idempotent:
        op["parameters"].append(IDEMPOTENCY_KEY)
    op["responses"] = _responses(ep, data, examples)
    if path in ep.provisional:
        op["x-provisional"] = True
    if ep.sandbox_only:
        op["x-sandbox-only"] = True
    if ep.spec_ref:
        op["x-spec-ref"] = ep.spec_ref
    return op


def _operation_id(method: str, path: str) -> str:
    return f"{method.lower()}_{re.sub(r'[^A-Za-z0-9]+', '_', path).strip('_')}"


def _description(ep: Endpoint, path: str) -> str:
    notes = [ep.description]
    if path in ep.provisional:
        notes.append("Provisional path: the spec names this endpoint but no path was published.")
    if ep.sandbox_only:
        notes.append("Sandbox mode only.")
    if ep.spec_ref:
        notes.append(f"Spec: {ep.spec_ref}.")
    return " ".join(n for n in notes if n)


def _path_parameters(
    ep: Endpoint, path: str, params: dict[str, Any] | None, defs: dict[str, Any], examples: ExampleBuilder
) -> list[dict[str, Any]]:
    """Each ``{name}`` segment: typed by the model when the model reads it (``extra_path_params``), else text."""
    fields = resolve(params, defs).get("properties", {}) if params is not None else {}
    result = []
    for name in re.findall(r"{([^}/]+)}", path):
        schema = fields[name] if name in ep.extra_path_params else {"type": "string"}
        param = {"name": name, "in": "path", "required": True, "schema": schema}
        example = examples.field(name, schema)
        if example is not None:
            param["example"] = example
        result.append(param)
    return result


def _query_parameters(
    ep: Endpoint, params: dict[str, Any], defs: dict[str, Any], examples: ExampleBuilder
) -> list[dict[str, Any]]:
    """The model's fields as query parameters. Lists and objects travel as JSON text, so they are documented as
    ``content: application/json`` (the server decodes them), scalars as plain ``schema``."""
    model = resolve(params, defs)
    required = set(model.get("required", []))
    example = examples.request(params)
    result: list[dict[str, Any]] = []
    for name, schema in model.get("properties", {}).items():
        if name in ep.extra_path_params:
            continue
        param: dict[str, Any] = {"name": name, "in": "query", "required": name in required}
        if _is_structured(schema, defs):
            param["content"] = {"application/json": {"schema": schema}}
        else:
            param["schema"] = schema
        if name in example:
            param["example"] = example[name]
        result.append(param)
    return result


def _is_structured(schema: dict[str, Any], defs: dict[str, Any]) -> bool:
    branches = schema.get("anyOf", [schema])
    return any(resolve(b, defs).get("type") in ("array", "object") for b in branches)


def _responses(ep: Endpoint, data: dict[str, Any] | None, examples: ExampleBuilder) -> dict[str, Any]:
    content: dict[str, Any] = {}
    if ep.media_type != "application/json":
        binary = {"type": "string"} if ep.media_type.startswith("text/") else {"type": "string", "format": "binary"}
        content[ep.media_type] = {"schema": binary}
    if ep.media_type == "application/json" or data is not None:
        success = success_envelope(data if data is not None else {})
        example = envelope_example(examples.response(data) if data is not None else None)
        content["application/json"] = {
            "schema": {"anyOf": [success, {"$ref": SCHEMA_REF.format(model=ERROR_ENVELOPE)}]},
            "example": example,
        }
    headers = {REQUEST_ID_HEADER: {"$ref": "#/components/headers/RequestId"}}
    if ep.media_type == "application/json":
        headers[ERROR_FIELD_HEADER] = {"$ref": "#/components/headers/ErrorField"}
        headers[IGNORED_FIELDS_HEADER] = {"$ref": "#/components/headers/IgnoredFields"}
    if ep.idempotent:
        headers[idempotency.REPLAYED_HEADER] = {"$ref": "#/components/headers/IdempotentReplayed"}
    ok = {"description": "Success, or a refusal (the error envelope: by default refusals travel with HTTP 200)",
          "headers": headers, "content": content}  # fmt: skip
    responses: dict[str, Any] = {"200": ok}
    for status in error_statuses():
        if ep.signed or status not in _SIGNED_ONLY_STATUSES:
            responses[str(status)] = html_error(status) if ep.media_type == "text/html" else error_ref(status)
    return responses


def operations(spec: dict[str, Any]) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """Every ``(method, path, operation)`` of a document, in path order."""
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            yield method, path, op
