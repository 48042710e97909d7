"""In-process companion of bench/gateway.py: the same two endpoints, without uvicorn or the network.

Builds the app on a fresh SQLite database with the demo developer and ``--addresses`` addresses (3, as
bench/gateway.py seeds), freezes the start-up heap as ``kuajing serve`` does, and sends ``--requests`` requests of
each endpoint straight into the ASGI app from ``--concurrency`` concurrent tasks (so the gateway's group commit has
company, as under wrk). Prints µs per request for ``/ping`` and for the signed address list, and their ratio —
what the application itself costs, apart from the server and the socket.

    python bench/gateway_inprocess.py [--requests 10000] [--concurrency 32] [--addresses 3]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Message

from kuajing.api.app import create_app
from kuajing.config import Settings
from kuajing.domain.accounts.addresses import add_address
from kuajing.domain.accounts.model import Address
from kuajing.protocol.signature import new_nonce, sign
from kuajing.runtime import Runtime

Headers = list[tuple[bytes, bytes]]


def prepare(tmp: Path, addresses: int) -> dict[str, str]:
    """Migrate a fresh SQLite database under ``tmp``, seed the demo developer with ``addresses`` addresses, and return
    its credentials (as ``kuajing demo --json`` prints them)."""
    url = f"sqlite:///{tmp}/bench.db"
    env = {**os.environ, "KUAJING_DATABASE_URL": url, "KUAJING_VAR_DIR": str(tmp / "var")}

    def cli(*a: str) -> str:
        return subprocess.run([sys.executable, "-m", "kuajing.cli", *a], env=env, check=True, capture_output=True,
                              text=True).stdout  # fmt: skip

    cli("db", "upgrade")
    creds: dict[str, str] = json.loads(cli("demo", "--json", "--products", "0"))
    runtime = Runtime.build(Settings(database_url=url, var_dir=tmp / "var", sandbox=True, run_background=False))
    with runtime.uow() as uow:
        for i in range(addresses):
            address = Address(creds["developId"], f"收货人{i}", "15068763421", f"文一西路 {i} 号")
            add_address(uow, address=address, now_ms=runtime.clock.now_ms())
        uow.commit()
    runtime.close()
    return creds


def build_app(tmp: Path) -> tuple[Runtime, ASGIApp]:
    """The app on the database :func:`prepare` made, with the start-up heap frozen as ``kuajing serve`` does."""
    url = f"sqlite:///{tmp}/bench.db"
    runtime = Runtime.build(Settings(database_url=url, var_dir=tmp / "var", sandbox=True, run_background=False))
    app = create_app(runtime)
    gc.collect()
    gc.freeze()
    return runtime, app


def signed(creds: dict[str, str]) -> Headers:
    """The five system headers of one signed request, with a fresh nonce, as ASGI carries them."""
    ts, nonce = str(time.time_ns() // 1_000_000), new_nonce()
    values = {"access-key": creds["accessKey"], "timestamp": ts, "nonce-str": nonce, "user-id": creds["userId"],
              "signature": sign(creds["accessKey"], ts, nonce, creds["accessSecret"])}  # fmt: skip
    return [(k.encode(), v.encode()) for k, v in values.items()]


async def get(app: ASGIApp, path: str, headers: Headers) -> int:
    """One GET straight into the ASGI app; its status."""
    status = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": headers,
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80), "state": {}}  # fmt: skip
    await app(scope, receive, send)
    return status


async def drive(app: ASGIApp, path: str, batch: list[Headers], concurrency: int) -> None:
    """Send one GET of ``path`` per header set from ``concurrency`` tasks; exit if any is refused."""
    pending = iter(batch)
    failures = 0

    async def worker() -> None:
        nonlocal failures
        for headers in pending:
            failures += await get(app, path, headers) != 200

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    if failures:
        sys.exit(f"{path}: {failures} requests failed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--addresses", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    creds = prepare(tmp, args.addresses)
    runtime, app = build_app(tmp)

    async def run(path: str, make: Callable[[], Headers]) -> float:
        batch = [make() for _ in range(args.requests)]
        start = time.perf_counter()
        await drive(app, path, batch, args.concurrency)
        elapsed_s: float = time.perf_counter() - start
        return elapsed_s / len(batch) * 1e6

    async def both() -> tuple[float, float]:
        await run("/ping", list)  # warm-up
        return await run("/ping", list), await run("/open/address/list", lambda: signed(creds))

    bare, signed_us = asyncio.run(both())
    runtime.close()
    print(f"in process, {args.requests} requests each, concurrency {args.concurrency}, {args.addresses} addresses,"
          " sqlite")  # fmt: skip
    print(f"GET /ping (bare)                          {bare:8.1f} µs/request")
    print(f"GET /open/address/list (signed, DB read)  {signed_us:8.1f} µs/request")
    print(f"ratio bare/signed: {bare / signed_us:.1%}")


if __name__ == "__main__":
    main()
