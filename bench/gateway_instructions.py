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
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from gateway_inprocess import Headers, build_app, drive, prepare, signed  # bench/ is the script's directory

PHASES = ("ping", "clock", "list", "ping", "clock", "list")
PATHS = {"ping": "/ping", "clock": "/sandbox/clock", "list": "/open/address/list"}
WARM_UP = 320
CONCURRENCY = 32


def count_phases(tmp: Path, requests: int) -> None:
    """Runs under callgrind: warm-up, then each phase between two ``os.getppid()`` marks."""
    import uvloop

    creds = json.loads((tmp / "creds.json").read_text())
    runtime, app = build_app(tmp)

    def headers(phase: str, count: int) -> list[Headers]:
        return [[] for _ in range(count)] if phase == "ping" else [signed(creds) for _ in range(count)]

    async def main() -> None:
        for phase in ("ping", "clock", "list"):
            await drive(app, PATHS[phase], headers(phase, WARM_UP), CONCURRENCY)
        for phase in PHASES:
            batch = headers(phase, requests)  # built outside the counted phase
            os.getppid()
            await drive(app, PATHS[phase], batch, CONCURRENCY)
            os.getppid()

    uvloop.run(main())
    runtime.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--drive", type=Path, help=argparse.SUPPRESS)  # the counted child
    args = parser.parse_args()
    if args.drive:
        count_phases(args.drive, args.requests)
        return
    if not shutil.which("valgrind"):
        sys.exit("valgrind is needed: apt-get install valgrind")
    tmp = Path(tempfile.mkdtemp(prefix="kj-instr-"))
    try:
        (tmp / "creds.json").write_text(json.dumps(prepare(tmp, addresses=3)))
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
            summary = re.search(r"^summary: (\d+)", text, re.M)
            assert summary is not None, f"no summary line in {out}.{part}"
            counts.append(int(summary.group(1)) // args.requests)
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
