"""``/openapi.json`` and ``/docs``, generated from the endpoint list and the same pydantic models that validate."""

from __future__ import annotations

import html
from typing import Any

from pydantic import BaseModel, TypeAdapter

from kuajing import __version__
from kuajing.api.endpoint import Endpoint, NoParams
from kuajing.protocol.codes import CODE_INFO
from kuajing.protocol.signature import REQUIRED_HEADERS

_REF_TEMPLATE = "#/components/schemas/{model}"


def _schema(tp: Any, defs: dict[str, Any], mode: str) -> dict[str, Any]:
    schema = TypeAdapter(tp).json_schema(by_alias=True, ref_template=_REF_TEMPLATE, mode=mode)  # type: ignore[arg-type]
    defs.update(schema.pop("$defs", {}))
    if is_model(tp):  # named models live in components, like the ones they reference
        defs[tp.__name__] = schema
        return {"$ref": _REF_TEMPLATE.format(model=tp.__name__)}
    return schema


def build_openapi(endpoints: list[Endpoint], *, sandbox: bool) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    paths: dict[str, dict[str, Any]] = {}
    header_params = [
        {"name": h, "in": "header", "required": True, "schema": {"type": "string"}} for h in REQUIRED_HEADERS
    ]
    for ep in endpoints:
        if ep.sandbox_only and not sandbox:
            continue
        data_schema = _schema(ep.response, defs, "serialization") if ep.response is not None else {}
        op: dict[str, Any] = {
            "summary": ep.summary,
            "tags": [ep.tag],
            "parameters": list(header_params) if ep.signed else [],
            "responses": {
                "200": {
                    "description": "Envelope; `code` 200 means success, anything else is in docs/errors.md",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "requestId": {"type": "string"},
                                    "code": {"type": "integer"},
                                    "developId": {"type": ["string", "null"]},
                                    "msg": {"type": "string"},
                                    "data": data_schema,
                                },
                                "required": ["requestId", "code", "developId", "msg", "data"],
                            }
                        }
                    },
                }
            },
        }
        notes = [n for n in (ep.description, f"Spec: {ep.spec_ref}" if ep.spec_ref else "") if n]
        if ep.params is not NoParams:
            schema = _schema(ep.params, defs, "validation")
            if ep.params_in == "query":
                props = defs[ep.params.__name__].get("properties", {})
                required = set(defs[ep.params.__name__].get("required", []))
                op["parameters"] += [
                    {"name": n, "in": "query", "required": n in required, "schema": s} for n, s in props.items()
                ]
            else:
                op["requestBody"] = {"required": True, "content": {"application/json": {"schema": schema}}}
        for path in ep.paths:
            path_op = dict(op)
            path_notes = list(notes)
            if path in ep.provisional:
                path_notes.append("Provisional path: the spec names this endpoint but no path was published.")
            if ep.sandbox_only:
                path_notes.append("Sandbox mode only.")
            path_op["description"] = " ".join(path_notes)
            path_op["operationId"] = (
                f"{ep.method.lower()}_{path.strip('/').replace('/', '_').replace('{', '').replace('}', '')}"
            )
            for segment in path.split("/"):
                if segment.startswith("{"):
                    path_op["parameters"] = path_op["parameters"] + [
                        {"name": segment[1:-1], "in": "path", "required": True, "schema": {"type": "string"}}
                    ]
            paths.setdefault(path, {})[ep.method.lower()] = path_op
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Kuajing — PandaPon-compatible OpenAPI",
            "version": __version__,
            "description": "Signed with the headers access-key, timestamp, nonce-str, user-id, signature "
            "(docs/protocol.md). Error codes: docs/errors.md.",
        },
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": defs},
    }


def render_docs_html(spec: dict[str, Any]) -> str:
    """A self-contained reference page (no CDN): every operation with its fields, grouped by tag."""
    schemas = spec["components"]["schemas"]

    def resolve(schema: dict[str, Any]) -> dict[str, Any]:
        if "$ref" in schema:
            return dict(schemas.get(schema["$ref"].rsplit("/", 1)[1], {}))
        return schema

    def type_of(schema: dict[str, Any]) -> str:
        if "$ref" in schema:
            return str(schema["$ref"]).rsplit("/", 1)[1]
        if "anyOf" in schema:
            return " | ".join(type_of(s) for s in schema["anyOf"])
        if schema.get("type") == "array":
            return f"array of {type_of(schema.get('items', {}))}"
        return str(schema.get("type", "any"))

    def fields_table(schema: dict[str, Any]) -> str:
        schema = resolve(schema)
        props = schema.get("properties", {})
        if not props:
            return f"<p class=t>{html.escape(type_of(schema))}</p>" if schema else ""
        required = set(schema.get("required", []))
        rows = "".join(
            f"<tr><td><code>{html.escape(n)}</code></td><td>{html.escape(type_of(s))}</td>"
            f"<td>{'yes' if n in required else ''}</td></tr>"
            for n, s in props.items()
        )
        return f"<table><tr><th>field</th><th>type</th><th>required</th></tr>{rows}</table>"

    by_tag: dict[str, list[str]] = {}
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            query = [p for p in op["parameters"] if p["in"] == "query"]
            data = op["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["data"]
            parts = [
                f"<h3><span class=m>{method.upper()}</span> <code>{html.escape(path)}</code></h3>",
                f"<p>{html.escape(op['summary'])}</p>",
            ]
            if op.get("description"):
                parts.append(f"<p class=note>{html.escape(op['description'])}</p>")
            if query:
                rows = "".join(
                    f"<tr><td><code>{html.escape(p['name'])}</code></td><td>{html.escape(type_of(p['schema']))}"
                    f"</td><td>{'yes' if p['required'] else ''}</td></tr>"
                    for p in query
                )
                parts.append(
                    f"<h4>Query</h4><table><tr><th>field</th><th>type</th><th>required</th></tr>{rows}</table>"
                )
            if body:
                parts.append("<h4>Body</h4>" + fields_table(body))
            parts.append("<h4>data</h4>" + fields_table(data))
            by_tag.setdefault(op["tags"][0], []).append("".join(parts))
    codes = "".join(
        f"<tr><td>{int(c)}</td><td>{c.http_status}</td><td>{html.escape(i.msg)}</td><td>{html.escape(i.en)}</td></tr>"
        for c, i in CODE_INFO.items()
    )
    sections = "".join(f"<h2>{html.escape(tag)}</h2>{''.join(ops)}" for tag, ops in by_tag.items())
    return (
        "<!doctype html><html><head><meta charset=utf-8><title>Kuajing API</title><style>"
        "body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}"
        "table{border-collapse:collapse;margin:.3em 0 1em}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}"
        ".m{background:#234;color:#fff;padding:1px 6px;border-radius:3px;font-size:.8em}.note{color:#666}"
        "h3{margin-top:1.6em;border-top:1px solid #eee;padding-top:.8em}</style></head><body>"
        f"<h1>{html.escape(spec['info']['title'])} <small>{html.escape(spec['info']['version'])}</small></h1>"
        f"<p>{html.escape(spec['info']['description'])} Machine-readable: <a href=/openapi.json>/openapi.json</a>.</p>"
        f"<h2>Codes</h2><table><tr><th>code</th><th>HTTP</th><th>msg</th><th>meaning</th></tr>{codes}</table>"
        f"{sections}</body></html>"
    )


def is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)
