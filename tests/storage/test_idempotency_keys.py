"""The idempotency-key repository on SQLite and PostgreSQL: a claim, its answer, expiry, pruning in batches, and a
concurrent claim of the same key waiting for the first transaction to end."""

from __future__ import annotations

import threading
import time

from kuajing.domain.idempotency import StoredAnswer
from kuajing.runtime import Runtime

DEV = "1000000000000000001"


def _claim(runtime: Runtime, key: str, fingerprint: str, *, now_ms: int, ttl_ms: int = 1_000) -> StoredAnswer | None:
    with runtime.uow() as uow:
        stored = uow.idempotency.claim(
            develop_id=DEV, key=key, fingerprint=fingerprint, now_ms=now_ms, expires_at_ms=now_ms + ttl_ms
        )
        if stored is None:
            uow.idempotency.store_answer(develop_id=DEV, key=key, status=201, headers={"x-a": "1"}, body=b"\x00first")
            uow.commit()
        return stored


def test_a_claimed_key_answers_what_was_stored_until_it_expires(runtime: Runtime) -> None:
    assert _claim(runtime, "k", "f1", now_ms=10_000) is None
    assert _claim(runtime, "k", "f2", now_ms=10_999) == StoredAnswer("f1", 201, {"x-a": "1"}, b"\x00first")
    with runtime.uow() as uow:  # another developer's "k" is another key
        assert uow.idempotency.claim(develop_id="2", key="k", fingerprint="f", now_ms=10_999, expires_at_ms=1) is None
    assert _claim(runtime, "k", "f3", now_ms=11_000) is None  # expired: taken over
    assert _claim(runtime, "k", "f4", now_ms=11_001) is not None


def test_an_uncommitted_claim_leaves_nothing(runtime: Runtime) -> None:
    with runtime.uow() as uow:
        assert uow.idempotency.claim(develop_id=DEV, key="k", fingerprint="f", now_ms=0, expires_at_ms=9) is None
    assert _claim(runtime, "k", "g", now_ms=1) is None


def test_pruning_forgets_expired_keys_in_batches_oldest_first(runtime: Runtime) -> None:
    for i, key in enumerate(["a", "b", "c", "live"]):
        _claim(runtime, key, "f", now_ms=i, ttl_ms=100 if key != "live" else 10_000)

    def prune(limit: int) -> int:
        with runtime.uow() as uow:
            pruned = uow.idempotency.prune(now_ms=102, limit=limit)
            uow.commit()
            return pruned

    def keys() -> list[str]:
        with runtime.db.snapshot() as tx:
            return [r["idem_key"] for r in tx.all("SELECT idem_key FROM idempotency_keys ORDER BY idem_key")]

    assert prune(2) == 2 and keys() == ["c", "live"]  # the two that expired first
    assert [prune(2), prune(2)] == [1, 0] and keys() == ["live"]


def test_a_concurrent_claim_waits_for_the_first_transaction_and_then_sees_its_answer(runtime: Runtime) -> None:
    claimed, release = threading.Event(), threading.Event()
    seen: list[tuple[float, StoredAnswer | None]] = []
    committed_at: list[float] = []

    def first() -> None:
        with runtime.uow() as uow:
            uow.idempotency.claim(develop_id=DEV, key="k", fingerprint="f", now_ms=0, expires_at_ms=9_999)
            claimed.set()
            release.wait(30)
            uow.idempotency.store_answer(develop_id=DEV, key="k", status=200, headers={}, body=b"one")
            committed_at.append(time.monotonic())
            uow.commit()

    def second() -> None:
        claimed.wait(30)
        with runtime.uow() as uow:
            stored = uow.idempotency.claim(develop_id=DEV, key="k", fingerprint="f", now_ms=1, expires_at_ms=9_999)
            seen.append((time.monotonic(), stored))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    claimed.wait(30)
    time.sleep(0.5)  # the second claim is waiting by now
    assert seen == []
    release.set()
    for t in threads:
        t.join(60)
    assert seen[0][1] == StoredAnswer("f", 200, {}, b"one")
    assert seen[0][0] >= committed_at[0]


def test_a_concurrent_claim_takes_the_key_when_the_first_transaction_rolls_back(runtime: Runtime) -> None:
    claimed, release = threading.Event(), threading.Event()
    seen: list[StoredAnswer | None] = []

    def first() -> None:
        with runtime.uow() as uow:
            uow.idempotency.claim(develop_id=DEV, key="k", fingerprint="f", now_ms=0, expires_at_ms=9_999)
            claimed.set()
            release.wait(30)  # then leaves without committing: the work failed

    def second() -> None:
        claimed.wait(30)
        with runtime.uow() as uow:
            seen.append(uow.idempotency.claim(develop_id=DEV, key="k", fingerprint="g", now_ms=1, expires_at_ms=9_999))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    claimed.wait(30)
    time.sleep(0.5)
    release.set()
    for t in threads:
        t.join(60)
    assert seen == [None]
