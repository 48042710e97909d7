"""Seeding the embedded marketplace's catalog from the deterministic generator (idempotent)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kuajing.domain.catalog.model import CatalogPlatform
from kuajing.domain.uow import UnitOfWork
from kuajing.market import generator

CHUNK = 1000


@dataclass(frozen=True, slots=True)
class SeedResult:
    added: int
    skipped: int


def ensure_categories(uow: UnitOfWork) -> int:
    """Add the category tree where missing; returns how many were added."""
    known = {c.id for c in uow.catalog.list_categories()}
    added = 0
    for cat in generator.build_categories():
        if cat.id not in known:
            uow.catalog.add_category(cat)
            added += 1
    return added


def ensure_sellers(uow: UnitOfWork, *, seed: int, n_products: int) -> dict[tuple[CatalogPlatform, int], int]:
    """The generated sellers (added where missing) → their internal ids."""
    ids: dict[tuple[CatalogPlatform, int], int] = {}
    existing = {s.open_id: s.id for s in uow.catalog.list_sellers()}
    for platform in CatalogPlatform:
        for index in range(generator.seller_count(n_products)):
            seller = generator.make_seller(platform, seed, index)
            found = existing.get(seller.open_id)
            ids[(platform, index)] = found if found is not None else uow.catalog.add_seller(seller).id
    return ids


def seed_catalog(
    uow_factory: Callable[[], UnitOfWork],
    *,
    seed: int,
    n_products: int,
    now_ms: int,
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
) -> SeedResult:
    """Add generated products ``0 … n_products-1`` of ``seed`` that are not there yet, one transaction per chunk."""
    with uow_factory() as uow:
        ensure_categories(uow)
        sellers = ensure_sellers(uow, seed=seed, n_products=n_products)
        uow.commit()
    added = skipped = 0
    for start in range(0, n_products, chunk):
        plans = list(generator.iter_plans(seed, min(n_products, start + chunk), start))
        with uow_factory() as uow:
            present: set[tuple[CatalogPlatform, int]] = set()
            for platform in CatalogPlatform:
                wanted = [p.external_id for p in plans if p.platform is platform]
                present |= {(platform, e) for e in uow.catalog.existing_external_ids(platform, wanted)}
            for p in plans:
                if (p.platform, p.external_id) in present:
                    skipped += 1
                    continue
                product = generator.make_product(
                    seed, p.index, seller_id=sellers[(p.platform, p.seller_index)], now_ms=now_ms, planned=p
                )
                uow.catalog.add_product(product)
                added += 1
            uow.commit()
        if progress is not None:
            progress(len(plans))
    return SeedResult(added, skipped)
