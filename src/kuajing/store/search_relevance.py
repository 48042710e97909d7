"""Relevance groups of a keyword's match set: title matches first, the exact phrase first among them.

A product's score counts, lexicographically, (1) the query terms found in one of its titles (the first
:data:`RANK_TERMS` terms), (2) whether the exact phrase typed is in a title (Chinese cut into words, search/query.py),
(3) the terms found in a title as whole words rather than only as a prefix (``xe`` before ``xếp``). A match found
only through the context — the category path, a shop name, an attribute value — scores nothing for that term. So
``红色连衣裙`` puts the red dresses whose title reads ``…连衣裙 红色`` first, then those whose colour is only an
attribute, and a skirt found by its category ``Dresses & Skirts`` after every title that says dress. Within a score,
the usual relevance order applies (bm25 / ``ts_rank`` for a small match set, month sales otherwise:
catalog_search.py). The points: :data:`WHOLE_POINTS` per whole word, :data:`PHRASE_POINTS` for the phrase,
:data:`TITLE_POINTS` per title term — each more than everything below it can add up to.

Why groups of bitmaps and not a score per product: the kept bitmaps (store/search_memory.py) already say which
products hold each term in a title, so splitting the match set costs a few bitmap operations per term (microseconds,
even for a match set of half the catalog), and only the groups a page reaches are ordered. PostgreSQL computes the
same score in SQL (``CASE WHEN tsv @@ …``), so both back ends put the same products in the same groups.
"""

from __future__ import annotations

from typing import NamedTuple

from pyroaring import BitMap

__all__ = ["PHRASE_POINTS", "RANK_TERMS", "TITLE_POINTS", "WHOLE_POINTS", "TermSets", "relevance_groups"]

#: Only the first terms of a long query count for the score (the groups multiply with the terms).
RANK_TERMS = 6
WHOLE_POINTS = 1
PHRASE_POINTS = RANK_TERMS * WHOLE_POINTS + 1
TITLE_POINTS = PHRASE_POINTS + RANK_TERMS * WHOLE_POINTS + 1


class TermSets(NamedTuple):
    """The products whose title holds a term, and (for a prefix term) those whose title holds it as a whole word."""

    in_title: BitMap
    whole: BitMap | None = None


def relevance_groups(matched: BitMap, terms: list[TermSets], exact: BitMap | None = None) -> list[BitMap]:
    """``matched`` split into non-empty groups of equal score, best first. ``exact``: the products whose title
    holds the exact phrase (None when the query has none)."""
    scored: dict[int, BitMap] = {0: matched}
    for term in terms[:RANK_TERMS]:
        scored = _split(scored, term.in_title, TITLE_POINTS)
        if term.whole is not None:
            scored = _split(scored, term.whole, WHOLE_POINTS)
    if exact is not None:
        scored = _split(scored, exact, PHRASE_POINTS)
    return [scored[s] for s in sorted(scored, reverse=True)]


def _split(scored: dict[int, BitMap], found: BitMap, points: int) -> dict[int, BitMap]:
    out: dict[int, BitMap] = {}
    for score, group in scored.items():
        hit = group & found
        if not hit:
            _add(out, score, group)
            continue
        _add(out, score + points, hit)
        if len(hit) < len(group):
            _add(out, score, group - hit)
    return out


def _add(out: dict[int, BitMap], score: int, group: BitMap) -> None:
    out[score] = out[score] | group if score in out else group
