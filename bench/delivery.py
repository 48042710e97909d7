"""Message-delivery benchmark (run on demand, not a test).

.venv/bin/python bench/delivery.py                       # SQLite, and PostgreSQL if 127.0.0.1:5432 answers
.venv/bin/python bench/delivery.py --messages 10000 --db sqlite

For each database and for 1 and 2 ``kuajing worker`` processes it measures:

- throughput: N messages are published while no worker runs, then the workers start; messages delivered per
  second = N / (last arrival - first arrival) at a local receiver;
- lag: with the workers running and idle, messages are published at a steady rate (``--rate`` per second, in
  transactions of 10); lag = arrival at the receiver - the publishing transaction's commit, p50 and p95.

The receiver (uvicorn, its own process) answers 200 at once. The workers get a 5 s timeout and a 1 s retry
schedule here so an overloaded receiver shows up as ``failed`` attempts instead of a half-hour wait. Workers
run with the default settings (concurrency 32, batch 200, poll interval 0.5 s) unless flags say otherwise; the
poll interval bounds the lag of a message that arrives when a worker is idle.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from kuajing.config import Settings
from kuajing.domain.accounts import service
from kuajing.domain.delivery import callbacks
from kuajing.domain.messages import OutgoingMessage, Platform
from kuajing.runtime import Runtime
from kuajing.store import migrate

SECRET_KEY = "1f" * 32


class Receiver:
    """A minimal ASGI receiver recording (messageId, arrival time); ``GET /stats`` returns them, ``/reset``
    clears."""

    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}
        self.count = 0
        self.lock = threading.Lock()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        if scope["method"] == "GET":
            if scope["path"] == "/reset":
                self.reset()
            with self.lock:
                payload = json.dumps({"count": self.count, "arrivals": self.arrivals}).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-length", str(len(payload)).encode())],
                }
            )
            await send({"type": "http.response.body", "body": payload})
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        now = time.time()
        mid = json.loads(body).get("messageId", "")
        with self.lock:
            self.count += 1
            self.arrivals.setdefault(mid, now)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"ok"})

    def reset(self) -> None:
        with self.lock:
            self.arrivals.clear()
            self.count = 0


def serve_receiver(port: int) -> None:
    uvicorn.run(Receiver(), host="127.0.0.1", port=port, log_level="error", access_log=False, lifespan="off")


class RemoteReceiver:
    """The bench's view of the receiver process."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen([sys.executable, __file__, "--serve-receiver", str(port)])
        deadline = time.time() + 20
        while True:
            try:
                self.stats()
                return
            except httpx.HTTPError:
                if time.time() > deadline:
                    raise
                time.sleep(0.1)

    def stats(self) -> tuple[int, dict[str, float]]:
        data = httpx.get(self.base + "/stats", timeout=30).json()
        return data["count"], data["arrivals"]

    def reset(self) -> None:
        httpx.get(self.base + "/reset", timeout=30)

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def fresh_database(kind: str, tmp: Path) -> str:
    if kind == "sqlite":
        url = f"sqlite:///{tmp / f'bench-{uuid.uuid4().hex[:6]}.db'}"
    else:
        import psycopg

        name = f"kuajing_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect("postgresql://root@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = f"postgresql://root@127.0.0.1:5432/{name}"
    migrate.upgrade(url)
    return url


def drop_database(url: str) -> None:
    if url.startswith("postgresql"):
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect("postgresql://root@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def publish(rt: Runtime, develop_id: str, count: int, tag: str) -> tuple[list[str], float]:
    ids: list[str] = []
    with rt.uow() as uow:
        for i in range(count):
            ids.append(
                uow.publish(
                    OutgoingMessage(
                        develop_id=develop_id,
                        message_type="ORDER_PAY_SUCCESS",
                        platform=Platform.ALIBABA,
                        aggregate_type="order",
                        aggregate_id=f"{tag}-{i}",
                        body={"orderId": f"{tag}-{i}", "orderStatus": "WAITING_FOR_SENT", "payStatus": 2},
                    )
                )
            )
        uow.commit()
    return ids, time.time()


def start_workers(n: int, url: str, tmp: Path, args: argparse.Namespace) -> list[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "KUAJING_DATABASE_URL": url,
        "KUAJING_SECRET_KEY": SECRET_KEY,
        "KUAJING_VAR_DIR": str(tmp),
        "KUAJING_DELIVERY_CONCURRENCY": str(args.concurrency),
        "KUAJING_DELIVERY_BATCH_SIZE": str(args.batch),
        "KUAJING_DELIVERY_POLL_INTERVAL_S": str(args.poll_interval),
        "KUAJING_CALLBACK_ALLOW_PRIVATE": "1",
        "KUAJING_DELIVERY_TIMEOUT_MS": str(args.timeout_ms),
        "KUAJING_DELIVERY_RETRY_SCHEDULE": "1,1,1,1,1",
    }
    return [
        subprocess.Popen(
            [sys.executable, "-c", "from kuajing.cli import main; main()", "worker"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(n)
    ]


def stop_workers(procs: list[subprocess.Popen[bytes]]) -> None:
    for p in procs:
        p.send_signal(signal.SIGTERM)
    for p in procs:
        p.wait(30)


def wait_for(receiver: RemoteReceiver, ids: list[str], timeout_s: float) -> tuple[int, dict[str, float]]:
    deadline = time.time() + timeout_s
    while True:
        count, arrivals = receiver.stats()
        if all(i in arrivals for i in ids):
            return count, arrivals
        if time.time() > deadline:
            raise SystemExit(f"timed out: {sum(i in arrivals for i in ids)}/{len(ids)} arrived")
        time.sleep(0.2)


def failed_attempts(rt: Runtime) -> int:
    with rt.db.snapshot() as tx:
        return int(tx.scalar("SELECT COUNT(*) AS n FROM delivery_attempts WHERE error IS NOT NULL") or 0)


def run(
    kind: str, workers: int, receiver: RemoteReceiver, port: int, args: argparse.Namespace, tmp: Path
) -> dict[str, Any]:
    url = fresh_database(kind, tmp)
    rt = Runtime.build(Settings(database_url=url, secret_key=SECRET_KEY, var_dir=tmp, callback_allow_private=True))
    try:
        with rt.uow() as uow:
            creds = service.create_developer(uow, name="bench", now_ms=rt.clock.now_ms())
            callbacks.save_callback_url(
                uow, develop_id=creds.develop_id, url=f"http://127.0.0.1:{port}/cb", now_ms=rt.clock.now_ms()
            )
            uow.commit()
        # -- throughput: a backlog of N, then the workers start
        receiver.reset()
        backlog: list[str] = []
        for chunk in range(0, args.messages, 500):
            backlog += publish(rt, creds.develop_id, min(500, args.messages - chunk), f"t{chunk}")[0]
        procs = start_workers(workers, url, tmp, args)
        try:
            sent, arrivals = wait_for(receiver, backlog, 300)
            times = sorted(arrivals[i] for i in backlog)
            throughput = len(backlog) / max(times[-1] - times[0], 1e-9)
            # -- lag: steady publishing while the workers run
            receiver.reset()
            commits: dict[str, float] = {}
            interval = 10 / args.rate
            t_end = time.time() + args.lag_seconds
            n = 0
            while time.time() < t_end:
                started = time.time()
                ids, committed = publish(rt, creds.develop_id, 10, f"l{n}")
                commits.update(dict.fromkeys(ids, committed))
                n += 1
                time.sleep(max(0.0, interval - (time.time() - started)))
            _, arrivals = wait_for(receiver, list(commits), 120)
            lags = sorted((arrivals[i] - commits[i]) * 1000 for i in commits)
        finally:
            stop_workers(procs)
        q = statistics.quantiles(lags, n=100)
        return {
            "db": kind,
            "workers": workers,
            "messages": len(backlog),
            "per_s": throughput,
            "duplicates": sent - len(backlog),
            "lag_n": len(lags),
            "p50": q[49],
            "p95": q[94],
            "failed": failed_attempts(rt),
        }
    finally:
        rt.close()
        drop_database(url)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=5000, help="backlog size for the throughput run")
    ap.add_argument("--rate", type=float, default=200, help="messages per second during the lag run")
    ap.add_argument("--lag-seconds", type=float, default=5, help="length of the lag run")
    ap.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--poll-interval", type=float, default=0.5)
    ap.add_argument("--timeout-ms", type=int, default=5000, help="KUAJING_DELIVERY_TIMEOUT_MS for the workers")
    ap.add_argument("--port", type=int, default=18765)
    ap.add_argument("--serve-receiver", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve_receiver:
        serve_receiver(args.serve_receiver)
        return

    receiver = RemoteReceiver(args.port)
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    print(
        f"{os.cpu_count()} CPUs; receiver uvicorn on 127.0.0.1:{args.port}; concurrency {args.concurrency}, "
        f"batch {args.batch}, poll interval {args.poll_interval} s; lag at {args.rate:g} msg/s"
    )
    print(
        f"{'db':<11} {'workers':>7} {'messages':>8} {'delivered/s':>11} {'dup':>4} {'failed':>6}"
        f" {'lag p50 ms':>10} {'p95 ms':>7}"
    )
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for kind in kinds:
                for workers in (1, 2):
                    r = run(kind, workers, receiver, args.port, args, Path(tmp))
                    print(
                        f"{r['db']:<11} {r['workers']:>7} {r['messages']:>8} {r['per_s']:>11.0f}"
                        f" {r['duplicates']:>4}"
                        f" {r['failed']:>6} {r['p50']:>10.0f} {r['p95']:>7.0f}",
                        flush=True,
                    )
    finally:
        receiver.close()


if __name__ == "__main__":
    main()
