"""Replay protection in storage: SQLite's append-only nonce log (store/nonce_memory.py) and PostgreSQL's unique
indexes refuse the same claims — within one batch, across processes, and never remember a rolled-back claim."""

from __future__ import annotations

import shutil
from pathlib import Path

from kuajing.domain.platform_ports import NonceClaim
from kuajing.runtime import Runtime
from tests.conftest import make_settings

NOW = 1_764_000_000_000
LATER = NOW + 600_000


def _claim(rt: Runtime, *claims: NonceClaim, commit: bool = True) -> list[bool]:
    with rt.uow() as uow:
        got = uow.platform.claim_nonces(claims, now_ms=NOW)
        if commit:
            uow.commit()
    return got


def test_a_batch_refuses_used_nonces_twins_and_its_own_repeats(runtime: Runtime) -> None:
    first = NonceClaim("k1", "abc", "1764000000123abc", LATER)
    assert _claim(runtime, first) == [True]
    assert _claim(
        runtime,
        NonceClaim("k1", "abc", "1764000000999abc", LATER),  # same nonce, other timestamp
        NonceClaim("k1", "123abc", "1764000000123abc", LATER),  # the signed material split differently
        NonceClaim("k2", "abc", "1764000000123abc", LATER),  # another key may use the same nonce
        NonceClaim("k1", "fresh", "1764000000123fresh", LATER),
        NonceClaim("k1", "fresh", "1764000000124fresh", LATER),  # repeated inside the batch
    ) == [False, False, True, True, False]


def test_claims_are_seen_by_another_process_and_rolled_back_ones_are_forgotten(
    runtime: Runtime, db_url: str, tmp_path: Path
) -> None:
    other = Runtime.build(make_settings(db_url, tmp_path / "other"))  # its own connections and nonce memory
    try:
        assert _claim(runtime, NonceClaim("k", "n1", "1n1", LATER)) == [True]
        assert _claim(other, NonceClaim("k", "n1", "1n1", LATER)) == [False]
        assert _claim(other, NonceClaim("k", "n2", "1n2", LATER)) == [True]
        assert _claim(runtime, NonceClaim("k", "n2", "2n2", LATER)) == [False]
        assert _claim(runtime, NonceClaim("k", "n3", "1n3", LATER), commit=False) == [True]  # rolled back
        assert _claim(other, NonceClaim("k", "n3", "1n3", LATER)) == [True]
        assert _claim(runtime, NonceClaim("k", "n3", "1n3", LATER)) == [False]
    finally:
        other.close()


def test_a_rolled_back_claim_is_not_remembered_by_its_own_process(runtime: Runtime) -> None:
    assert _claim(runtime, NonceClaim("k", "n", "1n", LATER), commit=False) == [True]
    assert _claim(runtime, NonceClaim("k", "n", "1n", LATER)) == [True]
    assert _claim(runtime, NonceClaim("k", "n", "1n", LATER)) == [False]


def test_own_claims_are_remembered_without_reading_them_back(sqlite_template: Path, tmp_path: Path) -> None:
    """SQLite only (PostgreSQL has unique indexes, no log): after a commit the memory stands at the log's end, so the
    next catch-up reads only other processes' rows — and still every one of them."""
    url = f"sqlite:///{tmp_path / 'kuajing.db'}"
    shutil.copy(sqlite_template, tmp_path / "kuajing.db")
    one, other = (
        Runtime.build(make_settings(url, tmp_path / "one")),
        Runtime.build(make_settings(url, tmp_path / "two")),
    )
    try:
        assert _claim(one, NonceClaim("k", "a", "1a", LATER), NonceClaim("k", "b", "1b", LATER)) == [True, True]
        with one.db.snapshot() as tx:
            end = tx.scalar("SELECT max(seq) FROM nonce_log")
        assert one.memory.nonces._last_seq == end
        assert _claim(other, NonceClaim("k", "c", "1c", LATER)) == [True]
        assert _claim(one, NonceClaim("k", "b", "2b", LATER), NonceClaim("k", "c", "2c", LATER)) == [False, False]
    finally:
        one.close()
        other.close()


def test_a_new_process_starts_from_the_log(runtime: Runtime, db_url: str, tmp_path: Path) -> None:
    assert _claim(runtime, NonceClaim("k", "old", "1old", LATER)) == [True]
    fresh = Runtime.build(make_settings(db_url, tmp_path / "fresh"))
    try:
        assert _claim(fresh, NonceClaim("k", "old", "2old", LATER)) == [False]
    finally:
        fresh.close()


def _prune(rt: Runtime, limit: int = 1_000) -> int:
    with rt.uow() as uow:
        pruned = uow.platform.prune_nonces(now_ms=NOW, limit=limit)
        uow.commit()
    return pruned


def test_pruning_removes_only_expired_claims(runtime: Runtime) -> None:
    assert _claim(runtime, NonceClaim("k", "a", "1a", NOW - 1), NonceClaim("k", "b", "1b", LATER)) == [True, True]
    assert _prune(runtime) == 1
    assert _prune(runtime) == 0
    assert _claim(runtime, NonceClaim("k", "b", "2b", LATER)) == [False]


def test_a_pruning_pass_goes_in_batches_until_none_is_expired(runtime: Runtime) -> None:
    """Each call is one short transaction of at most ``limit`` expired rows; claims signed ahead of the server's clock
    (expiring later) among the oldest rows stay; a call that finds nothing expired ends the pass."""
    ahead = [NonceClaim("k", f"ahead{i}", f"1ahead{i}", LATER) for i in range(3)]
    expired = [NonceClaim("k", f"old{i}", f"1old{i}", NOW - 1) for i in range(25)]
    live = [NonceClaim("k", f"new{i}", f"1new{i}", LATER) for i in range(12)]
    assert _claim(runtime, *ahead, *expired, *live) == [True] * 40
    passes = []
    while pruned := _prune(runtime, limit=10):
        passes.append(pruned)
    assert passes == [10, 10, 5]
    fresh = _fresh_runtime(runtime)
    try:  # a process reading the log now finds only the claims still live
        assert _claim(fresh, *ahead, *expired, *live) == [False] * 3 + [True] * 25 + [False] * 12
    finally:
        fresh.close()


def test_after_pruning_empties_the_log_another_process_still_sees_the_next_claims(runtime: Runtime) -> None:
    """SQLite: other processes read the log on from the last number they saw; if numbering started over once pruning
    emptied it (the log without AUTOINCREMENT), they would never read the next claims."""
    assert _claim(runtime, NonceClaim("k", "a", "1a", NOW - 1), NonceClaim("k", "b", "1b", NOW - 1)) == [True, True]
    watcher = _fresh_runtime(runtime)
    try:
        assert _claim(watcher, NonceClaim("k", "w", "1w", NOW - 1)) == [True]  # it has read the log to its end
        assert _prune(runtime) == 3
        assert _claim(runtime, NonceClaim("k", "c", "1c", LATER)) == [True]
        assert _claim(watcher, NonceClaim("k", "c", "2c", LATER)) == [False]
    finally:
        watcher.close()


def test_batches_of_any_size_reach_the_log_in_order(runtime: Runtime, db_url: str, tmp_path: Path) -> None:
    """SQLite writes a batch as multi-row statements of 64, 32 … 1 rows: sizes across those shapes append every
    claim once, in order, and another process refuses each of them."""
    sizes = (1, 3, 14, 64, 65, 130)
    batches = [[NonceClaim("k", f"{size}-{i}", f"1{size}-{i}", LATER) for i in range(size)] for size in sizes]
    for batch in batches:
        assert _claim(runtime, *batch) == [True] * len(batch)
    if runtime.db.dialect == "sqlite":
        with runtime.db.snapshot() as tx:
            logged = [r["nonce"] for r in tx.all("SELECT nonce FROM nonce_log ORDER BY seq")]
        assert logged == [c.nonce for batch in batches for c in batch]
        assert runtime.memory.nonces._last_seq == _log_end(runtime)
    other = Runtime.build(make_settings(db_url, tmp_path / "other"))
    try:
        everything = [c for batch in batches for c in batch]
        assert _claim(other, *everything) == [False] * len(everything)
    finally:
        other.close()


def _log_end(rt: Runtime) -> int:
    with rt.db.snapshot() as tx:
        return int(tx.scalar("SELECT max(seq) FROM nonce_log"))


def _fresh_runtime(rt: Runtime) -> Runtime:
    """Another process on the same database: a memory of its own."""
    return Runtime.build(make_settings(rt.settings.database_url, rt.settings.var_dir.parent / "another"))
