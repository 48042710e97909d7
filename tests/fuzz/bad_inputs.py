"""Hand-made bad inputs: the values real clients and attackers send that schemas do not suggest, and a plausible
body to put each into, built from the endpoint's own request model so that the other fields pass validation and
the bad value is what the server has to deal with."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

DEEP = 1_000  # under the body's 1024 levels: parsed, then the request model must refuse it
BAD_VALUES: list[tuple[str, Any]] = [
    ("2^63", 2**63),
    ("-2^63-1", -(2**63) - 1),
    ("2^63-1", 2**63 - 1),
    ("2^31", 2**31),
    ("2^62", 2**62),
    ("-1", -1),
    ("zero", 0),
    ("float", 1.5),
    ("huge-float", 1e308),
    ("float-for-int", 3.0),
    ("digits-30", "9" * 30),
    ("digits-5000", "9" * 5_000),
    ("full-width-digits", "０３"),
    ("arabic-indic-digits", "٣"),
    ("superscript", "²"),
    ("empty", ""),
    ("blank", "   "),
    ("nul", "a\x00b"),
    ("lone-surrogate", "\ud800"),
    ("long-string", "長" * 100_000),
    ("nested-list", [[["x"]]]),
    ("deep-list", None),  # built below
    ("array-for-object", [1, 2, 3]),
    ("object", {"a": {"b": [1, {"c": None}]}}),
    ("true", True),
    ("null", None),
    ("json-in-string", '{"a":1}'),
    ("broken-json-in-string", "[{"),
    ("deep-json-in-string", "[" * 10_000 + "]" * 10_000),
    ("nul-in-json-in-string", '{"name":"\\u0000"}'),
    ("surrogate-in-json-in-string", '["\\ud800"]'),
    ("sql", "1' OR '1'='1"),
    ("path-traversal", "../../etc/passwd"),
    ("html", "<script>alert(1)</script>"),
]


#: json.dumps cannot write 1,000 levels (it recurses): the deep list travels as this marker, replaced in the text
DEEP_MARKER = "\x01deep-list\x01"
DEEP_JSON = "[" * DEEP + "]" * DEEP
BAD_VALUES = [(name, DEEP_MARKER if name == "deep-list" else value) for name, value in BAD_VALUES]

# Values a pattern-constrained field can take (country codes, phone numbers, IM link kinds).
_PATTERN_CANDIDATES = ["CN", "15068763421", "item", "1"]


def plausible(schema: dict[str, Any], defs: dict[str, Any]) -> Any:
    """A value the JSON schema accepts, as simple as possible (1, "1", one-element lists, required keys only)."""
    if "$ref" in schema:
        return plausible(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    if "default" in schema:
        return schema["default"]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return plausible(options[0], defs)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    kind = schema.get("type")
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1
    if kind == "boolean":
        return True
    if kind == "array":
        return [plausible(schema.get("items", {}), defs)] if schema.get("minItems", 0) else []
    if kind == "object" or "properties" in schema:
        return {
            k: plausible(v, defs) for k, v in schema.get("properties", {}).items() if k in schema.get("required", [])
        }
    if kind == "string" or not schema:
        pattern = schema.get("pattern")
        if pattern:
            return next((c for c in _PATTERN_CANDIDATES if re.search(pattern, c)), "1")
        return "1" * max(1, schema.get("minLength", 1))
    return "1"


def base_body(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    body = plausible(schema, schema.get("$defs", {}))
    assert isinstance(body, dict)
    return body


def field_names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]
