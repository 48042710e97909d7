"""Keyword-search load on a live server, for the delivery-under-load test: run in its own process so that its
work competes with the server, not with the test's receiver.

    python -m tests.delivery.search_load BASE_URL ACCESS_KEY ACCESS_SECRET USER_ID CONCURRENCY STOP_FILE

``CONCURRENCY`` signed searches are kept in flight (Taobao and 1688, a mix of keywords) until ``STOP_FILE``
exists; then the process prints ``searches=N errors=M`` and exits.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
from pathlib import Path

from kuajing.client import AsyncClient

KEYWORDS = ("dress", "手机", "shoes", "女装", "bag", "phone case", "连衣裙", "watch", "kids", "led")


async def _searcher(client: AsyncClient, stop: Path, n: int, counts: list[int]) -> None:
    words = itertools.islice(itertools.cycle(KEYWORDS), n, None)
    while not stop.exists():
        word = next(words)
        try:
            if n % 2:
                await client.taobao.products.search(word, page_size=40)
            else:
                await client.alibaba.products.search(word, page_size=20)
            counts[0] += 1
        except Exception:  # noqa: BLE001 - a failed search is counted, the load goes on
            counts[1] += 1


async def main(base_url: str, key: str, secret: str, user_id: str, concurrency: int, stop: Path) -> None:
    counts = [0, 0]
    async with AsyncClient(
        base_url=base_url, access_key=key, access_secret=secret, user_id=user_id, max_retries=0, timeout_s=60
    ) as client:
        await asyncio.gather(*(_searcher(client, stop, n, counts) for n in range(concurrency)))
    print(f"searches={counts[0]} errors={counts[1]}", flush=True)


if __name__ == "__main__":
    url, key, secret, user, concurrency, stop_file = sys.argv[1:7]
    asyncio.run(main(url, key, secret, user, int(concurrency), Path(stop_file)))
