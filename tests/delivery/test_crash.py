"""Crash safety: ``kuajing worker`` killed with SIGKILL mid-batch and restarted loses no message.

SQLite runs one worker; PostgreSQL runs two at once and kills one of them. The receiver checks that every
published message arrived at least once; duplicates may only come from the killed worker's batch in flight
(its lease expires and the message is sent again), and the attempt log never holds the same attempt twice.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kuajing.domain.accounts.model import Credentials
from kuajing.domain.delivery import callbacks
from kuajing.runtime import Runtime
from tests.conftest import TEST_SECRET_KEY
from tests.delivery.conftest import publish
from tests.delivery.receiver import Receiver

MESSAGES = 3000
BATCH = 100
LEASE_S = 3

pytestmark = pytest.mark.slow


def _worker(db_url: str, tmp_path: Path, name: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "KUAJING_DATABASE_URL": db_url,
        "KUAJING_SECRET_KEY": TEST_SECRET_KEY,
        "KUAJING_VAR_DIR": str(tmp_path / "var"),
        "KUAJING_SANDBOX": "1",
        "KUAJING_DELIVERY_LEASE_S": str(LEASE_S),
        "KUAJING_DELIVERY_BATCH_SIZE": str(BATCH),
        "KUAJING_DELIVERY_CONCURRENCY": "16",
        "KUAJING_DELIVERY_POLL_INTERVAL_S": "0.05",
    }
    with open(tmp_path / f"{name}.log", "ab") as log:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-c", "from kuajing.cli import main; main()", "worker"],
            env=env,
            stdout=log,
            stderr=log,
        )


def _wait(predicate: Callable[[], object], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_sigkill_mid_batch_loses_nothing(
    runtime: Runtime, demo: Credentials, receiver: Receiver, db_url: str, tmp_path: Path
) -> None:
    receiver.delay_s = 0.004  # keeps the run a few seconds long, so the kill lands mid-way
    with runtime.uow() as uow:
        callbacks.save_callback_url(uow, develop_id=demo.develop_id, url=receiver.url, now_ms=runtime.clock.now_ms())
        uow.commit()
    published: set[str] = set()
    for chunk in range(MESSAGES // 100):
        published.update(publish(runtime, demo.develop_id, 100, order=f"PO{chunk}"))
    workers = 2 if runtime.db.dialect == "postgresql" else 1
    procs = [_worker(db_url, tmp_path, f"w{i}") for i in range(workers)]
    try:
        _wait(lambda: len(receiver.ids()) >= MESSAGES // 4, 60, "the first quarter")
        procs[0].send_signal(signal.SIGKILL)
        procs[0].wait(10)
        at_kill = len(receiver.ids())
        assert at_kill < MESSAGES, "the kill came too late to be mid-batch"
        procs[0] = _worker(db_url, tmp_path, "w0-restarted")
        _wait(lambda: published <= set(receiver.ids()), 90, "every message at the receiver")
        _wait(lambda: _backlog(runtime).get("delivered", 0) == MESSAGES, 30, "every delivery settled")
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()
    for p in procs:
        assert p.returncode == 0, (tmp_path / "w0-restarted.log").read_text()
    ids = receiver.ids()
    assert set(ids) == published
    duplicates = sum(n - 1 for n in ids.values())
    print(f"{runtime.db.dialect}: killed at {at_kill}/{MESSAGES} received, {duplicates} duplicate(s)")
    assert duplicates <= BATCH, f"{duplicates} duplicates: more than the killed worker's batch"
    with runtime.db.snapshot() as tx:
        twice = tx.scalar(
            "SELECT COUNT(*) AS n FROM (SELECT outbox_id, attempt_no FROM delivery_attempts"
            " GROUP BY outbox_id, attempt_no HAVING COUNT(*) > 1) AS t"
        )
    assert twice == 0


def _backlog(runtime: Runtime) -> dict[str, int]:
    from kuajing.store import delivery_claims

    with runtime.db.snapshot() as tx:
        return delivery_claims.backlog(tx)
