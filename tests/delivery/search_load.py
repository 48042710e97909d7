"""Keyword-search load on a live server, for the delivery-under-load test: run in its own process so that its
work competes with the server, not with the test's receiver.

    python -m tests.delivery.search_load BASE_URL ACCESS_KEY ACCESS_SECRET USER_ID CONCURRENCY STOP_FILE

``CONCURRENCY`` signed searches are kept in flight (Taobao and 1688, a mix of keywords, full pages) until
``STOP_FILE`` exists; then the process prints ``searches=N errors=M`` and exits. The requests are signed by hand and
their answers only checked for ``"code":200``, not parsed into models, so that the server, not this client, is what
the load keeps busy.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
import time
from pathlib import Path

import httpx

from kuajing.protocol.signature import signed_headers

KEYWORDS = ("dress", "手机", "shoes", "女装", "bag", "phone case", "连衣裙", "watch", "kids", "led")
SEARCHES = (
    ("/open/product/item/search", {"pageNo": 1, "pageSize": 40}),
    ("/alibaba/product/keywords/query", {"beginPage": 1, "pageSize": 20}),
)


async def _searcher(
    http: httpx.AsyncClient, creds: tuple[str, str, str], stop: Path, n: int, counts: list[int]
) -> None:
    key, secret, user_id = creds
    words = itertools.islice(itertools.cycle(KEYWORDS), n, None)
    path, page = SEARCHES[n % 2]
    while not stop.exists():
        headers = signed_headers(access_key=key, secret=secret, user_id=user_id, timestamp_ms=time.time_ns() // 10**6)
        body = json.dumps({"keyword": next(words), **page}).encode()
        try:
            answer = await http.post(path, content=body, headers={**headers, "Content-Type": "application/json"})
            counts[0 if b'"code":200' in answer.content else 1] += 1
        except httpx.HTTPError:
            counts[1] += 1


async def main(base_url: str, creds: tuple[str, str, str], concurrency: int, stop: Path) -> None:
    counts = [0, 0]
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as http:
        await asyncio.gather(*(_searcher(http, creds, stop, n, counts) for n in range(concurrency)))
    print(f"searches={counts[0]} errors={counts[1]}", flush=True)


if __name__ == "__main__":
    url, key, secret, user, concurrency, stop_file = sys.argv[1:7]
    asyncio.run(main(url, (key, secret, user), int(concurrency), Path(stop_file)))
