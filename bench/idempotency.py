"""What an Idempotency-Key costs: the same create with and without a key, and the replay of a key, in one run.

Builds the app in process on a fresh SQLite database (bench/gateway_inprocess.py's set-up) and sends signed
``POST /open/warehouse/package/forecast`` requests straight into the ASGI app from ``--concurrency`` tasks, in
alternating rounds of three kinds:

* plain — a new parcel per request, no key (the path every request without the header takes);
* keyed — a new parcel per request, each under a new key (claim, nested unit of work, stored answer);
* replay — requests that repeat the keyed round's requests, key and body: answered from the stored answers.

Prints the median µs per request of each kind over the rounds and the ratios to plain, measured in the same run (the
machine's speed drifts; compare the ratios, not the µs, between machines or runs).

    python bench/idempotency.py [--requests 2000] [--rounds 5] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson
from starlette.types import ASGIApp, Message

from gateway_inprocess import Headers, build_app, prepare, signed

PATH = "/open/warehouse/package/forecast"


async def post(app: ASGIApp, headers: Headers, body: bytes) -> int:
    """One POST of ``body`` to :data:`PATH` straight into the ASGI app; the envelope's code."""
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": PATH, "raw_path": PATH.encode(), "query_string": b"", "root_path": "", "client": ("127.0.0.1", 1),
             "server": ("127.0.0.1", 80), "state": {},
             "headers": [*headers, (b"content-type", b"application/json")]}  # fmt: skip
    await app(scope, receive, send)
    return int(orjson.loads(b"".join(chunks))["code"])


async def drive(app: ASGIApp, batch: list[tuple[Headers, bytes]], concurrency: int) -> float:
    """µs per request of sending ``batch`` from ``concurrency`` tasks; exits if any request is refused."""
    pending = iter(batch)
    failures = 0

    async def worker() -> None:
        nonlocal failures
        for headers, body in pending:
            failures += await post(app, headers, body) != 200

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    if failures:
        sys.exit(f"{failures} requests failed")
    return elapsed / len(batch) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    creds = prepare(tmp, 0)
    runtime, app = build_app(tmp)
    serial = iter(range(10**9))

    def fresh(keyed: bool) -> list[tuple[Headers, bytes, str]]:
        made = []
        for _ in range(args.requests):
            n = next(serial)
            body = orjson.dumps({"carrierCode": "YTO", "trackingNo": f"YT{n:012d}"})
            made.append((body, f"bench-{n}" if keyed else ""))
        return [(signed(creds), body, key) for body, key in made]

    def with_keys(batch: list[tuple[Headers, bytes, str]]) -> list[tuple[Headers, bytes]]:
        return [(h + [(b"idempotency-key", key.encode())] if key else h, body) for h, body, key in batch]

    async def rounds() -> dict[str, list[float]]:
        times: dict[str, list[float]] = {"plain": [], "keyed": [], "replay": []}
        await drive(app, with_keys(fresh(False)), args.concurrency)  # warm-up
        for _ in range(args.rounds):
            times["plain"].append(await drive(app, with_keys(fresh(False)), args.concurrency))
            keyed = fresh(True)
            times["keyed"].append(await drive(app, with_keys(keyed), args.concurrency))
            again = [(signed(creds), body, key) for _, body, key in keyed]  # new nonces, same keys and bodies
            times["replay"].append(await drive(app, with_keys(again), args.concurrency))
        return times

    times = asyncio.run(rounds())
    runtime.close()
    median = {kind: statistics.median(values) for kind, values in times.items()}
    print(f"in process, sqlite, {args.rounds} rounds x {args.requests} requests, concurrency {args.concurrency}")
    for kind, label in (("plain", "no key      "), ("keyed", "new key     "), ("replay", "replayed key")):
        ratio = "" if kind == "plain" else f"  ratio to no key {median[kind] / median['plain']:.2f}"
        print(f"POST {PATH}, {label} {median[kind]:8.1f} µs/request (median){ratio}")


if __name__ == "__main__":
    main()
