"""``/docs``: the reference documentation, rendered on the server from the OpenAPI document.

Why rendered here rather than a vendored OpenAPI viewer: the page must work with no network at all, and a viewer
bundle is hundreds of kilobytes of third-party JavaScript to vendor, license and upgrade. The document already
holds everything a reader needs, so this module turns it into plain HTML — a section per tag, an anchor per
operation (``#op-<operationId>``) and per schema (``#schema-<Name>``), field tables, the request and answer
examples — and ``static/reference.js`` adds the two things HTML cannot do: filtering as you type, and *try it*,
which signs a request in the browser (MD5 included, since WebCrypto has none) and shows the answer.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from typing import Any

from kuajing.api.openapi import operations
from kuajing.protocol.codes import CODE_INFO


def _static(name: str) -> str:
    return (resources.files("kuajing.api") / "static" / name).read_text(encoding="utf-8")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _prose(text: str) -> str:
    """Docstring text as HTML: ``code`` and `code` become <code>, everything else is escaped."""
    return re.sub(r"``?([^`]+)``?", lambda m: f"<code>{m.group(1)}</code>", _e(text))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def _search_text(method: str, path: str, op: dict[str, Any]) -> str:
    """What the search box matches an operation against."""
    return f"{method} {path} {op['summary']} {op['tags'][0]} {op['operationId']}"


def _pretty(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


class _Renderer:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.schemas: dict[str, Any] = spec["components"]["schemas"]

    def type_of(self, schema: dict[str, Any]) -> str:
        """A schema's type as short HTML: model names link to their table."""
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[1]
            return f'<a href="#schema-{_e(name)}">{_e(name)}</a>'
        if "const" in schema:
            return f"<code>{_e(json.dumps(schema['const'], ensure_ascii=False))}</code>"
        if "enum" in schema:
            return "one of " + ", ".join(f"<code>{_e(v)}</code>" for v in schema["enum"])
        for key in ("anyOf", "oneOf", "allOf"):
            if key in schema:
                return (" &amp; " if key == "allOf" else " | ").join(self.type_of(s) for s in schema[key])
        kind = schema.get("type")
        if kind == "array":
            return "array of " + self.type_of(schema.get("items", {}))
        if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
            return "map of " + self.type_of(schema["additionalProperties"])
        if isinstance(kind, list):
            return " | ".join(_e(k) for k in kind)
        return _e(kind or "any")

    def constraints(self, schema: dict[str, Any]) -> str:
        notes = [
            f"{label} {_e(json.dumps(schema[key], ensure_ascii=False))}"
            for key, label in (
                ("default", "default"),
                ("minLength", "min length"),
                ("maxLength", "max length"),
                ("minimum", "≥"),
                ("maximum", "≤"),
                ("minItems", "min items"),
                ("maxItems", "max items"),
                ("pattern", "pattern"),
            )
            if key in schema
        ]
        for branch in schema.get("anyOf", []):
            notes.extend(n for n in [self.constraints(branch)] if n)
        text = "; ".join(notes)
        return f"{_prose(schema['description'])} {text}".strip() if schema.get("description") else text

    def fields(self, schema: dict[str, Any]) -> str:
        """The fields table of an object schema (a reference is followed one step), or the type of anything else."""
        target = self.schemas[schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else schema
        props: dict[str, Any] = target.get("properties", {})
        if not props:
            return f"<p class=t>{self.type_of(schema)}</p>"
        required = set(target.get("required", []))
        rows = "".join(
            f"<tr><td><code>{_e(name)}</code></td><td>{self.type_of(s)}</td>"
            f"<td>{'yes' if name in required else ''}</td><td>{self.constraints(s)}</td></tr>"
            for name, s in props.items()
        )
        link = f"<p class=t>{self.type_of(schema)}</p>" if "$ref" in schema else ""
        return f"{link}<table><tr><th>field</th><th>type</th><th>required</th><th>notes</th></tr>{rows}</table>"

    def parameters(self, params: list[dict[str, Any]]) -> str:
        rows = "".join(
            f"<tr><td><code>{_e(p['name'])}</code></td><td>{_e(p['in'])}</td>"
            f"<td>{self.type_of(p.get('schema') or p['content']['application/json']['schema'])}"
            f"{' (JSON text)' if 'content' in p else ''}</td><td>{'yes' if p['required'] else ''}</td>"
            f"<td>{self.constraints(p.get('schema', {}))}</td></tr>"
            for p in params
        )
        return f"<table><tr><th>name</th><th>in</th><th>type</th><th>required</th><th>notes</th></tr>{rows}</table>"

    def operation(self, method: str, path: str, op: dict[str, Any]) -> str:
        anchor = f"op-{op['operationId']}"
        signed = bool(op["security"])
        ok = op["responses"]["200"]["content"]
        body = op.get("requestBody", {}).get("content", {}).get("application/json")
        answer = ok.get("application/json")
        parts = [
            f'<article class=op id="{_e(anchor)}" data-search="{_e(_search_text(method, path, op))}">',
            f'<h3><span class="m {method}">{method.upper()}</span> <code>{_e(path)}</code> '
            f'<a class=anchor href="#{_e(anchor)}" title="Link to this endpoint">¶</a></h3>',
            f"<p>{_prose(op['summary'])}</p>",
        ]
        badges = [b for b, on in (("signed", signed), ("unsigned", not signed), ("sandbox only",
                  op.get("x-sandbox-only")), ("provisional path", op.get("x-provisional"))) if on]  # fmt: skip
        parts.append("<p class=badges>" + "".join(f"<span class=badge>{b}</span>" for b in badges) + "</p>")
        if op.get("description"):
            parts.append(f"<p class=note>{_prose(op['description'])}</p>")
        if op["parameters"]:
            parts.append("<h4>Parameters</h4>" + self.parameters(op["parameters"]))
        if body:
            parts.append("<h4>Body</h4>" + self.fields(body["schema"]))
        if answer:
            success = answer["schema"]["anyOf"][0]
            parts.append("<h4>Answer <code>data</code></h4>" + self.fields(success["properties"]["data"]))
        others = [t for t in ok if t != "application/json"]
        if others:
            parts.append("<p class=t>Answers " + ", ".join(f"<code>{_e(t)}</code>" for t in others) + "</p>")
        parts.append(self.examples(op, body, answer))
        parts.append(self.try_it(method, path, op, body))
        parts.append("</article>")
        return "".join(parts)

    def examples(self, op: dict[str, Any], body: dict[str, Any] | None, answer: dict[str, Any] | None) -> str:
        query = {p["name"]: p["example"] for p in op["parameters"] if p["in"] == "query" and "example" in p}
        blocks = []
        if body is not None:
            blocks.append(f"<h5>Request body</h5><pre>{_e(_pretty(body['example']))}</pre>")
        elif query:
            blocks.append(f"<h5>Query parameters</h5><pre>{_e(_pretty(query))}</pre>")
        if answer is not None:
            blocks.append(f"<h5>Answer</h5><pre>{_e(_pretty(answer['example']))}</pre>")
        return f"<details class=examples><summary>Example</summary>{''.join(blocks)}</details>" if blocks else ""

    def try_it(self, method: str, path: str, op: dict[str, Any], body: dict[str, Any] | None) -> str:
        path_inputs = "".join(
            f'<label>{_e(p["name"])} <input name="{_e(p["name"])}" data-path-param '
            f'value="{_e(p.get("example", ""))}"></label>'
            for p in op["parameters"]
            if p["in"] == "path"
        )
        query = {p["name"]: p["example"] for p in op["parameters"] if p["in"] == "query" and "example" in p}
        has_query = any(p["in"] == "query" for p in op["parameters"])
        if body is not None:
            editor = f"<label>JSON body<textarea name=body rows=8>{_e(_pretty(body['example']))}</textarea></label>"
        elif has_query:
            editor = (
                "<label>Query parameters (a JSON object)"
                f"<textarea name=query rows=5>{_e(_pretty(query))}</textarea></label>"
            )
        else:
            editor = ""
        return (
            f'<details class=try><summary>Try it</summary><form class=try-form data-method="{method.upper()}" '
            f'data-path="{_e(path)}" data-signed="{"1" if op["security"] else ""}">{path_inputs}{editor}'
            "<button type=submit>Send</button><pre class=out aria-live=polite></pre></form></details>"
        )

    def schema_section(self) -> str:
        items = "".join(
            f'<div class=schema id="schema-{_e(name)}"><h3>{_e(name)} '
            f'<a class=anchor href="#schema-{_e(name)}">¶</a></h3>'
            + (f"<p class=note>{_prose(s['description'])}</p>" if s.get("description") else "")
            + self.fields(s)
            + "</div>"
            for name, s in sorted(self.schemas.items())
        )
        return f"<section id=schemas><h2>Schemas</h2><p class=note>Every model an operation uses.</p>{items}</section>"

    def page(self) -> str:
        by_tag: dict[str, list[tuple[str, str, dict[str, Any]]]] = {t["name"]: [] for t in self.spec["tags"]}
        for method, path, op in operations(self.spec):
            by_tag[op["tags"][0]].append((method, path, op))
        nav = "".join(
            f'<div class=group><a class=tag href="#tag-{_slug(tag)}">{_e(tag)}</a>'
            + "".join(
                f'<a class=entry href="#op-{_e(op["operationId"])}" '
                f'data-search="{_e(_search_text(m, p, op))}">'
                f'<span class="m {m}">{m.upper()}</span> {_e(p)}</a>'
                for m, p, op in ops
            )
            + "</div>"
            for tag, ops in by_tag.items()
        )
        sections = "".join(
            f'<section class=tag-section id="tag-{_slug(tag)}"><h2>{_e(tag)}</h2>'
            + "".join(self.operation(m, p, op) for m, p, op in ops)
            + "</section>"
            for tag, ops in by_tag.items()
        )
        codes = "".join(
            f"<tr><td>{int(c)}</td><td>{c.http_status}</td><td>{_e(i.msg)}</td><td>{_prose(i.en)}</td></tr>"
            for c, i in CODE_INFO.items()
        )
        info = self.spec["info"]
        return (
            "<!doctype html><html lang=en><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width, initial-scale=1'>"
            f"<title>{_e(info['title'])} — reference</title><style>{_static('reference.css')}</style></head><body>"
            f"<nav id=nav><a class=home href=/>Kuajing</a><input id=search type=search "
            f"placeholder='Search endpoints (press /)' aria-label='Search endpoints'>"
            f"<a class=tag href=#signing>Signing</a><a class=tag href=#codes>Codes</a>{nav}"
            f"<a class=tag href=#schemas>Schemas</a></nav><main>"
            f"<h1>{_e(info['title'])} <small>{_e(info['version'])}</small></h1>"
            + "".join(f"<p>{_prose(para)}</p>" for para in info["description"].split("\n\n"))
            + "<p>Machine-readable: <a href=/openapi.json>/openapi.json</a> (OpenAPI 3.1).</p>"
            + "<section id=signing><h2>Signing and try it</h2><p>Every <em>Try it</em> form below sends a real request "
            "to this server, signed in your browser with the credentials here (kept in this tab only, never sent "
            "anywhere but in the signed headers). <code>kuajing demo --json</code> prints the demo developer's.</p>"
            "<form id=credentials><label>access-key <input name=accessKey autocomplete=off></label>"
            "<label>access secret <input name=accessSecret type=password autocomplete=off></label>"
            "<label>user-id <input name=userId autocomplete=off></label></form></section>"
            f"<section id=codes><h2>Codes</h2><table><tr><th>code</th><th>HTTP</th><th>msg</th><th>meaning</th>"
            f"</tr>{codes}</table></section>"
            f"{sections}{self.schema_section()}<p id=no-match hidden>No endpoint matches.</p></main>"
            f"<script>{_static('reference.js')}</script></body></html>"
        )


def render_reference(spec: dict[str, Any]) -> str:
    """The whole ``/docs`` page: one self-contained HTML document (its CSS and JavaScript inline)."""
    return _Renderer(spec).page()
