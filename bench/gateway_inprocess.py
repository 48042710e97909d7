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
from pathlib import Path
from typing import Any

from kuajing.api.app import create_app
from kuajing.config import Settings
from kuajing.domain.accounts.addresses import add_address
from kuajing.domain.accounts.model import Address
from kuajing.protocol.signature import new_nonce, sign
from kuajing.runtime import Runtime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--addresses", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    url = f"sqlite:///{tmp}/bench.db"
    env = {**os.environ, "KUAJING_DATABASE_URL": url, "KUAJING_VAR_DIR": str(tmp / "var")}

    def cli(*a: str) -> str:
        return subprocess.run([sys.executable, "-m", "kuajing.cli", *a], env=env, check=True, capture_output=True,
                              text=True).stdout  # fmt: skip

    cli("db", "upgrade")
    creds = json.loads(cli("demo", "--json", "--products", "0"))
    runtime = Runtime.build(Settings(database_url=url, var_dir=tmp / "var", sandbox=True, run_background=False))
    app = create_app(runtime)
    with runtime.uow() as uow:
        for i in range(args.addresses):
            address = Address(creds["developId"], f"收货人{i}", "15068763421", f"文一西路 {i} 号")
            add_address(uow, address=address, now_ms=runtime.clock.now_ms())
        uow.commit()
    gc.collect()
    gc.freeze()  # as `kuajing serve` does before serving

    def signed() -> list[tuple[bytes, bytes]]:
        ts, nonce = str(time.time_ns() // 1_000_000), new_nonce()
        values = {"access-key": creds["accessKey"], "timestamp": ts, "nonce-str": nonce, "user-id": creds["userId"],
                  "signature": sign(creds["accessKey"], ts, nonce, creds["accessSecret"])}  # fmt: skip
        return [(k.encode(), v.encode()) for k, v in values.items()]

    async def call(path: str, headers: list[tuple[bytes, bytes]]) -> int:
        status = 0

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
                 "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": headers,
                 "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80), "state": {}}  # fmt: skip
        await app(scope, receive, send)  # type: ignore[arg-type]
        return status

    async def run(path: str, make: Any) -> float:
        pending = iter([make() for _ in range(args.requests)])
        failures = 0

        async def worker() -> None:
            nonlocal failures
            for headers in pending:
                failures += await call(path, headers) != 200

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(args.concurrency)))
        elapsed = time.perf_counter() - start
        if failures:
            sys.exit(f"{path}: {failures} requests failed")
        return elapsed / args.requests * 1e6

    async def both() -> tuple[float, float]:
        await run("/ping", list)  # warm-up
        return await run("/ping", list), await run("/open/address/list", signed)

    bare, signed_us = asyncio.run(both())
    runtime.close()
    print(f"in process, {args.requests} requests each, concurrency {args.concurrency}, {args.addresses} addresses,"
          " sqlite")  # fmt: skip
    print(f"GET /ping (bare)                          {bare:8.1f} µs/request")
    print(f"GET /open/address/list (signed, DB read)  {signed_us:8.1f} µs/request")
    print(f"ratio bare/signed: {bare / signed_us:.1%}")


if __name__ == "__main__":
    main()
