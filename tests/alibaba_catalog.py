"""A small 1688 catalog for order tests: sellers and offers made with the catalog repository."""

from __future__ import annotations

import secrets
from typing import Any

from kuajing.domain.alibaba_orders.model import Address
from kuajing.domain.catalog.model import (
    CatalogPlatform,
    PriceRange,
    Product,
    Seller,
    Sku,
    SkuProperty,
)
from kuajing.protocol.wire.alibaba_order_view import AlibabaOrderView, BaseInfo
from kuajing.runtime import Runtime

ADDRESS = {
    "fullName": "张三", "mobile": "18600888861", "phone": "18600888861", "postCode": "310000",
    "provinceText": "浙江省", "cityText": "杭州市", "areaText": "西湖区", "townText": "转塘", "address": "某路1号",
}  # fmt: skip
#: the same address as the domain receives it (for tests that call the order service directly)
ORDER_ADDRESS = Address(
    full_name="张三",
    mobile="18600888861",
    phone="18600888861",
    post_code="310000",
    province_text="浙江省",
    city_text="杭州市",
    area_text="西湖区",
    town_text="转塘",
    address="某路1号",
)


def add_seller(rt: Runtime, **behaviour: Any) -> Seller:
    seller = Seller(
        id=0, platform=CatalogPlatform.ALIBABA, open_id="BBB" + secrets.token_urlsafe(16)[:22],
        shop_id=secrets.randbelow(10**9), shop_name="义乌小商品店", nick="yiwu_shop", company_name="义乌某公司",
        behaviour=dict(behaviour),
    )  # fmt: skip
    with rt.uow() as uow:
        uow.catalog.add_seller(seller)
        uow.commit()
    return seller


def add_offer(
    rt: Runtime,
    seller: Seller,
    *,
    stock: int = 10,
    price_fen: int = 2900,
    moq: int = 1,
    ranges: list[tuple[int, int]] | None = None,
    specs: int = 2,
) -> Product:
    offer_id = 600_000_000_000 + secrets.randbelow(10**11)
    skus = [
        Sku(
            sku_id=4_000_000_000_000 + secrets.randbelow(10**12),
            price_fen=price_fen,
            stock=stock,
            spec_id=secrets.token_hex(16),
            properties=[SkuProperty(3216, {"zh": "颜色"}, 100 + i, {"zh": ["红色", "蓝色", "绿色"][i % 3]})],
        )
        for i in range(specs)
    ]
    product = Product(
        platform=CatalogPlatform.ALIBABA, external_id=offer_id, seller_id=seller.id, category_id=1,
        titles={"zh": "测试商品", "en": "Test offer"}, price_fen=price_fen, skus=skus, min_order_quantity=moq,
        price_ranges=[PriceRange(q, p) for q, p in ranges or []], images=["https://img.example/1.jpg"],
    )  # fmt: skip
    with rt.uow() as uow:
        uow.catalog.add_product(product)
        uow.commit()
    return product


def stock_of(rt: Runtime, product: Product, index: int = 0) -> int:
    with rt.uow() as uow:
        sku = uow.catalog.get_sku(product.skus[index].id)
        assert sku is not None
        return sku.stock


def wallet(rt: Runtime, develop_id: str) -> tuple[int, int]:
    """(balance, ledger sum): equal whenever money is right."""
    with rt.uow() as uow:
        return uow.wallets.balance_fen(develop_id, "CNY"), uow.wallets.ledger_sum_fen(develop_id, "CNY")


def cargo(product: Product, quantity: int, index: int = 0) -> dict[str, Any]:
    return {"offerId": product.external_id, "specId": product.skus[index].spec_id, "quantity": quantity}


def outbox_types(rt: Runtime, order_id: str) -> list[str]:
    with rt.uow() as uow:
        rows = uow.tx.all(
            "SELECT message_type FROM outbox WHERE aggregate_type = '1688_order' AND aggregate_id = :i ORDER BY sequence",
            {"i": order_id},
        )
    return [r["message_type"] for r in rows]


def info(view: AlibabaOrderView) -> BaseInfo:
    """An order's ``baseInfo``: optional on the wire (a failed seller's element has none), present on every order."""
    assert view.base_info is not None, view
    return view.base_info
