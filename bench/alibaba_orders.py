"""1688 order creation throughput, and its cost relative to a signed read, measured in the same run.

For SQLite (a temporary file) and PostgreSQL (a temporary database on ``--pg``, default the test server), builds the
real app in process (Starlette's TestClient, no network), seeds a 1688 seller with one offer of ample stock, then
sends through the real SDK, one request at a time:

- ``create``: ``POST /alibaba/order/create`` — signature check, nonce insert, quote, guarded stock reservation,
  the order, its entry and history rows, the ``ORDER_CREATE`` outbox row and the unpaid-timeout timer, one commit;
- ``read``: ``POST /alibaba/order/detail`` of a created order — signature check, nonce insert, two SELECTs.

Prints orders/s (1 / mean latency, sequential), p50 and p95 in ms for both and the ratio create/read.

    python bench/alibaba_orders.py [--n 300] [--pg postgresql://root@127.0.0.1:5432/postgres] [--no-pg]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

from starlette.testclient import TestClient  # noqa: E402
from tests.alibaba_catalog import ADDRESS, add_offer, add_seller, cargo  # noqa: E402

from kuajing.api.app import create_app  # noqa: E402
from kuajing.client import Client  # noqa: E402
from kuajing.config import Settings  # noqa: E402
from kuajing.domain.accounts import service as accounts  # noqa: E402
from kuajing.runtime import Runtime  # noqa: E402
from kuajing.store import migrate  # noqa: E402


def _pcts(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p50 = ordered[len(ordered) // 2] * 1000
    p95 = ordered[int(len(ordered) * 0.95) - 1] * 1000
    return 1 / statistics.fmean(samples), p50, p95


def run(url: str, n: int, tmp: Path) -> dict[str, float]:
    migrate.upgrade(url)
    settings = Settings(database_url=url, var_dir=tmp / "var", secret_key="0f" * 32, sandbox=True,
                        run_background=False, public_base_url="http://bench")  # fmt: skip
    rt = Runtime.build(settings)
    try:
        with rt.uow() as uow:
            creds = accounts.ensure_demo(uow, now_ms=rt.clock.now_ms())
            uow.commit()
        offer = add_offer(rt, add_seller(rt), stock=10**9, specs=1)
        with TestClient(create_app(rt), base_url="http://bench") as http:
            client = Client(base_url="http://bench", access_key=creds.access_key, access_secret=creds.access_secret,
                            user_id=creds.user_id, http_client=http, max_retries=0)  # fmt: skip
            line = [cargo(offer, 1)]
            ids = []
            for _ in range(20):  # warm-up
                view = client.alibaba.orders.create(line, ADDRESS)
                assert view.base_info is not None
                ids.append(view.base_info.id)
            create_s: list[float] = []
            for _ in range(n):
                t0 = time.perf_counter()
                view = client.alibaba.orders.create(line, ADDRESS)
                create_s.append(time.perf_counter() - t0)
                assert view.base_info is not None
                ids.append(view.base_info.id)
            read_s: list[float] = []
            for i in range(n):
                t0 = time.perf_counter()
                client.alibaba.orders.detail(ids[i % len(ids)])
                read_s.append(time.perf_counter() - t0)
        c_rate, c50, c95 = _pcts(create_s)
        r_rate, r50, r95 = _pcts(read_s)
        return {"create_rps": c_rate, "create_p50": c50, "create_p95": c95, "read_rps": r_rate, "read_p50": r50,
                "read_p95": r95, "ratio": c_rate / r_rate}  # fmt: skip
    finally:
        rt.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--pg", default="postgresql://root@127.0.0.1:5432/postgres")
    ap.add_argument("--no-pg", action="store_true")
    args = ap.parse_args()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["SQLite"] = run(f"sqlite:///{tmp}/bench.db", args.n, Path(tmp))
        if not args.no_pg:
            import psycopg

            name = f"kuajing_bench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            try:
                results["PostgreSQL"] = run(args.pg.rsplit("/", 1)[0] + "/" + name, args.n, Path(tmp))
            finally:
                with psycopg.connect(args.pg, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"1688 order create vs signed read, {args.n} sequential requests each, in process (TestClient)")
    print("| database | create orders/s | create p50 ms | create p95 ms | read req/s | read p50 ms | read p95 ms"
          " | create/read |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    for db, r in results.items():
        print(f"| {db} | {r['create_rps']:.0f} | {r['create_p50']:.2f} | {r['create_p95']:.2f} | {r['read_rps']:.0f}"
              f" | {r['read_p50']:.2f} | {r['read_p95']:.2f} | {r['ratio']:.2f} |")  # fmt: skip


if __name__ == "__main__":
    main()
