"""A small deterministic catalog for goods tests (the generator, seed 7)."""

from __future__ import annotations

from kuajing.domain.catalog.model import CatalogPlatform, Product
from kuajing.market.seed import seed_catalog
from kuajing.runtime import Runtime

SEED = 7
N_PRODUCTS = 80


def seed(rt: Runtime, n: int = N_PRODUCTS) -> None:
    seed_catalog(rt.uow, seed=SEED, n_products=n, now_ms=rt.clock.now_ms())


def products(rt: Runtime, platform: CatalogPlatform) -> list[Product]:
    with rt.uow() as uow:
        ids = uow.catalog.product_ids_after(0, 10_000)
        return [p for p in uow.catalog.get_products(ids) if p.platform is platform]
