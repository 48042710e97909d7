"""Wire models: snake_case attributes, PandaPon's names as aliases — in every direction JSON travels."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from pydantic import BaseModel, ValidationError

import kuajing.protocol.wire
from kuajing.client.webhooks import CallbackMessage
from kuajing.market.catalog_io import CategoryLine, ProductLine, SkuLine
from kuajing.protocol.envelope import Envelope
from kuajing.protocol.wire.alibaba_goods import AlibabaCategoryInfo
from kuajing.protocol.wire.alibaba_order_actions import OrderIdQuery
from kuajing.protocol.wire.alibaba_order_view import BaseInfo, ProductItem
from kuajing.protocol.wire.alibaba_orders import OrderPreviewResult
from kuajing.protocol.wire.basis import AddressAdd
from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.taobao_orders import TaobaoLogisticsTrace, TaobaoReceiverInfo
from kuajing.protocol.wire.warehouse import ParcelForecast

#: (model, attribute, the name on the wire), written from the spec and the recorded answers
WIRE_NAMES = [
    # names to_camel does not give: acronyms, the spec's misspellings, a name the spec spells in snake_case
    (BaseInfo, "buyer_id", "buyerID"),
    (BaseInfo, "seller_id", "sellerID"),
    (ProductItem, "product_id", "productID"),
    (ProductItem, "sku_id", "skuID"),
    (ProductItem, "sub_item_id", "subItemID"),
    (ProductItem, "sub_item_id_string", "subItemIDString"),
    (OrderPreviewResult, "order_preview_result", "orderPreviewResuslt"),
    (AlibabaCategoryInfo, "child_categories", "childCategorys"),
    (TaobaoLogisticsTrace, "standard_desc", "standerdDesc"),
    (TaobaoReceiverInfo, "mobile_phone", "mobile_phone"),
    # the rest are to_camel of the attribute
    (OrderIdQuery, "order_id", "orderId"),
    (OrderIdQuery, "web_site", "webSite"),
    (ProductItem, "spec_id", "specId"),
    (AddressAdd, "full_name", "fullName"),
    (AddressAdd, "is_default", "isDefault"),
    (AddressAdd, "mobile", "mobile"),
    (ParcelForecast, "carrier_code", "carrierCode"),
    (Envelope, "request_id", "requestId"),
    (Envelope, "develop_id", "developId"),
    (CallbackMessage, "message_platform", "messagePlatform"),
    (CategoryLine, "parent_id", "parentId"),
    (ProductLine, "repurchase_rate_bp", "repurchaseRateBp"),
    (SkuLine, "mp_sku_id", "mpSkuId"),
]


def _wire_models() -> list[type[BaseModel]]:
    for module in pkgutil.iter_modules(kuajing.protocol.wire.__path__, "kuajing.protocol.wire."):
        importlib.import_module(module.name)
    found: list[type[BaseModel]] = []
    stack: list[type[BaseModel]] = [WireModel]
    while stack:
        model = stack.pop()
        found.append(model)
        stack.extend(model.__subclasses__())
    return found


@pytest.mark.parametrize(("model", "attribute", "wire"), WIRE_NAMES)
def test_each_attribute_has_its_wire_name_as_alias(model: type[BaseModel], attribute: str, wire: str) -> None:
    field = model.model_fields[attribute]
    assert (field.alias, field.validation_alias, field.serialization_alias) == (wire, wire, wire)


def test_every_wire_attribute_is_snake_case() -> None:
    models = _wire_models()
    assert len(models) > 200
    names = {name for model in models for name in model.model_fields}
    assert [name for name in names if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", name)] == []


def test_json_reads_and_writes_wire_names_and_code_uses_attributes() -> None:
    query = OrderIdQuery(order_id="3501")
    assert query.model_dump() == {"orderId": "3501", "webSite": "1688"}
    assert query.model_dump_json() == '{"orderId":"3501","webSite":"1688"}'
    assert OrderIdQuery.model_validate({"orderId": 3501}).order_id == "3501"
    assert OrderIdQuery.model_validate({"order_id": "3501"}).order_id == "3501"  # code may pass attribute names


def test_read_by_alias_only_an_attribute_name_is_an_unknown_field() -> None:
    """What the edge does with a request (api/endpoint.py): ``order_id`` is not PandaPon's ``orderId``."""
    with pytest.raises(ValidationError) as refused:
        OrderIdQuery.model_validate({"order_id": "3501"}, by_name=False, extra="forbid")
    assert {(e["type"], e["loc"]) for e in refused.value.errors()} == {
        ("missing", ("orderId",)),
        ("extra_forbidden", ("order_id",)),
    }


def test_json_schema_names_and_titles_come_from_the_wire() -> None:
    schema = OrderIdQuery.model_json_schema(by_alias=True)
    assert list(schema["properties"]) == ["orderId", "webSite"]
    assert schema["properties"]["orderId"]["title"] == "Orderid"
    assert schema["required"] == ["orderId"]
