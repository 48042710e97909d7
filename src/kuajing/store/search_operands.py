"""What FTS5 matches, as the kept keyword search (search_memory.py) sees it: a query's operands (a token, a phrase,
a prefix), a search document's words, the index's vocabulary, and the intersection of operand bitmaps. An operand
is tested against a changed document in Python, exactly as FTS5's ``ascii`` tokenizer would match it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from pyroaring import BitMap

from kuajing.search.query import fts5_operand

if TYPE_CHECKING:
    pass


class Operand(NamedTuple):
    """One ANDed part of a query: a token, a phrase (tokens adjacent and in order), or the prefix of a token."""

    tokens: tuple[str, ...]
    prefix: bool = False

    @property
    def token(self) -> str | None:
        """The one token this operand is (not a phrase, not a prefix), else None."""
        return self.tokens[0] if not self.prefix and len(self.tokens) == 1 else None

    def fts5(self) -> str:
        """The operand as an FTS5 expression (quoted: whatever a buyer typed is just text)."""
        return fts5_operand(self.tokens, self.prefix)

    def found_in(self, doc: Document) -> bool:
        """Whether FTS5 matches this document."""
        first = self.tokens[0]
        if self.prefix:
            at = bisect.bisect_left(doc.ordered, first)
            return at < len(doc.ordered) and doc.ordered[at].startswith(first)
        if len(self.tokens) == 1:
            return first in doc.present
        if any(t not in doc.present for t in self.tokens):
            return False
        n, want = len(self.tokens), list(self.tokens)
        return any(w == first and doc.words[i : i + n] == want for i, w in enumerate(doc.words))


class Document(NamedTuple):
    """A search document as FTS5 sees it: its words in order (FTS5's terms), as a set, and sorted (for prefixes)."""

    words: list[str]
    present: set[str]
    ordered: list[str]

    @classmethod
    def of(cls, body: str) -> Document:
        words = body.split()
        present = set(words)
        return cls(words, present, sorted(present))


class Vocabulary:
    """Every term of the index, sorted (a superset: terms are added as documents change, never removed)."""

    def __init__(self, terms: list[str]) -> None:
        self._sorted = sorted(terms)
        self._known = set(self._sorted)

    def add(self, words: Iterable[str]) -> None:
        for w in words:
            if w not in self._known:
                self._known.add(w)
                bisect.insort(self._sorted, w)

    def with_prefix(self, prefix: str) -> list[str]:
        out = []
        for term in self._sorted[bisect.bisect_left(self._sorted, prefix) :]:
            if not term.startswith(prefix):
                break
            out.append(term)
        return out


def intersection(sets: list[BitMap]) -> BitMap:
    """The rowids in every set (smallest first, so each intersection is as small as it gets); never one of ``sets``
    itself, which may be kept."""
    ordered = sorted(sets, key=len)
    return BitMap.intersection(*ordered) if len(ordered) > 1 else BitMap(ordered[0])
