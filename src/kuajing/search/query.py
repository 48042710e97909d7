"""A buyer's keyword as the index sees it: terms that must all be found, each in one of several forms (pure).

:func:`parse_keyword` turns the text into a :class:`KeywordQuery`:

* every word of letters or digits is a **prefix** term (``wire`` finds ``wireless``); two adjacent words may also be
  found written as one (``smart watch`` finds ``smartwatch``, ``t shirt`` and ``t-shirt`` find ``tshirt``): each of
  the two terms accepts the joined word, which is the same as "both words, or the joined word"
  (``(a ∨ ab) ∧ (b ∨ ab) = (a ∧ b) ∨ ab``);
* a Chinese run is cut into its words (search/segment.py) and every word is a **phrase** of its bigrams, so the words
  are found in any order (``红色连衣裙`` finds ``连衣裙 红色``); other CJK and Thai runs stay one phrase;
* every term is found in a title or in the context (category path, shop names, attribute values, indexed with
  :data:`~kuajing.search.tokenize.CONTEXT_MARK`): :meth:`Term.anywhere` lists both. Which terms were found in a
  title, and whether the **exact phrase** typed was (the Chinese text before it was cut, space-separated runs joined
  as documents join them), is what relevance ranks by (store/repositories/catalog_search.py).

Every token is quoted when rendered, so FTS5/tsquery operators typed by a buyer are just text. Spelling variants
need nothing here: documents hold every spelling (search/spelling.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kuajing.search.segment import chinese_words
from kuajing.search.tokenize import CJK, CONTEXT_MARK, MAX_QUERY_TERMS, MAX_WORD_CHARS, WORD, bigrams, fold, runs

__all__ = ["KeywordQuery", "Pattern", "Term", "any_fts5", "any_tsquery", "fts5_operand", "parse_keyword"]


def _fts5_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _pg_quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def fts5_operand(tokens: tuple[str, ...], prefix: bool) -> str:
    """Tokens as one FTS5 expression: a phrase of them, or a prefix term (one token)."""
    return _fts5_quote(tokens[0]) + "*" if prefix else _fts5_quote(" ".join(tokens))


@dataclass(frozen=True, slots=True)
class Pattern:
    """One form a term can be found in: a token, a phrase (tokens adjacent and in order) or a token's prefix."""

    tokens: tuple[str, ...]
    prefix: bool = False

    def in_context(self) -> Pattern:
        return Pattern(tuple(CONTEXT_MARK + t for t in self.tokens), self.prefix)

    def fts5(self) -> str:
        return fts5_operand(self.tokens, self.prefix)

    def tsquery(self) -> str:
        if self.prefix:
            return _pg_quote(self.tokens[0]) + ":*"
        if len(self.tokens) == 1:
            return _pg_quote(self.tokens[0])
        return "(" + " <-> ".join(_pg_quote(t) for t in self.tokens) + ")"


@dataclass(frozen=True, slots=True)
class Term:
    """One word of the query: found where any of its title forms, or any of them in the context, is found."""

    forms: tuple[Pattern, ...]

    def anywhere(self) -> tuple[Pattern, ...]:
        return self.forms + tuple(p.in_context() for p in self.forms)

    def whole_words(self) -> tuple[Pattern, ...]:
        """The prefix forms as whole words (what relevance prefers); empty when no form is a prefix."""
        return tuple(Pattern(p.tokens) for p in self.forms if p.prefix)


def any_fts5(patterns: tuple[Pattern, ...]) -> str:
    return patterns[0].fts5() if len(patterns) == 1 else "(" + " OR ".join(p.fts5() for p in patterns) + ")"


def any_tsquery(patterns: tuple[Pattern, ...]) -> str:
    return patterns[0].tsquery() if len(patterns) == 1 else "(" + " | ".join(p.tsquery() for p in patterns) + ")"


@dataclass(frozen=True, slots=True)
class KeywordQuery:
    terms: tuple[Term, ...]
    #: Exact phrases typed (Chinese cut into words, CJK/Thai runs typed apart): a title holding them ranks first.
    phrases: tuple[Pattern, ...] = ()

    def fts5(self) -> str | None:
        """The FTS5 ``MATCH`` expression of every term found anywhere, or None when nothing is searchable."""
        return " AND ".join(any_fts5(t.anywhere()) for t in self.terms) or None

    def tsquery(self) -> str | None:
        """The same for PostgreSQL's ``to_tsquery('simple', …)``."""
        return " & ".join(any_tsquery(t.anywhere()) for t in self.terms) or None

    def phrase_tsquery(self) -> str | None:
        return " & ".join(p.tsquery() for p in self.phrases) or None


def _words(kind: int, run: str, prefix: bool = True) -> list[Pattern]:
    if kind == WORD:
        return [Pattern((run[:MAX_WORD_CHARS],), prefix)]
    pieces = chinese_words(run) if kind == CJK else (run,)
    return [Pattern(tuple(bigrams(piece))) for piece in pieces]


@lru_cache(maxsize=4096)
def parse_keyword(q: str) -> KeywordQuery:
    """The terms of a keyword, duplicates dropped, at most :data:`MAX_QUERY_TERMS` of them (see the module); cached,
    as buyers repeat their keywords and a search's other work costs as little as a millisecond.

    A one-letter word is a prefix only as the last word typed (``wireless e``, on the way to ``earbuds``); elsewhere,
    and as part of a compound (``t-shirt``, ``men's``), it is the letter itself, or ``t`` would be every word in t."""
    folded = fold(q)
    parts = runs(folded, join_across_spaces=False)
    words: list[Pattern] = []
    joins: dict[int, list[Pattern]] = {}  # index in ``words`` -> the joined forms it may also be found as
    in_compound = [run.joined or (n + 1 < len(parts) and parts[n + 1].joined) for n, run in enumerate(parts)]
    for n, (kind, run, joined) in enumerate(parts):
        last = n == len(parts) - 1
        patterns = _words(kind, run, prefix=len(run) > 1 or (last and not in_compound[n]))
        # two words may be written as one: a compound's parts, or two words that belong to no compound
        if (
            kind == WORD
            and n > 0
            and parts[n - 1].kind == WORD
            and (joined or not (in_compound[n - 1] or in_compound[n]))
        ):
            both = Pattern(((parts[n - 1].text + run)[:MAX_WORD_CHARS],), prefix=True)
            joins.setdefault(len(words) - 1, []).append(both)
            joins.setdefault(len(words), []).append(both)
        words.extend(patterns)
    terms: list[Term] = []
    for i, word in enumerate(words):
        term = Term((word, *joins.get(i, ())))
        if term not in terms:
            terms.append(term)
    phrases: list[Pattern] = []
    for kind, run, _ in runs(folded, join_across_spaces=True):
        phrase = Pattern(tuple(bigrams(run)))
        if kind != WORD and phrase not in words and phrase not in phrases:
            phrases.append(phrase)  # cut into words, or typed apart
    return KeywordQuery(tuple(terms[:MAX_QUERY_TERMS]), tuple(phrases))
