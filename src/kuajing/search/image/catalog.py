"""The catalog's image index: one in-memory :class:`VectorIndex` per platform, fed from the database.

Vectors live in ``product_embeddings`` (one blob per product). :meth:`CatalogImageIndex.refresh` reads the rows added
since the last refresh (ids only grow; a re-embedded product gets a new row), so a server picks up products imported
by another process without a rebuild. Embedding and refreshing are blocking: call them from a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from kuajing.search.image.embedder import DIM, ImageEmbedder
from kuajing.search.image.index import VectorIndex

MODEL_NAME = "efficientnet-lite0-pca256"
REFRESH_BATCH = 20_000

Loader = Callable[[int, int], list[dict[str, Any]]]  # (after_id, limit) → rows {id, product_id, platform, vector}


def vector_blob(vector: np.ndarray[Any, Any]) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


class CatalogImageIndex:
    def __init__(self, embedder: ImageEmbedder | None = None) -> None:
        self.embedder = embedder or ImageEmbedder(intra_op_threads=2)
        self._indexes: dict[str, VectorIndex] = {}
        self._last_id = 0
        self._lock = threading.Lock()

    def refresh(self, load: Loader) -> int:
        """Load embeddings added since the last call; returns how many were added."""
        added = 0
        with self._lock:
            while True:
                rows = load(self._last_id, REFRESH_BATCH)
                if not rows:
                    return added
                by_platform: dict[str, tuple[list[int], list[np.ndarray[Any, Any]]]] = {}
                for r in rows:
                    ids, vecs = by_platform.setdefault(str(r["platform"]), ([], []))
                    ids.append(int(r["product_id"]))
                    vecs.append(np.frombuffer(bytes(r["vector"]), dtype="<f4"))
                for platform, (ids, vecs) in by_platform.items():
                    index = self._indexes.setdefault(platform, VectorIndex(DIM, capacity=max(1024, len(ids))))
                    index.remove(i for i in ids if i in index)
                    index.add(ids, np.vstack(vecs))
                added += len(rows)
                self._last_id = int(rows[-1]["id"])

    def search(self, platform: str, vector: np.ndarray[Any, Any], k: int) -> list[tuple[int, float]]:
        index = self._indexes.get(platform)
        return index.search(vector, k) if index is not None else []

    def __len__(self) -> int:
        return sum(len(i) for i in self._indexes.values())
