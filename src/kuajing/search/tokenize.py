"""Application-side tokenisation for full-text search (pure).

Why tokens are made in Python rather than by the database: the stdlib ``sqlite3`` on the target
machines is 3.40.1, whose FTS5 ``trigram`` tokenizer silently misses 2-character CJK patterns and
cannot remove diacritics; jieba-style word segmentation of documents misses substrings that are not
words.  So documents are turned into a token stream here and the
back ends only have to split on spaces; queries are turned into the same tokens by search/query.py:

* SQLite: ``CREATE VIRTUAL TABLE … USING fts5(body, tokenize='ascii')`` (:data:`SQLITE_FTS5_TOKENIZE`) over
  the document text. ``ascii`` splits on spaces (and ASCII punctuation, which tokens never hold), so FTS5's terms
  are exactly these tokens and a match can be decided from a document in Python too (store/search_memory.py).
* PostgreSQL: ``to_tsvector('simple', body)`` (GIN-indexed) queried with ``to_tsquery('simple', …)``.

Token rules (documents):

* Everything is :func:`fold`-ed first: NFKC (full-width → half-width), case-folded, Latin diacritics
  and other non-spacing marks dropped, ``đ``→``d``, whitespace collapsed.
* CJK (Han, kana, Hangul) and Thai-like scripts (Thai, Lao, Khmer, Myanmar — no spaces between
  words) become overlapping **bigrams** followed by the run's **unigrams** (so a 1-character query
  matches).  Runs separated only by whitespace are joined first, so ``"纯棉 宽松"`` is also found
  by ``"纯棉宽松"``.
* Other scripts: words of letters/digits, split on everything else (``"X1234"`` → ``x1234``), each
  followed by its other English spellings (``grey`` → ``grey gray``, search/spelling.py); words joined
  by a hyphen or an apostrophe are also indexed as one (``t-shirt`` → ``t shirt tshirt``). Words are
  cut to :data:`MAX_WORD_CHARS` characters (same cut on the query side).
* Title words are indexed as they are; context words (category path, shop names, attribute values) with
  :data:`CONTEXT_MARK` before them (:func:`context_text`), so one index tells a title match from a
  context match.

Thai vowel signs and tone marks are non-spacing marks and are dropped in :func:`fold` like Latin
diacritics (SQLite's first tokenizer, ``unicode61``, split words on them), at the cost of e.g. ``ไม้``
and ``ไม`` being the same key — recall over precision.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from kuajing.search.spelling import variants

__all__ = [
    "CJK",
    "CONTEXT_MARK",
    "MAX_QUERY_TERMS",
    "MAX_WORD_CHARS",
    "SEA",
    "Run",
    "SQLITE_FTS5_TOKENIZE",
    "WORD",
    "bigrams",
    "context_text",
    "document_text",
    "document_tokens",
    "fold",
    "runs",
]

#: The FTS5 tokenizer clause to create tables with (tokens are already folded here; migration 0011).
SQLITE_FTS5_TOKENIZE = "ascii"
#: Longer letter/digit words are truncated (documents and queries alike) — PostgreSQL refuses
#: lexemes over 2 KiB and such "words" are never real search terms anyway.
MAX_WORD_CHARS = 64
#: Query terms beyond this many are ignored (protects the database from pathological queries).
MAX_QUERY_TERMS = 32
#: Context words (category path, shop names, attribute values) are indexed with this mark before them, beside the
#: title words in the same column: a plain term then matches titles only, and the marked one the context, so a search
#: can rank title matches first from the same index (``zz…`` are the filter tokens).
CONTEXT_MARK = "zx"
#: A hyphen or an apostrophe between two words joins them into a compound (``t-shirt``, ``men's``).
_JOINERS = frozenset("-\u2010'\u2019")

# Scripts written without spaces between words: tokenised into bigrams + unigrams.
_CJK_RANGES = (
    "\u3005-\u3007"  # 々 〆 〇
    "\u3021-\u3029\u3038-\u303b"  # Hangzhou numerals, 〸 … 〻
    "\u3041-\u3096\u309d-\u309f"  # hiragana (without the combining/spacing voicing marks)
    "\u30a1-\u30fa\u30fc-\u30ff"  # katakana (without ・ U+30FB and ゠ U+30A0)
    "\u3105-\u312f\u31a0-\u31bf\u31f0-\u31ff"  # bopomofo, katakana ext.
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han: ext. A, unified, compatibility
    "\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e"  # Hangul
    "\U00020000-\U0003134f"  # Han ext. B–G
)
_SEA_RANGES = "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"  # Thai, Lao, Myanmar, Khmer
# A "word character" is a letter or digit (str.isalnum); ``[^\W_]`` is that in ``re``.
_RUN = re.compile(rf"([{_CJK_RANGES}]+)|([{_SEA_RANGES}]+)|([^\W_{_CJK_RANGES}{_SEA_RANGES}]+)")
CJK, SEA, WORD = 1, 2, 3  # the kinds of :func:`runs`

# Letters that carry no decomposable diacritic but should fold like one.
_LETTER_MAP = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ı": "i", "æ": "ae", "œ": "oe"})
# Kana voicing marks are combining marks too, but NFC recomposes them (が stays が) — keep them.
_KEEP_MARKS = frozenset("\u3099\u309a")


def fold(text: str) -> str:
    """Normalise *text* for matching: NFKC, case-fold, drop diacritics/marks, ``đ``→``d``, collapse
    whitespace.  ``fold("Không DÂY  ＷＩＲＥ")`` → ``"khong day wire"``."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_mark_table()))
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _mark_table() -> dict[int, str | None]:
    """One ``str.translate`` table: every non-spacing/enclosing mark (but :data:`_KEEP_MARKS`) deleted, plus
    :data:`_LETTER_MAP` (built once, ~0.2 s; far cheaper than a per-character ``unicodedata`` call)."""
    table: dict[int, str | None] = {
        c: None
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in ("Mn", "Me") and chr(c) not in _KEEP_MARKS
    }
    table.update({k: v for k, v in _LETTER_MAP.items() if isinstance(v, str)})
    return table


class Run(NamedTuple):
    kind: int  # CJK, SEA or WORD
    text: str
    joined: bool  # a word that follows the previous word across one hyphen or apostrophe (``t-shirt``)


def runs(folded: str, *, join_across_spaces: bool) -> list[Run]:
    """Split folded text into runs; optionally merge CJK/Thai runs separated only by spaces (as documents are
    indexed)."""
    found: list[Run] = []
    prev_end = -1
    for m in _RUN.finditer(folded):
        kind = m.lastindex or WORD
        run = m.group(kind)
        gap = folded[prev_end : m.start()]
        if join_across_spaces and kind != WORD and found and found[-1].kind == kind and gap.isspace():
            found[-1] = Run(kind, found[-1].text + run, False)
        else:
            joined = kind == WORD and bool(found) and found[-1].kind == WORD and gap in _JOINERS
            found.append(Run(kind, run, joined))
        prev_end = m.end()
    return found


def bigrams(run: str) -> list[str]:
    """The overlapping pairs of a CJK/Thai run (the run itself when it is one character)."""
    return [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]


def _word(run: str) -> str:
    return run[:MAX_WORD_CHARS]


def document_tokens(text: str) -> list[str]:
    """Index tokens for *text*, in order.  A CJK/Thai run yields its bigrams (adjacent, so phrase
    queries work) followed by its unigrams; other words are folded and kept whole, each followed by
    its other spellings (search/spelling.py); words joined by a hyphen or an apostrophe are also
    indexed as one (``t-shirt`` → ``t shirt tshirt``), so that a query typing them joined finds them."""
    tokens: list[str] = []
    chain = ""  # the hyphenated or apostrophised compound the current word ends, joined so far
    for kind, run, joined in runs(fold(text), join_across_spaces=True):
        if kind == WORD:
            word = _word(run)
            tokens.append(word)
            tokens.extend(variants(word))
            chain = chain + run if joined else run
            if joined:
                compound = _word(chain)
                tokens.append(compound)
                tokens.extend(variants(compound))
        elif len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(bigrams(run))
            tokens.extend(run)
    return tokens


def document_text(text: str) -> str:
    """:func:`document_tokens` joined by spaces — the column value for FTS5 / ``to_tsvector('simple', …)``."""
    return " ".join(document_tokens(text))


def context_text(text: str) -> str:
    """The tokens of *text* marked as context (:data:`CONTEXT_MARK`): category names, shop names, attribute values —
    found by a search as well as title words, and ranked below them."""
    return " ".join(CONTEXT_MARK + t for t in document_tokens(text))
