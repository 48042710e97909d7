"""SQLite keyword search on bitmaps: what each query operand matches, kept per process and intersected in µs.

Why: FTS5 intersects ``AND`` terms by walking their doclists. In a large catalog the platform token and the common
words each hold a quarter to a half of all documents, so at 1M products every full-text pass of a broad query cost
10–20 ms, and a search needed two to four of them (count, page, price edges) — docs/performance.md. Here FTS5 still
decides what each *operand* matches (a phrase with its positions, a prefix term, a filter token), exactly as
before, but once: the matching rowids are kept as a compressed bitmap (pyroaring), and a search intersects
bitmaps, counts them, and orders its page with numpy over the price and sales columns kept beside them.

Freshness: every write of a search document appends the product to ``product_search_log`` in the same transaction
(``CatalogSearchMixin.index_product``). A search reads the log's last ``seq`` in its own transaction; the kept
operands are used only when they were read at exactly that point. When the catalog has moved on, they are dropped
and the price and sales of the changed products are read again (all of them after a large change). Write
transactions (which may hold uncommitted catalog changes) and transactions older than the kept state compute
without keeping anything. A search therefore answers what its transaction sees, as plain FTS5 did.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from pyroaring import BitMap

if TYPE_CHECKING:
    from kuajing.store.db import Tx

#: Kept operands beyond this many are dropped, least recently used first.
MAX_OPERANDS = 2048
#: A catalog change of more products than this re-reads every price and sales figure instead of each one.
RELOAD_ABOVE = 2000
#: The log keeps at least this many entries; a process further behind reads everything again.
LOG_KEEP = 65_536


def log_change(tx: Tx, product_id: int) -> None:
    """Record (in the caller's transaction) that a product's search document changed."""
    seq = tx.scalar("INSERT INTO product_search_log (product_id) VALUES (:id) RETURNING seq", {"id": product_id})
    if int(seq) % 4096 == 0:
        tx.execute("DELETE FROM product_search_log WHERE seq < :s", {"s": int(seq) - LOG_KEEP})


def _ids(text: str | None) -> array[int]:
    """A comma-separated list of rowids (SQLite's ``group_concat``) as 32-bit integers, parsed in C."""
    out = array("I")
    if text:
        ids = np.fromstring(text, dtype=np.int64, sep=",")
        if len(ids) and (ids.min() < 0 or ids.max() >= 1 << 32):  # roaring bitmaps hold 32-bit ids
            raise ValueError("product ids must lie in 0 … 2^32 - 1 for the SQLite search")
        out.frombytes(ids.astype(np.uint32).tobytes())
    return out


class Columns:
    """``price_fen`` and ``month_sold`` of every product, indexed by product id (0 where there is none)."""

    def __init__(self, size: int) -> None:
        self.price = np.zeros(size, dtype=np.int64)
        self.sold = np.zeros(size, dtype=np.int64)

    @classmethod
    def read(cls, tx: Tx) -> Columns:
        top = int(tx.scalar("SELECT coalesce(max(id), 0) AS n FROM products"))
        cols = cls(top + 1)
        text = tx.scalar(
            "SELECT group_concat(id || ',' || price_fen || ',' || month_sold) AS t"
            " FROM products INDEXED BY ix_products_id_price_sales"
        )
        if text:
            rows = np.fromstring(text, dtype=np.int64, sep=",").reshape(-1, 3)
            cols.price[rows[:, 0]] = rows[:, 1]
            cols.sold[rows[:, 0]] = rows[:, 2]
        return cols

    def refresh(self, tx: Tx, product_ids: list[int]) -> Columns:
        top = max(product_ids, default=0)
        cols = self
        if top >= len(self.price):
            cols = Columns(max(top + 1, len(self.price) * 5 // 4))
            cols.price[: len(self.price)] = self.price
            cols.sold[: len(self.sold)] = self.sold
        for start in range(0, len(product_ids), 500):
            chunk = product_ids[start : start + 500]
            marks = ", ".join(f":i{n}" for n in range(len(chunk)))
            for r in tx.all(
                f"SELECT id, price_fen, month_sold FROM products WHERE id IN ({marks})",
                {f"i{n}": v for n, v in enumerate(chunk)},
            ):
                cols.price[r["id"]] = r["price_fen"]
                cols.sold[r["id"]] = r["month_sold"]
        return cols


class SearchMemory:
    """One database's kept operands and columns, for this process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seq: int | None = None
        self._operands: OrderedDict[str, BitMap] = OrderedDict()
        self._columns: Columns | None = None

    def view(self, tx: Tx) -> SearchView:
        seq = int(tx.scalar("SELECT coalesce(max(seq), 0) AS s FROM product_search_log"))
        with self._lock:
            # Only a read transaction moves the memory on: a write transaction's newer entries may be its own,
            # uncommitted ones. A write transaction at the kept state has changed nothing and may use it.
            if not tx.writable and (self._seq is None or self._columns is None or seq > self._seq):
                self._catch_up(tx, seq)
            if seq == self._seq and self._columns is not None:
                return SearchView(tx, self, self._columns, seq)
        return SearchView(tx, None, Columns.read(tx))  # an older snapshot, or uncommitted catalog changes

    def _catch_up(self, tx: Tx, seq: int) -> None:
        self._operands.clear()
        self._columns = self._changed_columns(tx, seq) or Columns.read(tx)
        self._seq = seq

    def _changed_columns(self, tx: Tx, seq: int) -> Columns | None:
        """The kept columns with the changed products read again; None when everything must be read."""
        if self._columns is None or self._seq is None or seq - self._seq > RELOAD_ABOVE:
            return None
        first = tx.scalar("SELECT min(seq) AS s FROM product_search_log")
        if first is None or int(first) > self._seq + 1:  # entries this process has not seen were pruned
            return None
        rows = tx.all(
            "SELECT DISTINCT product_id FROM product_search_log WHERE seq > :a AND seq <= :b",
            {"a": self._seq, "b": seq},
        )
        return self._columns.refresh(tx, [int(r["product_id"]) for r in rows])

    def forget_operands(self, keep: Callable[[str], bool] | None = None) -> None:
        """Drop the kept operands (all, or those ``keep`` refuses): the next searches read them from FTS5 again —
        bench/search.py's cold and new-keyword figures."""
        with self._lock:
            for operand in [o for o in self._operands if keep is None or not keep(o)]:
                del self._operands[operand]

    def _get(self, operand: str, seq: int) -> BitMap | None:
        with self._lock:
            if seq != self._seq:
                return None
            found = self._operands.get(operand)
            if found is not None:
                self._operands.move_to_end(operand)
            return found

    def _put(self, operand: str, matches: BitMap, seq: int) -> None:
        with self._lock:
            if seq != self._seq:
                return
            self._operands[operand] = matches
            if len(self._operands) > MAX_OPERANDS:
                self._operands.popitem(last=False)


class SearchView:
    """The operands and columns of one transaction's snapshot (kept ones when the memory is at that snapshot)."""

    def __init__(self, tx: Tx, memory: SearchMemory | None, columns: Columns, seq: int = -1) -> None:
        self._tx = tx
        self._memory = memory
        self._seq = seq
        self.columns = columns

    def matches(self, operand: str) -> BitMap:
        """The rowids an FTS5 expression matches (read once per catalog state, then kept)."""
        found = self._memory._get(operand, self._seq) if self._memory else None
        if found is None:
            text = self._tx.scalar(
                "SELECT group_concat(rowid) AS ids FROM product_fts WHERE product_fts MATCH :m", {"m": operand}
            )
            found = BitMap(_ids(text))
            found.run_optimize()
            if self._memory:
                self._memory._put(operand, found, self._seq)
        return found

    def all_of(self, operands: list[str]) -> BitMap:
        """The rowids every operand matches (smallest first, so each intersection is as small as it gets)."""
        sets = sorted((self.matches(o) for o in operands), key=len)
        return BitMap.intersection(*sets) if len(sets) > 1 else BitMap(sets[0])
