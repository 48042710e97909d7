"""Image-search benchmark (run on demand, not a test).

    .venv/bin/python bench/image_search.py                 # 100,000-product gallery (slow: ~10 ms/image)
    .venv/bin/python bench/image_search.py --n 10000 --pad-to 100000

Builds a synthetic catalog with ``kuajing.market.images`` (stored as JPEG q85, embedded through the byte
path), then measures: drawing / embedding throughput, search latency (search only, and decode + embed +
search for an uploaded JPEG), and top-1 quality per edit for held-out queries. ``--pad-to`` adds
synthetic vectors (noisy copies of real ones) so search latency can be measured at a larger scale
without drawing that many images; quality is still measured against the real gallery plus padding.
"""

from __future__ import annotations

import argparse
import io
import time

import numpy as np

from kuajing.market.image_search_quality import EDITS, catalog, draw, edit
from kuajing.market.images import encode_jpeg
from kuajing.search.image import ImageEmbedder, VectorIndex
from kuajing.search.image.embedder import decode_image


def pct(xs: list[float], q: float) -> float:
    return float(np.percentile(np.array(xs) * 1000, q))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000, help="gallery products to draw and embed")
    ap.add_argument("--pad-to", type=int, default=0, help="pad the index with synthetic vectors to this size")
    ap.add_argument("--queries", type=int, default=150, help="held-out products to query (x 7 edits)")
    ap.add_argument("--size", type=int, default=256, help="drawn image size (catalog uses 400)")
    ap.add_argument("--threads", type=int, default=2, help="onnxruntime intra-op threads")
    ap.add_argument("--dtype", default="float32", choices=["float32", "float16"])
    ap.add_argument("--namespace", type=int, default=2)
    args = ap.parse_args()

    emb = ImageEmbedder(intra_op_threads=args.threads)
    t = time.perf_counter()
    emb.warmup()
    print(f"model load + warmup: {time.perf_counter() - t:.2f}s")

    products = catalog(args.n, namespace=args.namespace)
    index: VectorIndex | None = None
    t_draw = t_codec = t_embed = 0.0
    batch = 64
    t_all = time.perf_counter()
    for s in range(0, args.n, batch):
        chunk = products[s : s + batch]
        t0 = time.perf_counter()
        imgs = [draw(p, size=args.size) for p in chunk]
        t1 = time.perf_counter()
        decoded = [decode_image(encode_jpeg(im, quality=85)) for im in imgs]
        t2 = time.perf_counter()
        vecs = emb.embed_images(decoded)
        t3 = time.perf_counter()
        t_draw, t_codec, t_embed = t_draw + t1 - t0, t_codec + t2 - t1, t_embed + t3 - t2
        if index is None:
            index = VectorIndex(vecs.shape[1], dtype=args.dtype, capacity=max(args.n, args.pad_to))
        index.add([p.pid for p in chunk], vecs)
        if (s // batch) % 50 == 0 and s:
            rate = (s + len(chunk)) / (time.perf_counter() - t_all)
            print(f"  {s + len(chunk)}/{args.n} images, {rate:.0f} img/s", flush=True)
    assert index is not None
    total = time.perf_counter() - t_all
    print(
        f"gallery {args.n}: {total:.1f}s total ({args.n / total:.0f} img/s); per image: "
        f"draw {t_draw / args.n * 1000:.2f} ms, jpeg enc+dec {t_codec / args.n * 1000:.2f} ms, "
        f"embed {t_embed / args.n * 1000:.2f} ms"
    )

    if args.pad_to > len(index):
        rng = np.random.default_rng(0)
        real = np.stack([v for v in (index.get(i) for i in range(min(args.n, 5000))) if v is not None])
        pad_n = args.pad_to - len(index)
        t = time.perf_counter()
        for s in range(0, pad_n, 10_000):
            m = min(10_000, pad_n - s)
            base = real[rng.integers(0, len(real), m)]
            v = base + rng.standard_normal(base.shape).astype(np.float32) * 0.08
            v /= np.linalg.norm(v, axis=1, keepdims=True)
            index.add(range(10**9 + s, 10**9 + s + m), v)
        print(f"padded index to {len(index)} with synthetic vectors in {time.perf_counter() - t:.1f}s")
    print(f"index: {len(index)} x {index.dim} {index.dtype}, {index.nbytes / 1e6:.1f} MB")
    t = time.perf_counter()
    blob = index.to_bytes()
    t_ser = time.perf_counter() - t
    t = time.perf_counter()
    VectorIndex.from_bytes(blob)
    print(
        f"to_bytes {t_ser * 1000:.0f} ms, from_bytes {(time.perf_counter() - t) * 1000:.0f} ms, {len(blob) / 1e6:.1f} MB"
    )

    names = list(EDITS)
    step = max(1, args.n // args.queries)
    ok: dict[str, list[bool]] = {e: [] for e in names}
    lat_full: list[float] = []
    lat_search: list[float] = []
    lat_filtered: list[float] = []
    allowed = set(index.ids()[::10])  # e.g. a category / shop filter holding 10 % of the ids
    for qn, pid in enumerate(range(0, args.n, step)[: args.queries]):
        original = draw(products[pid], size=args.size)
        for e in names:
            q = edit(original, e, qn)
            buf = io.BytesIO()
            q.save(buf, format="JPEG", quality=90)
            data = buf.getvalue()
            t0 = time.perf_counter()
            v = emb.embed_bytes(data)
            t1 = time.perf_counter()
            hits = index.search(v, k=20)
            t2 = time.perf_counter()
            lat_full.append(t2 - t0)
            lat_search.append(t2 - t1)
            ok[e].append(hits[0][0] == pid)
            if e == names[0]:
                t3 = time.perf_counter()
                index.search(v, k=20, allowed=allowed)
                lat_filtered.append(time.perf_counter() - t3)
    nq = sum(len(v) for v in ok.values())
    print(f"queries: {nq} ({len(ok[names[0]])} held-out products x {len(names)} edits), uploaded as JPEG q90")
    print(f"  decode+embed+search k=20: p50 {pct(lat_full, 50):.1f} ms, p95 {pct(lat_full, 95):.1f} ms")
    print(f"  search only k=20:         p50 {pct(lat_search, 50):.2f} ms, p95 {pct(lat_search, 95):.2f} ms")
    print(f"  search, 10% id filter:    p50 {pct(lat_filtered, 50):.2f} ms, p95 {pct(lat_filtered, 95):.2f} ms")
    overall = np.mean([x for v in ok.values() for x in v])
    print(f"top-1 quality at {len(index)} vectors: overall {overall:.1%}")
    for e, v in ok.items():
        print(f"  {e:16s} {np.mean(v):.1%}")


if __name__ == "__main__":
    main()
