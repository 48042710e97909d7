"""A tiny Taobao catalog for order tests: one seller, one item with two SKUs (mpId/mpSkuId set)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kuajing.domain.catalog.model import CatalogPlatform, Product, Seller, Sku
from kuajing.runtime import Runtime

RECEIVER = {"zip": "311100", "country": "中国", "state": "浙江省", "city": "杭州市", "district": "余杭区",
            "address": "仓前街道 文一西路 1 号 集运仓", "name": "集运仓", "phone": "", "mobile_phone": "15068763421"}  # fmt: skip


@dataclass
class TbItem:
    product_pk: int
    item_id: int
    mp_id: int
    sku_pks: list[int]
    sku_ids: list[int]
    mp_sku_ids: list[int]
    prices: list[int]
    seller_id: int
    shop_id: int


def add_taobao_item(
    rt: Runtime, *, n: int = 1, stock: int = 10, price: int = 1000, behaviour: dict[str, Any] | None = None
) -> TbItem:
    with rt.uow() as uow:
        seller = uow.catalog.add_seller(
            Seller(
                0,
                CatalogPlatform.TAOBAO,
                f"tbseller{n}",
                26876346 + n,
                f"测试店铺{n}",
                f"测试账号tbc00{n}",
                behaviour=behaviour or {},
            )
        )
        skus = [
            Sku(
                sku_id=5_000_000_000 + n * 10 + i,
                price_fen=price + i * 100,
                stock=stock,
                mp_sku_id=4_951_323_000_000 + n * 10 + i,
            )
            for i in range(2)
        ]
        product = uow.catalog.add_product(
            Product(
                CatalogPlatform.TAOBAO,
                672_991_141_000 + n,
                seller.id,
                1,
                {"zh": f"连衣裙{n}", "en": f"Dress {n}"},
                price,
                skus=skus,
                mp_id=2_048_057_995_000 + n,
            )
        )
        uow.commit()
    return TbItem(product.id, product.external_id, product.mp_id or 0, [s.id for s in skus], [s.sku_id for s in skus],
                  [s.mp_sku_id or 0 for s in skus], [s.price_fen for s in skus], seller.id, seller.shop_id)  # fmt: skip


def sku_stock(rt: Runtime, sku_pk: int) -> int:
    with rt.uow() as uow:
        sku = uow.catalog.get_sku(sku_pk)
        assert sku is not None
        return sku.stock


def balance_and_ledger(rt: Runtime, develop_id: str) -> tuple[int, int]:
    with rt.uow() as uow:
        return uow.wallets.balance_fen(develop_id, "CNY"), uow.wallets.ledger_sum_fen(develop_id, "CNY")
