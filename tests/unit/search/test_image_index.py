from __future__ import annotations

import threading

import numpy as np
import pytest

from kuajing.search.image.index import VectorIndex


def _unit(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    v = rng.standard_normal((n, d)).astype(np.float32)
    unit: np.ndarray = v / np.linalg.norm(v, axis=1, keepdims=True)
    return unit


@pytest.mark.parametrize("dtype", ["float32", "float16"])
def test_add_search_exact(dtype: str) -> None:
    rng = np.random.default_rng(1)
    vecs = _unit(rng, 500, 32)
    idx = VectorIndex(32, dtype=dtype, capacity=16)  # forces growth
    idx.add(list(range(1000, 1500)), vecs)
    assert len(idx) == 500
    for i in (0, 17, 499):
        hits = idx.search(vecs[i], k=5)
        assert hits[0][0] == 1000 + i
        assert hits[0][1] == pytest.approx(1.0, abs=2e-3)
        assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
        # same as brute force
        ref = np.argsort(-(vecs @ vecs[i]))[:5] + 1000
        assert [h for h, _ in hits] == ref.tolist()


def test_k_larger_than_size_and_empty() -> None:
    idx = VectorIndex(4)
    assert idx.search(np.ones(4), k=3) == []
    idx.add([1, 2], np.eye(4, dtype=np.float32)[:2])
    assert [h for h, _ in idx.search(np.array([1, 0, 0, 0]), k=10)] == [1, 2]
    assert idx.search(np.ones(4), k=0) == []


def test_remove_and_replace() -> None:
    rng = np.random.default_rng(2)
    vecs = _unit(rng, 50, 16)
    idx = VectorIndex(16)
    idx.add(range(50), vecs)
    assert idx.remove([3, 10, 49, 999]) == 3
    assert len(idx) == 47 and 3 not in idx and 4 in idx
    assert idx.search(vecs[3], k=1)[0][0] != 3
    assert idx.search(vecs[48], k=1)[0][0] == 48  # moved rows are still found
    # re-adding an existing id replaces its vector
    idx.add([5], vecs[7])
    assert len(idx) == 47
    top = idx.search(vecs[7], k=2)
    assert {top[0][0], top[1][0]} == {5, 7}
    assert sorted(idx.ids()) == sorted(set(range(50)) - {3, 10, 49})


def test_allowed_filter() -> None:
    rng = np.random.default_rng(3)
    vecs = _unit(rng, 200, 16)
    idx = VectorIndex(16)
    idx.add(range(200), vecs)
    allowed = {5, 6, 7, 150, 12345}
    hits = idx.search(vecs[5], k=10, allowed=allowed)
    assert hits[0][0] == 5
    assert {h for h, _ in hits} == {5, 6, 7, 150}
    assert idx.search(vecs[5], k=3, allowed=[]) == []
    assert idx.search(vecs[5], k=3, allowed={999}) == []


@pytest.mark.parametrize("dtype", ["float32", "float16"])
def test_bytes_roundtrip(dtype: str) -> None:
    rng = np.random.default_rng(4)
    vecs = _unit(rng, 100, 24)
    idx = VectorIndex(24, dtype=dtype)
    idx.add(range(100), vecs)
    idx.remove([0, 1])
    blob = idx.to_bytes()
    back = VectorIndex.from_bytes(blob)
    assert back.dim == 24 and back.dtype == idx.dtype and len(back) == 98
    assert back.search(vecs[50], k=5) == idx.search(vecs[50], k=5)
    assert back.to_bytes() == blob
    back.add([1000], vecs[0])  # still writable
    assert back.search(vecs[0], k=1)[0][0] == 1000
    with pytest.raises(ValueError):
        VectorIndex.from_bytes(blob[:-1])
    with pytest.raises(ValueError):
        VectorIndex.from_bytes(b"nope" + blob[4:])


def test_validation() -> None:
    idx = VectorIndex(8)
    with pytest.raises(ValueError):
        idx.add([1, 2], np.zeros((3, 8)))
    with pytest.raises(ValueError):
        idx.add([1, 1], np.zeros((2, 8)))
    with pytest.raises(ValueError):
        idx.add([1], np.full(8, np.nan))
    with pytest.raises(ValueError):
        idx.search(np.zeros(7), k=1)
    with pytest.raises(ValueError):
        VectorIndex(8, dtype="int8")


def test_concurrent_readers_and_writer() -> None:
    rng = np.random.default_rng(5)
    vecs = _unit(rng, 2000, 32)
    idx = VectorIndex(32)
    idx.add(range(1000), vecs[:1000])
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader(seed: int) -> None:
        local = np.random.default_rng(seed)
        try:
            while not stop.is_set():
                i = int(local.integers(0, 500))
                hits = idx.search(vecs[i], k=3)
                assert hits[0][0] == i  # ids 0..499 are never touched by the writer
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=reader, args=(s,)) for s in range(4)]
    for t in threads:
        t.start()
    for j in range(1000, 2000, 50):
        idx.add(range(j, j + 50), vecs[j : j + 50])
        idx.remove(range(j - 500, j - 450))
    stop.set()
    for t in threads:
        t.join()
    assert not errors
    assert len(idx) == 1000


def test_large_allowed_filter_matches_brute_force() -> None:
    rng = np.random.default_rng(6)
    vecs = _unit(rng, 6000, 16)
    idx = VectorIndex(16)
    idx.add(range(6000), vecs)
    allowed = set(range(1, 6000, 2)) | {10**9}  # 3,000 ids: the vectorised membership path
    hits = idx.search(vecs[0], k=10, allowed=allowed)
    cand = np.arange(1, 6000, 2)
    ref = cand[np.argsort(-(vecs[cand] @ vecs[0]))[:10]]
    assert [h for h, _ in hits] == ref.tolist()
    assert idx.search(vecs[0], k=5, allowed=set(range(10**9, 10**9 + 3000))) == []
