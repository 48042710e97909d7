"""Migration 0016 fills the SKU properties of Taobao sub-orders made before it from the catalog's SKU, with the same
SQL on SQLite and PostgreSQL, so their reverse orders show ``properties`` too."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from kuajing.domain.accounts.model import Credentials
from kuajing.domain.catalog.model import CatalogPlatform
from kuajing.domain.taobao_orders import service
from kuajing.domain.taobao_orders.model import Receiver
from kuajing.domain.taobao_orders.quote import LineRequest
from kuajing.runtime import Runtime
from kuajing.store import migrate
from tests.api import goods_fixtures as gf
from tests.taobao_fixtures import RECEIVER


def _migration() -> ModuleType:
    path = next((migrate.MIGRATIONS_DIR / "versions").glob("0016_*.py"))
    spec = importlib.util.spec_from_file_location("migration_0016", Path(path))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sub_orders_made_before_0016_take_their_skus_properties(runtime: Runtime, demo: Credentials) -> None:
    gf.seed(runtime)
    product = next(p for p in gf.products(runtime, CatalogPlatform.TAOBAO)
                   if p.mp_id and p.skus[0].mp_sku_id and p.skus[0].stock and p.skus[0].properties)  # fmt: skip
    with runtime.uow() as uow:
        order = service.create_orders(
            uow, develop_id=demo.develop_id, user_id=demo.user_id,
            lines=[LineRequest(str(product.mp_id), str(product.skus[0].mp_sku_id), 1)], receiver=Receiver(**RECEIVER),
            outer_purchase_id=None, order_source="", budget_fen=None, now_ms=runtime.clock.now_ms(),
        ).orders[0]  # fmt: skip
        uow.tx.execute("UPDATE taobao_sub_orders SET sku_props = '[]'")  # as a sub-order made before 0016 reads
        uow.commit()
    with runtime.uow() as uow:
        before = uow.taobao_orders.get(demo.develop_id, order.id)
        assert before is not None and before.subs[0].sku_properties == []
        uow.tx.execute(_migration().BACKFILL_SKU_PROPS)
        uow.commit()
    with runtime.uow() as uow:
        after = uow.taobao_orders.get(demo.develop_id, order.id)
    assert after is not None and after.subs[0].sku_properties == product.skus[0].properties
