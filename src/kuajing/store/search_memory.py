"""SQLite keyword search on bitmaps: what each query operand matches, kept per process and intersected in memory.

Why: FTS5 intersects ``AND`` terms by walking their doclists. In a large catalog the platform token and the common
words each hold a quarter to a half of all documents, so at 1M products every full-text pass of a broad query cost
10–20 ms, and a search needed two to four of them (count, page, price edges) — docs/performance.md. Here FTS5
decides what an *operand* (a token, a phrase with its positions, a prefix) matches the first time it is used; the
rowids are kept as a compressed bitmap (pyroaring), and a search intersects bitmaps, counts them, and orders its
page with numpy over the price and sales columns kept beside them.

Reading ahead: listing a broad token from FTS5 costs in proportion to the documents it lists, for a word in a third of
the titles more than a whole search may take (docs/performance.md, "Goods and search"). :meth:`SearchMemory.warm` (a
background thread of the server) reads every token of at least ``warm_docs`` documents
(``KUAJING_SEARCH_READ_AHEAD_DOCS``) once, and the index's vocabulary (``product_fts_vocab``), so that a keyword nobody
searched before is answered from kept bitmaps too, and a prefix is the union of its terms' bitmaps.

Freshness: every write of a search document appends the product to ``product_search_log`` in the same transaction
(``CatalogSearchMixin.index_product``). A search reads the log's last ``seq`` in its own transaction and uses kept
bitmaps only when they were brought to exactly that point. A read transaction brings them forward: it reads the
changed documents and tests every kept operand against them, in Python — exact, because FTS5's ``ascii``
tokenizer makes the document's space-separated words its terms (migration 0011). After more than
:data:`RELOAD_ABOVE` changes, or when the log was pruned past what this process read, everything is dropped and read
again. Write transactions (which may hold uncommitted catalog changes) and transactions older than the kept state
compute without keeping anything. A search therefore answers what its transaction sees, as plain FTS5 did.
Kept bitmaps are never changed in place (a search at the previous state may still hold them): a changed one is
replaced.
"""

from __future__ import annotations

import sys
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import numpy as np
from pyroaring import BitMap

from kuajing.store.search_operands import Document, Operand, Vocabulary

if TYPE_CHECKING:
    from kuajing.store.database import Database
    from kuajing.store.db import Row, Tx

#: Searched operands kept beyond this many are dropped, least recently used first.
MAX_OPERANDS = 2048
#: A catalog change of more products than this drops what is kept and reads it again instead of following it.
RELOAD_ABOVE = 2000
#: Phrases and prefixes are re-tested against changed documents up to this many tests per catch-up; beyond, the
#: searched phrases and prefixes are dropped (tokens are always followed: that costs one lookup per word).
RETEST_LIMIT = 200_000
#: The log keeps at least this many entries; a process further behind reads everything again.
LOG_KEEP = 65_536
#: Tokens in at least this many documents are read ahead by :meth:`SearchMemory.warm` (~2 ms each from FTS5); the
#: default of ``KUAJING_SEARCH_READ_AHEAD_DOCS``.
WARM_DOCS = 8192
#: A prefix is the union of its terms' bitmaps when at most this many of them are not kept yet (each is read from
#: FTS5); a prefix of more unkept terms is read from FTS5's prefix index in one pass.
PREFIX_READS = 32


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


def _read(tx: Tx, expression: str) -> BitMap:
    """What an FTS5 expression matches, in the transaction's snapshot."""
    text = tx.scalar("SELECT group_concat(rowid) AS ids FROM product_fts WHERE product_fts MATCH :m", {"m": expression})
    found = BitMap(_ids(text))
    found.run_optimize()
    return found


def _in_chunks(ids: list[int], sql: str, tx: Tx) -> Iterable[Row]:
    """Rows of ``sql`` (which holds ``IN ({marks})``) for ids 500 at a time."""
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join(f":i{n}" for n in range(len(chunk)))
        yield from tx.all(sql.format(marks=marks), {f"i{n}": v for n, v in enumerate(chunk)})


class Columns:
    """``price_fen`` and ``month_sold`` of every product, indexed by product id (0 where there is none)."""

    def __init__(self, price: np.ndarray, sold: np.ndarray) -> None:
        self.price = price
        self.sold = sold

    @classmethod
    def zeros(cls, size: int) -> Columns:
        return cls(np.zeros(size, dtype=np.int64), np.zeros(size, dtype=np.int64))

    @classmethod
    def read(cls, tx: Tx) -> Columns:
        top = int(tx.scalar("SELECT coalesce(max(id), 0) AS n FROM products"))
        cols = cls.zeros(top + 1)
        text = tx.scalar(
            "SELECT group_concat(id || ',' || price_fen || ',' || month_sold) AS t"
            " FROM products INDEXED BY ix_products_id_price_sales"
        )
        if text:
            rows = np.fromstring(text, dtype=np.int64, sep=",").reshape(-1, 3)
            cols.price[rows[:, 0]] = rows[:, 1]
            cols.sold[rows[:, 0]] = rows[:, 2]
        return cols

    def refreshed(self, tx: Tx, product_ids: list[int], *, shared: bool = True) -> Columns:
        """These columns with the given products read again: a copy when ``shared`` (a search at the previous state
        may still read them), else updated in place — copying is 16 MB at 1M products, ~3 ms per change followed."""
        top = max(product_ids, default=0)
        if top < len(self.price):
            cols = Columns(self.price.copy(), self.sold.copy()) if shared else self
        else:
            cols = Columns.zeros((top + 1) * 5 // 4)
            cols.price[: len(self.price)] = self.price
            cols.sold[: len(self.sold)] = self.sold
        sql = "SELECT id, price_fen, month_sold FROM products WHERE id IN ({marks})"
        for r in _in_chunks(product_ids, sql, tx):
            cols.price[r["id"]] = r["price_fen"]
            cols.sold[r["id"]] = r["month_sold"]
        return cols


def _followed(kept: BitMap, gone: BitMap, matching: list[int] | None) -> BitMap | None:
    """``kept`` with the changed products (``gone``) replaced by those that match now; None when that is ``kept``
    itself (a rewritten document that still matches, or still does not)."""
    now = BitMap(matching) if matching else BitMap()
    if (kept & gone) == now:
        return None
    return (kept - gone) | now


class SearchMemory:
    """One database's kept operands and columns, for this process."""

    def __init__(self, warm_docs: int = WARM_DOCS) -> None:
        self.warm_docs = warm_docs  # 0: nothing is read ahead (the vocabulary neither)
        self._lock = threading.Lock()
        self._seq: int | None = None
        self._columns: Columns | None = None
        self._kept: OrderedDict[Operand, BitMap] = OrderedDict()  # searched lately
        self._warm: dict[str, BitMap] = {}  # broad tokens read ahead by warm()
        self._vocabulary: Vocabulary | None = None
        self.wants_warming = True  # nothing read ahead yet, or dropped by a large change

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

    # following the catalog ----------------------------------------------------------------------------------------
    def _catch_up(self, tx: Tx, seq: int) -> None:
        changed = self._changed_products(tx, seq)
        if changed is None or self._columns is None:
            self._kept.clear()
            self._warm.clear()
            self._vocabulary = None
            self.wants_warming = True
            self._columns = Columns.read(tx)
        elif changed:
            self._follow(tx, changed)
            # Views are made under this lock: if none holds the columns now (CPython's reference count: this
            # attribute and the call's argument), none can until the update is done, and it may happen in place.
            shared = sys.getrefcount(self._columns) > 2
            self._columns = self._columns.refreshed(tx, changed, shared=shared)
        self._seq = seq

    def _changed_products(self, tx: Tx, seq: int) -> list[int] | None:
        """The products changed since the kept state; None when everything must be read again."""
        if self._seq is None or seq - self._seq > RELOAD_ABOVE:
            return None
        first = tx.scalar("SELECT min(seq) AS s FROM product_search_log")
        if first is None or int(first) > self._seq + 1:  # entries this process has not seen were pruned
            return None
        rows = tx.all(
            "SELECT DISTINCT product_id FROM product_search_log WHERE seq > :a AND seq <= :b",
            {"a": self._seq, "b": seq},
        )
        return [int(r["product_id"]) for r in rows]

    def _follow(self, tx: Tx, changed: list[int]) -> None:
        """Bring every kept bitmap to the changed documents (a deleted product's document is gone)."""
        sql = "SELECT product_id, body FROM product_search WHERE product_id IN ({marks})"
        docs = {int(r["product_id"]): Document.of(str(r["body"])) for r in _in_chunks(changed, sql, tx)}
        holders: dict[str, list[int]] = {}  # token -> changed products whose document now holds it
        for pid, doc in docs.items():
            for w in doc.present:
                holders.setdefault(w, []).append(pid)
        if self._vocabulary is not None:
            self._vocabulary.add(holders)
        gone = BitMap(changed)
        for token, kept in self._warm.items():
            if token in holders or kept.intersect(gone):
                followed = _followed(kept, gone, holders.get(token))
                if followed is not None:
                    self._warm[token] = followed
        compound = [op for op in self._kept if op.token is None]
        if len(compound) * len(docs) > RETEST_LIMIT:
            for op in compound:
                del self._kept[op]
        for op, kept in self._kept.items():
            matching = (
                holders.get(op.token)
                if op.token is not None
                else [pid for pid, doc in docs.items() if op.found_in(doc)]
            )
            if matching or kept.intersect(gone):
                followed = _followed(kept, gone, matching)
                if followed is not None:
                    self._kept[op] = followed

    # reading ahead ----------------------------------------------------------------------------------------------
    def warm(self, db: Database) -> bool:
        """Read the vocabulary and every token of at least ``warm_docs`` documents; False when the catalog
        changed meanwhile (nothing is installed then: call again). With ``warm_docs`` 0 the read-ahead is off."""
        if not self.warm_docs:
            self.wants_warming = False
            return True
        with db.transaction(write=False) as tx:
            view = self.view(tx)
            rows = tx.all("SELECT term, doc FROM product_fts_vocab")
            terms = [str(r["term"]) for r in rows]
            broad = {
                t: _read(tx, Operand((t,)).fts5())
                for t, r in zip(terms, rows, strict=True)
                if r["doc"] >= self.warm_docs
            }
            vocabulary = Vocabulary(terms)
        with self._lock:
            if view.seq != self._seq:
                return False
            self._warm, self._vocabulary, self.wants_warming = broad, vocabulary, False
            return True

    def forget(self, keep: Callable[[Operand], bool] | None = None, *, read_ahead: bool = False) -> None:
        """Drop searched operands (all, or those ``keep`` refuses) and, with ``read_ahead``, what :meth:`warm` read:
        bench/search.py's new-keyword and cold figures."""
        with self._lock:
            for op in [o for o in self._kept if keep is None or not keep(o)]:
                del self._kept[op]
            if read_ahead:
                self._warm, self._vocabulary, self.wants_warming = {}, None, True

    # kept bitmaps -------------------------------------------------------------------------------------------------
    def _get(self, op: Operand, seq: int) -> BitMap | None:
        with self._lock:
            if seq != self._seq:
                return None
            warm = self._warm.get(op.token) if op.token is not None else None
            if warm is not None:
                return warm
            found = self._kept.get(op)
            if found is not None:
                self._kept.move_to_end(op)
            return found

    def _put(self, op: Operand, matches: BitMap, seq: int) -> None:
        with self._lock:
            if seq != self._seq:
                return
            self._kept[op] = matches
            if len(self._kept) > MAX_OPERANDS:
                self._kept.popitem(last=False)

    def _terms(self, prefix: str, seq: int) -> list[str] | None:
        with self._lock:
            if seq != self._seq or self._vocabulary is None:
                return None
            return self._vocabulary.with_prefix(prefix)


class SearchView:
    """The operands and columns of one transaction's snapshot (kept ones when the memory is at that snapshot)."""

    def __init__(self, tx: Tx, memory: SearchMemory | None, columns: Columns, seq: int = -1) -> None:
        self._tx = tx
        self._memory = memory
        self.seq = seq
        self.columns = columns

    def matches(self, op: Operand) -> BitMap:
        """The rowids an operand matches (read once per catalog state, then kept)."""
        if self._memory is None:
            return _read(self._tx, op.fts5())
        found = self._memory._get(op, self.seq)
        if found is None:
            found = (self._union_of_terms(op) if op.prefix else None) or _read(self._tx, op.fts5())
            self._memory._put(op, found, self.seq)
        return found

    def _union_of_terms(self, op: Operand) -> BitMap | None:
        """A prefix as the union of its terms' bitmaps, when the vocabulary is known and few terms are not kept."""
        assert self._memory is not None
        terms = self._memory._terms(op.tokens[0], self.seq)
        if not terms:  # vocabulary unknown (or no term: FTS5 answers that at once)
            return None
        kept: list[BitMap] = []
        missing: list[str] = []
        for term in terms:
            found = self._memory._get(Operand((term,)), self.seq)
            if found is not None:
                kept.append(found)
            elif len(missing) == PREFIX_READS:
                return None
            else:
                missing.append(term)
        return BitMap.union(*kept, *(self.matches(Operand((term,))) for term in missing))

    def any_of(self, operands: list[Operand]) -> BitMap:
        """The rowids any operand matches (a term's forms: its spellings, in a title or in the context)."""
        sets = [self.matches(o) for o in operands]
        return sets[0] if len(sets) == 1 else BitMap.union(*sets)
