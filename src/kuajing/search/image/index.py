"""In-memory brute-force vector index with integer ids (cosine / dot-product scores).

Vectors are expected to be L2-normalised, so the dot product is the cosine similarity. Storage is a
preallocated numpy matrix (float32 by default; float16 halves memory, at some search-speed cost because
numpy has no fast float16 matmul: it is converted to float32 chunk by chunk). Removal swaps the last row
into the hole, so the matrix stays dense.

Thread safety: any number of concurrent readers (``search``, ``to_bytes``, ``__len__``...) and one writer
at a time (``add``, ``remove``), via a writer-preferring readers-writer lock. numpy releases the GIL in
the matrix product, so concurrent searches do run in parallel.
"""

from __future__ import annotations

import struct
import threading
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np
import numpy.typing as npt

__all__ = ["VectorIndex"]

_MAGIC = b"KJVI"
_VERSION = 1
_HEADER = struct.Struct("<4sHHIQ")  # magic, version, dtype code, dim, count
_DTYPES: dict[int, type[np.floating]] = {1: np.float32, 2: np.float16}
_CHUNK = 16384


class _RWLock:
    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0
        self._writer = False
        self._waiting_writers = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._waiting_writers:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if self._readers == 0:
                    self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._waiting_writers += 1
            while self._writer or self._readers:
                self._cond.wait()
            self._waiting_writers -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


class VectorIndex:
    """Brute-force top-k index mapping ``int`` ids to ``dim``-dimensional vectors."""

    def __init__(self, dim: int, *, dtype: str | type[np.floating] = "float32", capacity: int = 1024) -> None:
        if dim <= 0:
            raise ValueError("dim must be positive")
        dt = np.dtype(dtype)
        if dt not in (np.dtype(np.float32), np.dtype(np.float16)):
            raise ValueError("dtype must be float32 or float16")
        self.dim = int(dim)
        self.dtype = dt
        self._mat: npt.NDArray[np.floating] = np.zeros((max(16, capacity), self.dim), dtype=dt)
        self._ids: npt.NDArray[np.int64] = np.zeros(max(16, capacity), dtype=np.int64)
        self._row: dict[int, int] = {}
        self._n = 0
        self._lock = _RWLock()

    # -- introspection -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._n

    def __contains__(self, id_: object) -> bool:
        return id_ in self._row

    def ids(self) -> list[int]:
        with self._lock.read():
            return [int(i) for i in self._ids[: self._n]]

    def get(self, id_: int) -> npt.NDArray[np.float32] | None:
        with self._lock.read():
            r = self._row.get(int(id_))
            return None if r is None else self._mat[r].astype(np.float32)

    @property
    def nbytes(self) -> int:
        return int(self._n * self.dim * self.dtype.itemsize + self._n * 8)

    # -- writes --------------------------------------------------------------------------------------

    def _reserve(self, n: int) -> None:
        cap = self._mat.shape[0]
        if n <= cap:
            return
        new_cap = max(n, cap * 2)
        mat = np.zeros((new_cap, self.dim), dtype=self.dtype)
        mat[: self._n] = self._mat[: self._n]
        ids = np.zeros(new_cap, dtype=np.int64)
        ids[: self._n] = self._ids[: self._n]
        self._mat, self._ids = mat, ids

    def add(self, ids: Sequence[int] | npt.NDArray[np.integer], vectors: npt.ArrayLike) -> None:
        """Insert or replace vectors. ``vectors`` is ``[len(ids), dim]`` (or ``[dim]`` for one id)."""
        id_list = [int(i) for i in np.asarray(ids, dtype=np.int64).reshape(-1)]
        vecs = np.asarray(vectors, dtype=np.float32)
        if vecs.ndim == 1:
            vecs = vecs.reshape(1, -1)
        if vecs.shape != (len(id_list), self.dim):
            raise ValueError(f"vectors must have shape ({len(id_list)}, {self.dim}), got {vecs.shape}")
        if not np.isfinite(vecs).all():
            raise ValueError("vectors must be finite")
        if len(set(id_list)) != len(id_list):
            raise ValueError("duplicate ids in one add() call")
        with self._lock.write():
            new = sum(1 for i in id_list if i not in self._row)
            self._reserve(self._n + new)
            for i, v in zip(id_list, vecs, strict=True):
                r = self._row.get(i)
                if r is None:
                    r = self._n
                    self._n += 1
                    self._row[i] = r
                    self._ids[r] = i
                self._mat[r] = v

    def remove(self, ids: Iterable[int]) -> int:
        """Remove ids (unknown ids are ignored); returns how many were removed."""
        removed = 0
        with self._lock.write():
            for raw in ids:
                i = int(raw)
                r = self._row.pop(i, None)
                if r is None:
                    continue
                last = self._n - 1
                if r != last:
                    moved = int(self._ids[last])
                    self._mat[r] = self._mat[last]
                    self._ids[r] = moved
                    self._row[moved] = r
                self._n = last
                removed += 1
        return removed

    def clear(self) -> None:
        with self._lock.write():
            self._row.clear()
            self._n = 0

    # -- search --------------------------------------------------------------------------------------

    def _scores(self, rows: npt.NDArray[np.intp] | None, q: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        if rows is not None:
            return (self._mat[rows].astype(np.float32, copy=False) @ q).astype(np.float32, copy=False)
        if self.dtype == np.float32:
            full: npt.NDArray[np.float32] = (self._mat[: self._n] @ q).astype(np.float32, copy=False)
            return full
        out = np.empty(self._n, dtype=np.float32)
        for s in range(0, self._n, _CHUNK):
            e = min(self._n, s + _CHUNK)
            out[s:e] = self._mat[s:e].astype(np.float32) @ q
        return out

    def search(
        self, vector: npt.ArrayLike, k: int = 10, allowed: Collection[int] | None = None
    ) -> list[tuple[int, float]]:
        """Top-``k`` ``(id, score)`` pairs, best first. ``allowed`` restricts the candidates to those ids."""
        q = np.asarray(vector, dtype=np.float32).reshape(-1)
        if q.shape[0] != self.dim:
            raise ValueError(f"query must have {self.dim} dimensions, got {q.shape[0]}")
        if k <= 0:
            return []
        with self._lock.read():
            if self._n == 0:
                return []
            rows: npt.NDArray[np.intp] | None = None
            if allowed is not None:
                rl = [r for r in (self._row.get(int(i)) for i in allowed) if r is not None]
                if not rl:
                    return []
                rows = np.fromiter(rl, dtype=np.intp, count=len(rl))
                rows.sort()
            scores = self._scores(rows, q)
            cand_ids = self._ids[rows] if rows is not None else self._ids[: self._n]
            m = scores.shape[0]
            top = np.argpartition(-scores, k - 1)[:k] if k < m else np.arange(m)
            # best first; ties broken by id for determinism
            order = np.lexsort((cand_ids[top], -scores[top]))
            top = top[order]
            return [(int(cand_ids[t]), float(scores[t])) for t in top]

    # -- persistence ---------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """Serialise (little-endian): header, ids as int64, then the matrix rows in the index dtype."""
        code = 1 if self.dtype == np.float32 else 2
        with self._lock.read():
            n = self._n
            header = _HEADER.pack(_MAGIC, _VERSION, code, self.dim, n)
            ids = self._ids[:n].astype("<i8").tobytes()
            mat = self._mat[:n].astype(self.dtype.newbyteorder("<")).tobytes()
        return header + ids + mat

    @classmethod
    def from_bytes(cls, data: bytes) -> VectorIndex:
        if len(data) < _HEADER.size:
            raise ValueError("truncated vector index blob")
        magic, version, code, dim, n = _HEADER.unpack_from(data, 0)
        if magic != _MAGIC or version != _VERSION or code not in _DTYPES or dim <= 0:
            raise ValueError("not a kuajing vector index blob (bad magic/version/dtype)")
        dt = np.dtype(_DTYPES[code]).newbyteorder("<")
        expected = _HEADER.size + n * 8 + n * dim * dt.itemsize
        if len(data) != expected:
            raise ValueError(f"vector index blob has {len(data)} bytes, expected {expected}")
        idx = cls(dim, dtype=_DTYPES[code], capacity=max(16, n))
        off = _HEADER.size
        ids = np.frombuffer(data, dtype="<i8", count=n, offset=off)
        mat = np.frombuffer(data, dtype=dt, count=n * dim, offset=off + n * 8).reshape(n, dim)
        if len(np.unique(ids)) != n:
            raise ValueError("vector index blob contains duplicate ids")
        idx._ids[:n] = ids
        idx._mat[:n] = mat
        idx._n = int(n)
        idx._row = {int(i): r for r, i in enumerate(ids.tolist())}
        return idx
