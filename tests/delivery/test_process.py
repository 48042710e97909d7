"""The delivery loop of the server runs in a child process: started and stopped by the app's lifespan, gone with the
server however the server ends, and a stopped worker gives back the messages it had not sent yet."""

from __future__ import annotations

import asyncio
import dataclasses
import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
from starlette.testclient import TestClient

from kuajing.api.app import create_app
from kuajing.delivery.worker import DeliveryWorker
from kuajing.domain.accounts.model import Credentials
from kuajing.domain.delivery import callbacks
from kuajing.runtime import Runtime
from tests.api.conftest import sdk
from tests.conftest import TEST_SECRET_KEY
from tests.delivery.conftest import free_port, publish, wait_for
from tests.delivery.receiver import Receiver


def _delivery_children() -> list[multiprocessing.process.BaseProcess]:
    return [p for p in multiprocessing.active_children() if p.name == "kuajing-delivery"]


def test_the_app_runs_the_delivery_loop_in_a_child_process(
    runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    settings = dataclasses.replace(runtime.settings, run_background=True, delivery_poll_interval_s=0.05)
    with TestClient(create_app(dataclasses.replace(runtime, settings=settings)), base_url="http://testserver") as http:
        (child,) = _delivery_children()
        assert child.pid != os.getpid()
        sdk(http, demo).messages.set_callback_url(receiver.url)
        (message_id,) = publish(runtime, demo.develop_id)
        wait_for(lambda: bool(receiver.ids()), 30, "the push")
    assert receiver.ids() == {message_id: 1}
    assert _delivery_children() == [] and child.exitcode == 0  # the lifespan's end stopped it cleanly


def test_a_stopped_worker_releases_what_it_has_not_sent(
    runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    receiver.delay_s = 0.5
    with runtime.uow() as uow:
        callbacks.save_callback_url(uow, develop_id=demo.develop_id, url=receiver.url, now_ms=runtime.clock.now_ms())
        uow.commit()
    publish(runtime, demo.develop_id, 5)
    one_at_a_time = dataclasses.replace(runtime.settings, delivery_concurrency=1)
    worker = DeliveryWorker(dataclasses.replace(runtime, settings=one_at_a_time))

    async def stop_mid_batch() -> None:
        stop = asyncio.Event()
        run = asyncio.create_task(worker.run(stop))
        while not receiver.messages():  # the first request is in flight
            await asyncio.sleep(0.01)
        stop.set()
        await asyncio.wait_for(run, 10)

    asyncio.run(stop_mid_batch())
    with runtime.db.snapshot() as tx:
        rows = tx.all("SELECT state, attempts, claim_token, claimed_until_ms FROM deliveries ORDER BY outbox_id")
    assert [(r["state"], r["attempts"]) for r in rows] == [("delivered", 1)] + [("pending", 0)] * 4
    assert all(r["claim_token"] is None and r["claimed_until_ms"] is None for r in rows)  # claimable at once
    assert len(receiver.messages()) == 1


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return [int(p) for p in f.read().split()]


def _ended(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"  # a zombie waiting to be reaped has ended
    except FileNotFoundError:
        return True


def test_the_delivery_process_ends_when_the_server_is_killed(runtime: Runtime, db_url: str, tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "KUAJING_SECRET_KEY": TEST_SECRET_KEY, "KUAJING_VAR_DIR": str(tmp_path / "var")}
    server = subprocess.Popen(
        [sys.executable, "-m", "kuajing.cli", "serve", "--db", db_url, "--port", str(port), "--sandbox"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(lambda: _up(port), 60, "the server")

        def spawned() -> list[int]:
            return [c for c in _children(server.pid) if _is_worker(c)]

        wait_for(lambda: bool(spawned()), 30, "the delivery process")
        (child,) = spawned()
        server.send_signal(signal.SIGKILL)  # no lifespan shutdown: the child must notice by itself
        server.wait(10)
        wait_for(lambda: _ended(child), 15, "the orphaned delivery process to stop")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(10)


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except FileNotFoundError:
        return ""


def _is_worker(pid: int) -> bool:
    """multiprocessing's spawned child (``… -c from multiprocessing.spawn import spawn_main …``), not its resource
    tracker."""
    line = _cmdline(pid)
    return "spawn_main" in line and "resource_tracker" not in line


def _up(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/ping", timeout=1).status_code == 200
    except httpx.TransportError:
        return False
