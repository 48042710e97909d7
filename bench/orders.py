"""Taobao order-creation throughput, on demand (not a test): ``python bench/orders.py [--n 300] [--pg URL]``.

Drives the real app in-process (Starlette TestClient, signed requests) on a fresh SQLite file and a fresh PostgreSQL
database: N sequential ``POST /open/order`` (each a new sellerOrderNumber: quote, insert order + sub-order + history,
stock reservation, outbox message, timer) and N signed reads (``GET /open/order/detail``) in the same run, and prints
orders/s, p50/p95 latency and the create/read latency ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
from starlette.testclient import TestClient

from kuajing.api.app import create_app
from kuajing.config import Settings
from kuajing.domain.accounts import service as accounts
from kuajing.domain.catalog.model import CatalogPlatform, Product, Seller, Sku
from kuajing.protocol.signature import new_nonce, sign
from kuajing.runtime import Runtime
from kuajing.store import migrate

RECEIVER = {
    "name": "集运仓",
    "address": "文一西路 1 号",
    "state": "浙江省",
    "city": "杭州市",
    "mobile_phone": "15068763421",
}


def _pct(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def run(url: str, n: int, var: Path) -> dict[str, float]:
    migrate.upgrade(url)
    rt = Runtime.build(Settings(database_url=url, var_dir=var, secret_key="0f" * 32, sandbox=True,
                                run_background=False, public_base_url="http://bench",
                                rate_limit_key_rps=1e6, rate_limit_key_burst=1_000_000,
                                rate_limit_user_rps=1e6, rate_limit_user_burst=1_000_000))  # fmt: skip
    with rt.uow() as uow:
        creds = accounts.ensure_demo(uow, now_ms=rt.clock.now_ms())
        seller = uow.catalog.add_seller(Seller(0, CatalogPlatform.TAOBAO, "bench-seller", 1, "店", "nick"))
        product = uow.catalog.add_product(Product(CatalogPlatform.TAOBAO, 672991141190, seller.id, 1, {"zh": "裙"}, 100,
                                                  skus=[Sku(1, 100, 10_000_000, mp_sku_id=11)], mp_id=22))  # fmt: skip
        uow.commit()

    def headers() -> dict[str, str]:
        ts, nonce = str(time.time_ns() // 1_000_000), new_nonce()
        return {"access-key": creds.access_key, "timestamp": ts, "nonce-str": nonce, "user-id": creds.user_id,
                "signature": sign(creds.access_key, ts, nonce, creds.access_secret)}  # fmt: skip

    line = json.dumps([{"itemId": str(product.mp_id), "skuId": "11", "quantity": "1", "price": "100"}])
    create_ms: list[float] = []
    read_ms: list[float] = []
    with TestClient(create_app(rt), base_url="http://bench") as http:
        ids = []
        for i in range(n + 10):
            body = {"orderLineList": line, "receiver": json.dumps(RECEIVER), "sellerOrderNumber": f"B-{i}"}
            t0 = time.perf_counter()
            env = http.post("/open/order", json=body, headers=headers()).json()
            if i >= 10:  # warm-up excluded
                create_ms.append((time.perf_counter() - t0) * 1000)
            assert env["code"] == 200, env
            ids.append(env["data"]["orderList"][0]["purchaseId"])
        for i in range(n + 10):
            t0 = time.perf_counter()
            env = http.get("/open/order/detail", params={"purchaseOrderId": ids[i]}, headers=headers()).json()
            if i >= 10:
                read_ms.append((time.perf_counter() - t0) * 1000)
            assert env["code"] == 200, env
    rt.close()
    return {
        "orders_per_s": 1000 / statistics.mean(create_ms), "create_p50": _pct(create_ms, 0.5),
        "create_p95": _pct(create_ms, 0.95), "read_p50": _pct(read_ms, 0.5), "read_p95": _pct(read_ms, 0.95),
        "ratio_p50": _pct(create_ms, 0.5) / _pct(read_ms, 0.5),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--pg", default="postgresql://root@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {"SQLite": run(f"sqlite:///{tmp}/bench.db", args.n, Path(tmp) / "var")}
        name = f"kuajing_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            results["PostgreSQL"] = run(args.pg.rsplit("/", 1)[0] + "/" + name, args.n, Path(tmp) / "var")
        finally:
            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"Taobao order creation, {args.n} sequential signed requests in-process (warm-up excluded)")
    print(
        "| database | create orders/s | create p50 ms | create p95 ms | signed read p50 ms | read p95 ms | create/read p50 |"
    )
    print("|---|---|---|---|---|---|---|")
    for db, r in results.items():
        print(
            f"| {db} | {r['orders_per_s']:.0f} | {r['create_p50']:.2f} | {r['create_p95']:.2f} | {r['read_p50']:.2f} "
            f"| {r['read_p95']:.2f} | {r['ratio_p50']:.1f}× |"
        )


if __name__ == "__main__":
    main()
