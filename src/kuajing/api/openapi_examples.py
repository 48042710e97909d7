"""One request and one answer example per operation, built from the operation's own JSON schema.

Examples are derived from the schema rather than written per operation, so they cannot drift from the models:
a field renamed or added in ``protocol/wire`` changes its example with it, and a test validates every example
against its schema and every request example against the model the server validates with. Values come, in order,
from the field's name (the table below: ids, names and amounts in the shapes of the spec's own examples), the
schema's ``const``/``enum``/``default``, and last a placeholder of the right type within the schema's bounds.
A request example carries the required fields and the optional fields the table knows; an answer carries them all.
"""

from __future__ import annotations

import copy
from typing import Any

from kuajing.protocol.codes import SUCCESS_CODE, SUCCESS_MSG

#: nested models deeper than this stop at their required fields (and recursive ones end)
MAX_DEPTH = 8

#: field name → example value, in the shapes of the spec's examples (ids as digit strings: numbers where the
#: schema asks for an integer)
FIELD_EXAMPLES: dict[str, Any] = {
    # Taobao ids (spec §1.7)
    "itemId": "672991141190",
    "mpId": "900000000001",
    "mpSkuId": "910000000001",
    "skuId": "5123456789012",
    "purchaseOrderId": "200002638011",
    "subPurchaseOrderId": "200033789041",
    "purchaseOrderLineId": "200033789041",
    "refundId": "110000235001",
    "distributorId": "1223655000541",
    "shopId": "101",
    "itemMapId": "WUnUC1cILiBjt-Jv3lDdlQ",
    "sellerOrderNumber": "DIST-20240514-0001",
    "outerPurchaseId": "DIST-20240514-0001",
    # 1688 ids
    "orderId": "2542285634920880794",
    "offerId": "706627393257",
    "specId": "e61a85a671bb3d0301d0412b51641c6b",
    "offerMapId": "L0PTnwSnx_dWNZWCtgK7Gg",
    "sellerOpenId": "BBBgGWh2O6JFI6v1aQuZVgRIA",
    "openUid": "BBBgGWh2O6JFI6v1aQuZVgRIA",
    # platform
    "userId": "2100007341207",
    "developId": "1014533973088404335",
    "requestId": "4cfda0b725184ab8a1e3ee3b9051ec35",
    "messageId": "1",
    "parcelId": "1",
    "shipmentId": "1",
    "callbackUrl": "http://127.0.0.1:9000/kuajing/callback",
    "platform": "taobao",
    "externalId": "672991141190",
    # people and places
    "fullName": "张三",
    "name": "张三",
    "supplierNick": "杭州小店",
    "userNick": "杭州小店",
    "estimateCurrency": "CNY",
    "mobile": "15068763421",
    "phone": "0571-88888888",
    "address": "余杭区文一西路 969 号",
    "detailAddress": "余杭区文一西路 969 号",
    "province": "浙江省",
    "city": "杭州市",
    "district": "余杭区",
    "town": "五常街道",
    "country": "CN",
    "countryCode": "CN",
    "postCode": "311121",
    "zip": "311121",
    # goods and money
    "keyword": "连衣裙",
    "language": "en",
    "currency": "CNY",
    "quantity": 1,
    "price": 689,
    "title": "夏季新款连衣裙",
    "pageNo": 1,
    "pageSize": 20,
    "currentPage": 1,
    "beginPage": 1,
    "seconds": 3600,
}


class ExampleBuilder:
    """Examples for schemas that reference the given ``components/schemas``."""

    def __init__(self, defs: dict[str, Any]) -> None:
        self.defs = defs

    def request(self, schema: dict[str, Any]) -> Any:
        return self._build(schema, None, full=False, depth=0)

    def response(self, schema: dict[str, Any]) -> Any:
        return self._build(schema, None, full=True, depth=0)

    def field(self, name: str, schema: dict[str, Any]) -> Any:
        """The example of one named field (a path parameter), or None when the table has none."""
        return _hint(name, schema, self.defs)

    def _build(self, schema: dict[str, Any], name: str | None, *, full: bool, depth: int) -> Any:
        if "$ref" in schema:
            return self._build(self.defs[schema["$ref"].rsplit("/", 1)[1]], name, full=full, depth=depth + 1)
        hinted = _hint(name, schema, self.defs)
        if hinted is not None:
            return hinted
        for key in ("const", "enum", "examples"):
            if key in schema:
                return copy.deepcopy(schema[key] if key == "const" else schema[key][0])
        if schema.get("default") is not None:
            return copy.deepcopy(schema["default"])
        branches = schema.get("anyOf") or schema.get("oneOf") or schema.get("allOf")
        if branches:
            useful = [b for b in branches if b.get("type") != "null"]
            return self._build(useful[0], name, full=full, depth=depth) if useful else None
        kind = _type_of(schema)
        if kind == "object":
            return self._object(schema, full=full, depth=depth)
        if kind == "array":
            count = max(1, schema.get("minItems", 1)) if schema.get("maxItems", 1) > 0 else 0
            return [self._build(schema.get("items", {}), None, full=full, depth=depth + 1) for _ in range(count)]
        return _scalar(kind, schema, name)

    def _object(self, schema: dict[str, Any], *, full: bool, depth: int) -> dict[str, Any]:
        required = set(schema.get("required", []))
        props: dict[str, Any] = schema.get("properties", {})
        keep = [k for k in props if k in required or (depth < MAX_DEPTH and (full or k in FIELD_EXAMPLES))]
        return {k: self._build(props[k], k, full=full, depth=depth + 1) for k in keep}


def _type_of(schema: dict[str, Any]) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind is None and "properties" in schema:
        return "object"
    return kind


def _hint(name: str | None, schema: dict[str, Any], defs: dict[str, Any]) -> Any:
    """The table's value for this field, in the type the schema asks for (None when it does not fit)."""
    if name is None or name not in FIELD_EXAMPLES:
        return None
    value = FIELD_EXAMPLES[name]
    kinds = set()
    for branch in schema.get("anyOf", [schema]):
        while "$ref" in branch:
            branch = defs[branch["$ref"].rsplit("/", 1)[1]]
        kinds.add(_type_of(branch))
    if "enum" in schema or "const" in schema:
        return None
    if isinstance(value, str) and "string" in kinds:
        return value
    if isinstance(value, str) and value.isdecimal() and "integer" in kinds:
        return int(value)
    if isinstance(value, int) and "integer" in kinds:
        return value
    if isinstance(value, int) and "string" in kinds:
        return str(value)
    return None


def _scalar(kind: str | None, schema: dict[str, Any], name: str | None) -> Any:
    if kind == "string":
        text = {"date-time": "2024-05-14T14:59:37Z", "date": "2024-05-14", "uri": "http://127.0.0.1:8080/"}.get(
            schema.get("format", ""), name or "text"
        )
        text = text.ljust(schema.get("minLength", 0), "0")
        return text[: schema["maxLength"]] if "maxLength" in schema else text
    if kind in ("integer", "number"):
        low = schema.get("minimum", schema.get("exclusiveMinimum", 0) + 1 if "exclusiveMinimum" in schema else 1)
        value = min(low, schema.get("maximum", low))
        return int(value) if kind == "integer" else float(value)
    if kind == "boolean":
        return True
    return None


def envelope_example(data: Any) -> dict[str, Any]:
    """A successful answer around ``data``, with the spec's own example envelope values."""
    return {"requestId": FIELD_EXAMPLES["requestId"], "code": SUCCESS_CODE, "developId": FIELD_EXAMPLES["developId"],
            "msg": SUCCESS_MSG, "data": data}  # fmt: skip
