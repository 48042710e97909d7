"""Fit the PCA that reduces EfficientNet-Lite0 features (1280-d) to ``DIM`` for ``kuajing.search.image``.

Called by ``tools/export_image_model.py`` (which bakes the result into the shipped ONNX graph). Fitting
images are drawn by ``kuajing.market.images`` from a catalog *namespace* disjoint from the ones the
tests and the bench use (``namespace=7``), with all four views of each product plus edited copies,
so the principal directions describe product-photo variation rather than any test image.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FIT_NAMESPACE = 7


def raw_features(raw_model: Path, images: list, threads: int = 2) -> np.ndarray:  # type: ignore[type-arg]
    import onnxruntime as ort

    from kuajing.search.image.embedder import to_pixels

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    sess = ort.InferenceSession(str(raw_model), sess_options=opts, providers=["CPUExecutionProvider"])
    out = []
    for i in range(0, len(images), 32):
        out.append(sess.run(None, {"pixels": to_pixels(images[i : i + 32])})[0])
    return np.concatenate(out).astype(np.float64)


def fit_images(n_products: int) -> list:  # type: ignore[type-arg]
    from kuajing.search.image.quality import EDITS, catalog, draw, edit

    names = list(EDITS)
    imgs = []
    for p in catalog(n_products, namespace=FIT_NAMESPACE):
        imgs.append(draw(p, variant=p.pid % 4, size=256))
        imgs.append(edit(draw(p, variant=0, size=256), names[p.pid % len(names)], p.pid))
    return imgs


def fit_pca(raw_model: Path, *, dim: int, n_products: int) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(mean[1280], W[1280, dim])``; features are L2-normalised before fitting."""
    feats = raw_features(raw_model, fit_images(n_products))
    feats /= np.linalg.norm(feats, axis=1, keepdims=True)
    mean = feats.mean(axis=0)
    _, s, vt = np.linalg.svd(feats - mean, full_matrices=False)
    explained = (s[:dim] ** 2).sum() / (s**2).sum()
    print(f"PCA on {len(feats)} images: {dim} components explain {explained:.1%} of the variance")
    return mean.astype(np.float32), vt[:dim].T.astype(np.float32)
