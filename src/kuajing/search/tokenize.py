"""Application-side tokenisation for full-text search (pure, stdlib only).

Why tokens are made in Python rather than by the database: the stdlib ``sqlite3`` on the target
machines is 3.40.1, whose FTS5 ``trigram`` tokenizer silently misses 2-character CJK patterns and
cannot remove diacritics; jieba-style word segmentation misses substrings that are not words (see
``docs``/stack-measurements §5).  So documents and queries are turned into the *same* token stream
here and the back ends only have to split on spaces:

* SQLite: ``CREATE VIRTUAL TABLE … USING fts5(body, tokenize='ascii')`` (:data:`SQLITE_FTS5_TOKENIZE`) over
  :func:`document_text`, queried with :func:`fts5_match`. ``ascii`` splits on spaces (and ASCII punctuation, which
  tokens never hold), so FTS5's terms are exactly these tokens and a match can be decided from a document in Python
  too (store/search_memory.py).
* PostgreSQL: ``to_tsvector('simple', document_text)`` (GIN-indexed) queried with
  ``to_tsquery('simple', pg_tsquery(q))``.

Token rules (documents):

* Everything is :func:`fold`-ed first: NFKC (full-width → half-width), case-folded, Latin diacritics
  and other non-spacing marks dropped, ``đ``→``d``, whitespace collapsed.
* CJK (Han, kana, Hangul) and Thai-like scripts (Thai, Lao, Khmer, Myanmar — no spaces between
  words) become overlapping **bigrams** followed by the run's **unigrams** (so a 1-character query
  matches).  Runs separated only by whitespace are joined first, so ``"纯棉 宽松"`` is also found
  by ``"纯棉宽松"`` (a query *with* the space stays two ANDed terms and matches as well).
* Other scripts: words of letters/digits, split on everything else (``"X1234"`` → ``x1234``).
  Words are cut to :data:`MAX_WORD_CHARS` characters (same cut on the query side).

Queries: every CJK/Thai run becomes a phrase of its bigrams (a 1-character run its unigram), every
other word a prefix term (``wire`` finds ``wireless``); all terms are ANDed.  Every token is quoted,
so FTS5/tsquery operators typed by a user are just text.

Thai vowel signs and tone marks are non-spacing marks and are dropped in :func:`fold` like Latin
diacritics (SQLite's first tokenizer, ``unicode61``, split words on them), at the cost of e.g. ``ไม้``
and ``ไม`` being the same key — recall over precision.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

__all__ = [
    "MAX_QUERY_TERMS",
    "MAX_WORD_CHARS",
    "SQLITE_FTS5_TOKENIZE",
    "document_text",
    "document_tokens",
    "fold",
    "fts5_match",
    "fts5_operand",
    "fts5_terms",
    "pg_tsquery",
    "query_groups",
    "query_tokens",
]

#: The FTS5 tokenizer clause to create tables with (tokens are already folded here; migration 0011).
SQLITE_FTS5_TOKENIZE = "ascii"
#: Longer letter/digit words are truncated (documents and queries alike) — PostgreSQL refuses
#: lexemes over 2 KiB and such "words" are never real search terms anyway.
MAX_WORD_CHARS = 64
#: Query terms beyond this many are ignored (protects the database from pathological queries).
MAX_QUERY_TERMS = 32

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
_CJK, _SEA, _WORD = 1, 2, 3

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


def _runs(folded: str, join_across_spaces: bool) -> list[tuple[int, str]]:
    """Split folded text into ``(kind, run)``; optionally merge CJK/Thai runs separated by spaces."""
    runs: list[tuple[int, str]] = []
    prev_end = -1
    for m in _RUN.finditer(folded):
        kind = m.lastindex or _WORD
        run = m.group(kind)
        if (
            join_across_spaces
            and kind != _WORD
            and runs
            and runs[-1][0] == kind
            and folded[prev_end : m.start()].isspace()
        ):
            runs[-1] = (kind, runs[-1][1] + run)
        else:
            runs.append((kind, run))
        prev_end = m.end()
    return runs


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]


def document_tokens(text: str) -> list[str]:
    """Index tokens for *text*, in order.  A CJK/Thai run yields its bigrams (adjacent, so phrase
    queries work) followed by its unigrams; other words are folded and kept whole."""
    tokens: list[str] = []
    for kind, run in _runs(fold(text), join_across_spaces=True):
        if kind == _WORD:
            tokens.append(run[:MAX_WORD_CHARS])
        elif len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(_bigrams(run))
            tokens.extend(run)
    return tokens


def document_text(text: str) -> str:
    """:func:`document_tokens` joined by spaces — the column value for FTS5 / ``to_tsvector('simple', …)``."""
    return " ".join(document_tokens(text))


def query_groups(q: str) -> list[tuple[list[str], bool]]:
    """``(tokens, is_prefix)`` per ANDed query term; see :func:`query_tokens`."""
    groups: list[tuple[list[str], bool]] = []
    for kind, run in _runs(fold(q), join_across_spaces=False):
        group = ([run[:MAX_WORD_CHARS]], True) if kind == _WORD else (_bigrams(run), False)
        if group not in groups:
            groups.append(group)
            if len(groups) >= MAX_QUERY_TERMS:
                break
    return groups


def query_tokens(q: str) -> list[list[str]]:
    """The query as ANDed groups: a CJK/Thai run is a group of its bigrams (a phrase; a 1-char run
    is ``[unigram]``), any other word a 1-element group matched as a prefix.  Duplicates dropped,
    at most :data:`MAX_QUERY_TERMS` groups."""
    return [tokens for tokens, _ in query_groups(q)]


def _fts5_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def fts5_operand(tokens: list[str] | tuple[str, ...], prefix: bool) -> str:
    """One query group as an FTS5 expression: a phrase of its tokens, or a prefix term (one token)."""
    return _fts5_quote(tokens[0]) + "*" if prefix else _fts5_quote(" ".join(tokens))


def fts5_terms(q: str) -> list[str]:
    """The ANDed operands of :func:`fts5_match`, each a complete FTS5 expression on its own (a phrase or a
    prefix term): ``fts5_terms('蓝牙耳机 wire')`` → ``['"蓝牙 牙耳 耳机"', '"wire"*']``."""
    return [fts5_operand(group, prefix) for group, prefix in query_groups(q)]


def fts5_match(q: str) -> str | None:
    """A safe SQLite FTS5 ``MATCH`` expression for user query *q*, or ``None`` if *q* has no
    searchable token.  ``fts5_match('蓝牙耳机 wire')`` → ``'"蓝牙 牙耳 耳机" AND "wire"*'``."""
    return " AND ".join(fts5_terms(q)) or None


def _pg_quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def pg_tsquery(q: str) -> str | None:
    """The PostgreSQL equivalent of :func:`fts5_match`, for ``to_tsquery('simple', …)``, or ``None``.
    ``pg_tsquery('蓝牙耳机 wire')`` → ``"('蓝牙' <-> '牙耳' <-> '耳机') & 'wire':*"``."""
    parts = []
    for group, prefix in query_groups(q):
        if prefix:
            parts.append(_pg_quote(group[0]) + ":*")
        elif len(group) == 1:
            parts.append(_pg_quote(group[0]))
        else:
            parts.append("(" + " <-> ".join(_pg_quote(t) for t in group) + ")")
    return " & ".join(parts) if parts else None
