"""Instructions per request of the gateway's endpoints, counted by valgrind — the same on a noisy box as on a quiet one.

The wrk figures of bench/gateway.py drift from minute to minute on a shared 2-core VM (the same build measured 21 %
and 38 % in two rounds); a change worth a few per cent of a signed request cannot be seen through that. This counts
what the application executes instead: it builds the app in process on a fresh SQLite database with the demo
developer and three addresses (as bench/gateway.py seeds), sends a warm-up of every endpoint, then ``--requests``
requests of each phase from 32 concurrent tasks (so the nonce group commit has company, as under wrk), and has
callgrind dump its count at every phase boundary (``os.getppid()`` marks them). Prints instructions per request for
``/ping``, a signed endpoint that reads nothing (``/sandbox/clock``: the gateway alone) and the signed address
list, each phase run twice; the two runs agree within ~0.3 %.

Instructions are not time — system calls, cache misses and locks weigh more than their count — so confirm a change
with bench/gateway.py too. Needs valgrind (Debian package ``valgrind``); a run takes ~3 minutes.

    python bench/gateway_instructions.py [--requests 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PHASES = ("ping", "clock", "list", "ping", "clock", "list")
PATHS = {"ping": "/ping", "clock": "/sandbox/clock", "list": "/open/address/list"}
WARM_UP = 320
CONCURRENCY = 32


def prepare(tmp: Path) -> None:
    """A migrated database with the demo developer and three addresses; its credentials in ``creds.json``."""
    from kuajing.config import Settings
    from kuajing.domain.accounts.addresses import add_address
    from kuajing.domain.accounts.model import Address
    from kuajing.runtime import Runtime

    env = {**os.environ, "KUAJING_DATABASE_URL": f"sqlite:///{tmp}/bench.db", "KUAJING_VAR_DIR": str(tmp / "var")}

    def cli(*a: str) -> str:
        return subprocess.run([sys.executable, "-m", "kuajing.cli", *a], env=env, check=True, capture_output=True,
                              text=True).stdout  # fmt: skip

    cli("db", "upgrade")
    creds = json.loads(cli("demo", "--json", "--products", "0"))
    (tmp / "creds.json").write_text(json.dumps(creds))
    runtime = Runtime.build(Settings(database_url=env["KUAJING_DATABASE_URL"], var_dir=tmp / "var", sandbox=True))
    with runtime.uow() as uow:
        for i in range(3):
            address = Address(creds["developId"], f"收货人{i}", "15068763421", f"文一西路 {i} 号")
            add_address(uow, address=address, now_ms=runtime.clock.now_ms())
        uow.commit()
    runtime.close()


def drive(tmp: Path, requests: int) -> None:
    """Runs under callgrind: warm-up, then each phase between two ``os.getppid()`` marks."""
    import uvloop

    from kuajing.api.app import create_app
    from kuajing.config import Settings
    from kuajing.protocol.signature import sign
    from kuajing.runtime import Runtime

    creds = json.loads((tmp / "creds.json").read_text())
    url = f"sqlite:///{tmp}/bench.db"
    runtime = Runtime.build(Settings(database_url=url, var_dir=tmp / "var", sandbox=True, run_background=False))
    app = create_app(runtime)
    gc.collect()
    gc.freeze()  # as `kuajing serve` does
    rnd = random.Random(1)
    ts = str(time.time_ns() // 1_000_000)

    def signed() -> list[tuple[bytes, bytes]]:
        nonce = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(32))
        values = {"access-key": creds["accessKey"], "timestamp": ts, "nonce-str": nonce, "user-id": creds["userId"],
                  "signature": sign(creds["accessKey"], ts, nonce, creds["accessSecret"])}  # fmt: skip
        return [(k.encode(), v.encode()) for k, v in values.items()]

    def headers(phase: str, count: int) -> list[list[tuple[bytes, bytes]]]:
        return [[] for _ in range(count)] if phase == "ping" else [signed() for _ in range(count)]

    async def call(path: str, hdrs: list[tuple[bytes, bytes]]) -> int:
        status = 0

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
                 "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": hdrs,
                 "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80), "state": {}}  # fmt: skip
        await app(scope, receive, send)  # type: ignore[arg-type]
        return status

    async def run(path: str, batch: list[list[tuple[bytes, bytes]]]) -> None:
        pending = iter(batch)
        failed = 0

        async def worker() -> None:
            nonlocal failed
            for hdrs in pending:
                failed += await call(path, hdrs) != 200

        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        if failed:
            raise SystemExit(f"{path}: {failed} requests failed")

    async def main() -> None:
        for phase in ("ping", "clock", "list"):
            await run(PATHS[phase], headers(phase, WARM_UP))
        for phase in PHASES:
            batch = headers(phase, requests)  # built outside the counted phase
            os.getppid()
            await run(PATHS[phase], batch)
            os.getppid()

    uvloop.run(main())
    runtime.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--drive", type=Path, help=argparse.SUPPRESS)  # the counted child
    args = parser.parse_args()
    if args.drive:
        drive(args.drive, args.requests)
        return
    if not shutil.which("valgrind"):
        sys.exit("valgrind is needed: apt-get install valgrind")
    tmp = Path(tempfile.mkdtemp(prefix="kj-instr-"))
    try:
        prepare(tmp)
        out = tmp / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", "--dump-before=os_getppid", f"--callgrind-out-file={out}",
             sys.executable, __file__, "--drive", str(tmp), "--requests", str(args.requests)],
            check=True, capture_output=True,
        )  # fmt: skip
        # a dump ends at every mark: start-up, warm-up and the first phase's headers (1), that phase (2), the next
        # phase's headers (3), that phase (4) …
        counts = []
        for part in range(2, 2 + 2 * len(PHASES), 2):
            text = Path(f"{out}.{part}").read_text(errors="replace")
            counts.append(int(re.search(r"^summary: (\d+)", text, re.M).group(1)) // args.requests)  # type: ignore[union-attr]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"instructions per request (callgrind), in process, {args.requests} requests per phase, sqlite")
    names = {"ping": "GET /ping (bare)", "clock": "GET /sandbox/clock (signed, no read)",
             "list": "GET /open/address/list (signed, DB read)"}  # fmt: skip
    for i, phase in enumerate(PHASES[:3]):
        print(f"{names[phase]:<42}{counts[i]:>10,}{counts[i + 3]:>10,}")
    ping, listed = counts[0] + counts[3], counts[2] + counts[5]
    print(f"ratio bare/signed list: {ping / listed:.1%}")


if __name__ == "__main__":
    main()
