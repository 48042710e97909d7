"""Price and sales *bucket tokens* of the search document (pure, stdlib only).

A broad query at 1M products matches hundreds of thousands of documents; sorting or price-filtering that many rows
costs far more than the 15 ms budget. So every search document also carries the product's price bucket
(``zzq<n>``) and monthly-sales bucket (``zzv<n>``), on a geometric scale (each edge ~1.25× the previous one, so a
bucket holds a few per cent of a typical catalog):

- a page sorted by price or sales walks the buckets in sort order and sorts only the matches of the buckets it
  needs (usually one) — exact, because buckets partition the sort key;
- a price range counts the buckets wholly inside it in the full-text index (an ``OR`` of their tokens) and checks
  prices row by row only in the two edge buckets.

Edges are fixed integers (not logarithms) so that SQL can compute the same buckets (:func:`sql_case`, used by the
migration that adds the tokens to existing documents).
"""

from __future__ import annotations

from bisect import bisect_right

__all__ = ["PRICE_EDGES", "SALES_EDGES", "bucket", "price_token", "sales_token", "sql_case", "tokens"]


def _geometric(start: int, ratio: float, stop: int) -> tuple[int, ...]:
    edges: list[int] = []
    value = float(start)
    while value <= stop:
        edge = round(value)
        if not edges or edge > edges[-1]:
            edges.append(edge)
        value *= ratio
    return tuple(edges)


#: Bucket ``n`` holds values ``edges[n-1] <= v < edges[n]`` (bucket 0: below the first edge; the last bucket is open).
PRICE_EDGES = _geometric(100, 1.25, 10**10)  # fen: ¥1 … ¥100,000,000
SALES_EDGES = _geometric(1, 1.25, 10**10)  # units per month


def bucket(edges: tuple[int, ...], value: int) -> int:
    return bisect_right(edges, value)


def price_token(n: int) -> str:
    return f"zzq{n}"


def sales_token(n: int) -> str:
    return f"zzv{n}"


def tokens(price_fen: int, month_sold: int) -> list[str]:
    return [price_token(bucket(PRICE_EDGES, price_fen)), sales_token(bucket(SALES_EDGES, month_sold))]


def bounds(edges: tuple[int, ...], n: int) -> tuple[int | None, int | None]:
    """``(low, high_exclusive)`` of bucket ``n`` (``None``: unbounded)."""
    return (edges[n - 1] if n > 0 else None, edges[n] if n < len(edges) else None)


def sql_case(edges: tuple[int, ...], column: str) -> str:
    """A portable SQL expression computing :func:`bucket` of *column*."""
    whens = " ".join(f"WHEN {column} < {e} THEN {n}" for n, e in enumerate(edges))
    return f"(CASE {whens} ELSE {len(edges)} END)"
