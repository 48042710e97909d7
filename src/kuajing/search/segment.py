"""Chinese word segmentation of search queries (jieba's dictionary and HMM, through the ``rjieba`` binding).

Why only queries: documents are indexed as overlapping bigrams (search/tokenize.py), which find any substring, word
or not. A query typed as one run, ``红色连衣裙``, is cut into its words (``红色`` ``连衣裙``) so that each word is
matched on its own, in any order: the catalog's title says ``连衣裙 红色``. Cutting can only widen what a query
finds (every document holding the whole run holds its parts), and the run itself still ranks first (the exact phrase
tier of store/repositories/catalog_search.py), so a word the dictionary does not know costs precision, never recall.

Only runs of Han characters are cut: kana and Hangul runs (Japanese, Korean) stay one phrase, as before.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["chinese_words"]

_HAN_ONLY = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u3005\u3007]+")
#: Runs longer than this are not cut (a pasted paragraph is matched as typed; jieba's cost grows with the length).
MAX_CUT_CHARS = 64


@lru_cache(maxsize=4096)
def chinese_words(run: str) -> tuple[str, ...]:
    """The words of a run of CJK characters, in order; the run itself when it is not all Han, or too long.

    ``chinese_words("红色连衣裙")`` → ``("红色", "连衣裙")``. The binding loads its dictionary on first use (~0.3 s),
    which is why it is imported here and not when the module is.
    """
    if len(run) < 3 or len(run) > MAX_CUT_CHARS or not _HAN_ONLY.fullmatch(run):
        return (run,)
    import rjieba

    words = tuple(w for w in rjieba.cut(run) if w.strip())
    return words if "".join(words) == run else (run,)
