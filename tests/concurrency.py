"""Racing threads for the concurrency tests: all released at once by a barrier."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def race(n: int, work: Callable[[int], T], *, timeout_s: float = 120) -> list[T | Exception]:
    """Run ``work(0) … work(n-1)`` in ``n`` threads started together; each slot holds the result or the exception."""
    barrier = threading.Barrier(n)
    results: list[T | Exception] = [RuntimeError("thread did not finish")] * n

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = work(i)
        except Exception as exc:  # collected for the caller's assertions
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=timeout_s)
    return results


def succeeded(results: list[T | Exception]) -> list[T]:
    """The results of a race in which no thread may fail: the first exception is raised again."""
    for result in results:
        if isinstance(result, Exception):
            raise result
    return [r for r in results if not isinstance(r, Exception)]
