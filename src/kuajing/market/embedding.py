"""Embedding the catalog's main pictures (seed and import time), stored per product for the image index."""

from __future__ import annotations

from collections.abc import Callable

from kuajing.domain.uow import UnitOfWork
from kuajing.market.generator import parse_ref, render_image_ref
from kuajing.search.image.catalog import MODEL_NAME, vector_blob
from kuajing.search.image.embedder import ImageEmbedder

BATCH = 32


def embed_missing(
    uow_factory: Callable[[], UnitOfWork],
    embedder: ImageEmbedder,
    *,
    now_ms: int,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
    batch: int = BATCH,
) -> int:
    """Embed the main picture of every product that has no vector yet (generated pictures only: imported absolute
    URLs are not fetched — the platform works offline). Returns how many products were embedded."""
    done = 0
    after = 0
    while limit is None or done < limit:
        with uow_factory() as uow:
            ids = uow.catalog.products_without_embedding(after, batch)
            if not ids:
                break
            after = ids[-1]
            products = [p for p in uow.catalog.get_products(ids) if p.images and parse_ref(p.images[0])]
        if products:
            vectors = embedder.embed_images([render_image_ref(p.images[0]) for p in products])
            with uow_factory() as uow:
                for p, v in zip(products, vectors, strict=True):
                    uow.catalog.save_embedding(
                        product_id=p.id, model=MODEL_NAME, dim=len(v), vector=vector_blob(v), now_ms=now_ms
                    )
                uow.commit()
            done += len(products)
        if progress is not None:
            progress(len(ids))
    return done
