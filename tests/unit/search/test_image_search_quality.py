"""Held-out retrieval quality: find the catalog product from an edited copy of its photo.

The gallery is a synthetic catalog of 2,000 products drawn by ``kuajing.market.images`` (many share a
category/shape and an exact palette colour, so only the seeded pattern tells them apart), stored as JPEG
q85 like a real catalog and embedded through the byte-decoding path. Queries are edited copies of
held-out products (the PCA in the shipped model was fitted on a disjoint catalog namespace).
A bigger version lives in ``bench/image_search.py``.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from kuajing.market.image_search_quality import EDITS, catalog, draw, edit
from kuajing.market.images import encode_jpeg
from kuajing.search.image import ImageEmbedder, VectorIndex
from kuajing.search.image.embedder import decode_image

GALLERY = 2000
QUERY_PRODUCTS = 60  # x 7 edits = 420 queries
SIZE = 256
NAMESPACE = 1  # the model's PCA was fitted on namespace 7


@pytest.mark.slow
def test_edited_photo_finds_its_product(capsys: pytest.CaptureFixture[str]) -> None:
    emb = ImageEmbedder(intra_op_threads=2)
    products = catalog(GALLERY, namespace=NAMESPACE)
    t0 = time.perf_counter()
    images = [draw(p, size=SIZE) for p in products]
    t1 = time.perf_counter()
    index = VectorIndex(emb.embed_images(images[:1]).shape[1])
    batch = 64
    for s in range(0, GALLERY, batch):
        chunk = range(s, min(GALLERY, s + batch))
        decoded = [decode_image(encode_jpeg(images[i], quality=85)) for i in chunk]
        index.add(list(chunk), emb.embed_images(decoded))
    t2 = time.perf_counter()

    # held-out queries: products spread over the whole catalog
    step = GALLERY // QUERY_PRODUCTS
    names = list(EDITS)
    queries, truth, kinds = [], [], []
    for qn, pid in enumerate(range(0, GALLERY, step)):
        for e in names:
            queries.append(edit(images[pid], e, qn))
            truth.append(pid)
            kinds.append(e)
    qv = emb.embed_images(queries)
    t3 = time.perf_counter()
    top1 = np.array([index.search(v, k=1)[0][0] for v in qv])
    ok = top1 == np.array(truth)
    kinds_arr = np.array(kinds)
    per_edit = {e: float(ok[kinds_arr == e].mean()) for e in names}
    overall = float(ok.mean())
    with capsys.disabled():
        print(
            f"\n[image-search quality] gallery={GALLERY} queries={len(queries)} "
            f"draw={t1 - t0:.1f}s embed-gallery={t2 - t1:.1f}s queries={t3 - t2:.1f}s"
        )
        print(f"[image-search quality] overall top-1 = {overall:.1%}")
        for e, r in per_edit.items():
            print(f"[image-search quality]   {e:16s} {r:.1%}")
    assert overall >= 0.95, per_edit
    assert min(per_edit.values()) >= 0.85, per_edit
