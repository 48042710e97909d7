"""One Taobao seller and its item with two SKUs, in a fake database: what the order and cart unit tests buy.

Hand-written figures the tests rely on: postage ¥8.00 per purchase order, a paid order ships an hour later; SKU 1
costs ¥25.90 with 5 in stock, SKU 2 ¥30.00 on promotion at ¥25.00 with 1 in stock.
"""

from __future__ import annotations

from dataclasses import dataclass

from kuajing.domain.accounts import wallet
from kuajing.domain.accounts.model import Developer, Status
from kuajing.domain.catalog.model import CatalogPlatform, Product, Seller, Sku
from kuajing.domain.clock import ManualClock
from kuajing.domain.taobao_orders.model import Receiver
from tests.fakes.transaction import FakeDatabase
from tests.fakes.uow import FakeTaobaoUnitOfWork

NOW = 1_767_225_600_000  # 2026-01-01 00:00 UTC
DEV, USER = "dev-1", "user-1"
ITEM_ID, MP_ID = 600_001, 700_001
RECEIVER = Receiver(name="仓库 A", address="浙江省杭州市余杭区文一西路 969 号", mobile_phone="15068763421")


@dataclass(frozen=True, slots=True)
class Shop:
    product_id: int
    sku_pks: tuple[int, int]


def uow(db: FakeDatabase, now_ms: int = NOW) -> FakeTaobaoUnitOfWork:
    return FakeTaobaoUnitOfWork(db, ManualClock(now_ms))


def open_shop(db: FakeDatabase, *, wallet_fen: int = 0) -> Shop:
    """The developer (with ``wallet_fen`` in the wallet), the seller and its item, committed."""
    with uow(db) as u:
        u.accounts.add_developer(Developer(DEV, "Developer one", Status.ACTIVE, NOW))
        if wallet_fen:
            wallet.credit(u, develop_id=DEV, amount_fen=wallet_fen, memo="top-up", entry_key="top-up-1", now_ms=NOW)
        seller = u.catalog.add_seller(
            Seller(0, CatalogPlatform.TAOBAO, "open-1", 9_001, "Shop one", "shop_one",
                   behaviour={"postFeeFen": 800, "shipDelaySeconds": 3_600})
        )  # fmt: skip
        product = u.catalog.add_product(
            Product(
                CatalogPlatform.TAOBAO, ITEM_ID, seller.id, 1, {"zh": "纯棉T恤"}, 2_590, mp_id=MP_ID,
                skus=[Sku(1, 2_590, 5, mp_sku_id=800_001), Sku(2, 3_000, 1, mp_sku_id=800_002, promotion_price_fen=2_500)],
            )
        )  # fmt: skip
        u.commit()
    return Shop(product.id, (product.skus[0].id, product.skus[1].id))


def stock(db: FakeDatabase, sku_pk: int) -> int:
    return next(s.stock for p in db.committed.products.values() for s in p.skus if s.id == sku_pk)


def balance(db: FakeDatabase) -> int:
    return db.committed.balances.get((DEV, "CNY"), 0)
