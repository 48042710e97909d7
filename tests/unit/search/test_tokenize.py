"""Tests for kuajing.search.tokenize and kuajing.search.query: folding, tokens, keywords, and real FTS5 / PostgreSQL
matching."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from kuajing.search.query import parse_keyword
from kuajing.search.segment import chinese_words
from kuajing.search.tokenize import (
    MAX_QUERY_TERMS,
    MAX_WORD_CHARS,
    SQLITE_FTS5_TOKENIZE,
    context_text,
    document_text,
    document_tokens,
    fold,
)


def fts5_match(q: str) -> str | None:
    return parse_keyword(q).fts5()


def pg_tsquery(q: str) -> str | None:
    return parse_keyword(q).tsquery()


DOCS = {
    1: "2024新款 蓝牙耳机 无线 降噪",
    2: "Tai nghe bluetooth không dây màu đen",
    3: "Auriculares inalámbricos Bluetooth negro",
    4: "Wireless Bluetooth Earbuds Black",
    5: "หูฟังบลูทูธ ไร้สาย สีดำ",
    6: "纯棉 宽松 男士T恤 白色 X1234",
    7: "Đèn bàn LED Ｄｅｓｋ Ｌａｍｐ",
    8: "手机壳",
    9: "Camiseta holgada de algodón para hombre color blanco",
    10: "Grey Colour Block Mug",
    11: "Thickened Men's T-Shirt",
    12: "Kids Smartwatch",
}

# query -> the set of document ids it must find (exactly)
CASES: list[tuple[str, set[int]]] = [
    ("耳机", {1}),
    ("牙耳", {1}),  # not a word: bigram indexing still finds it
    ("蓝牙耳机", {1}),
    ("耳", {1}),  # single character via unigrams
    ("机", {1, 8}),
    ("蓝牙耳机 无线", {1}),
    ("蓝牙耳机无线", {1}),  # runs separated by a space in the document are joined
    ("耳机蓝牙", {1}),  # Chinese words in any order
    ("无线蓝牙", {1}),
    ("蓝机", set()),  # one word the dictionary does not know: a phrase, not two characters anywhere
    ("khong day", {2}),
    ("không dây", {2}),
    ("KHÔNG DÂY", {2}),
    ("đen", {2, 7}),  # "đen" and "Đèn" fold to the same key
    ("den", {2, 7}),
    ("inalambricos", {3}),
    ("inalámbricos", {3}),
    ("wire", {4}),  # prefix
    ("WIRELESS earb", {4}),
    ("bluetooth", {2, 3, 4}),
    ("ไร้สาย", {5}),
    ("ฟังบลู", {5}),  # a Thai substring
    ("หู", {5}),
    ("x12", {6}),  # model-code prefix
    ("X1234", {6}),
    ("t恤", {6}),
    ("desk lamp", {7}),  # full-width folded
    ("algodon hombre", {9}),
    ("wire 耳机", set()),  # AND across terms
    ("gray", {10}),  # spelling variants
    ("grey", {10}),
    ("colour", {9, 10}),  # Spanish "color" is also indexed as the English "colour"
    ("tshirt", {11}),  # joined, hyphenated and variant forms of one compound
    ("t-shirt", {11}),
    ("t shirt", {11}),
    ("tee shirt", {11}),
    ("tee", {11}),
    ("mens", {11}),
    ("men's", {11}),
    ("smart watch", {12}),  # two words written as one in the document
    ("smartwatch", {12}),
    ("shirt", {11}),
    ("t", {2, 6, 11}),  # the last word typed is a prefix, ...
    ("t 恤", {6}),  # ... any other one-letter word the letter itself (not "thickened")
]

NASTY = [
    '"',
    '""',
    "*",
    "**wire",
    "AND",
    "OR NOT",
    "wire AND",
    "NEAR(",
    "NEAR(wire ear",
    "-wire",
    "wire:",
    ":",
    "body:wire",
    "'; drop table t; --",
    "\\",
    "()",
    "^wire",
    '耳"机',
    "a' & 'b",
    "!:*|&<->",
    "",
    "   ",
    "\x00",
]


def test_fold() -> None:
    assert fold("Không  DÂY\t\n") == "khong day"
    assert fold("Đèn đỏ") == "den do"
    assert fold("Inalámbricos ÑANDÚ") == "inalambricos nandu"
    assert fold("ＷＩＲＥ１２３") == "wire123"  # full-width -> half-width
    assert fold("蓝牙耳机") == "蓝牙耳机"
    assert fold("がギ") == "がギ"  # kana voicing marks kept (NFC recomposes them)
    assert fold("Straße") == "strasse"


def test_document_tokens() -> None:
    assert document_tokens("蓝牙耳机") == ["蓝牙", "牙耳", "耳机", "蓝", "牙", "耳", "机"]
    assert document_tokens("机") == ["机"]
    assert document_tokens("Model X1234 (2024)") == ["model", "x1234", "2024"]
    assert document_tokens("2024新款T恤") == ["2024", "新款", "新", "款", "t", "恤"]
    assert document_tokens("t-shirt, wi-fi") == ["t", "shirt", "tshirt", "tee", "teeshirt", "wi", "fi", "wifi"]
    assert document_tokens("纯棉 宽松") == ["纯棉", "棉宽", "宽松", "纯", "棉", "宽", "松"]
    assert document_tokens("纯棉, 宽松")[:1] == ["纯棉"] and "棉宽" not in document_tokens("纯棉, 宽松")
    assert document_tokens("") == []
    assert document_tokens("x" * 100) == ["x" * MAX_WORD_CHARS]
    assert document_text("Không Dây") == "khong day"


def test_document_tokens_join_compounds_and_add_spellings() -> None:
    assert document_tokens("Men's T-Shirt") == ["men", "s", "mens", "t", "shirt", "tshirt", "tee", "teeshirt"]
    assert document_tokens("Wi-Fi-6 Grey") == ["wi", "fi", "wifi", "6", "wifi6", "grey", "gray"]
    assert document_tokens("kids' - toy") == ["kids", "toy"]  # a hyphen between spaces joins nothing
    assert context_text("女装 Grey") == "zx女装 zx女 zx装 zxgrey zxgray"


def test_keywords() -> None:
    assert fts5_match("蓝牙耳机 wire") == '("蓝牙" OR "zx蓝牙") AND ("耳机" OR "zx耳机") AND ("wire"* OR "zxwire"*)'
    assert fts5_match("耳") == '("耳" OR "zx耳")'
    assert pg_tsquery("蓝牙耳机") == "('蓝牙' | 'zx蓝牙') & ('耳机' | 'zx耳机')"
    assert pg_tsquery("ไร้สาย") == "(('ไร' <-> 'รส' <-> 'สา' <-> 'าย') | ('zxไร' <-> 'zxรส' <-> 'zxสา' <-> 'zxาย'))"
    assert fts5_match("?!") is None and pg_tsquery("?!") is None
    k = parse_keyword("红色连衣裙")
    assert [t.forms[0].tokens for t in k.terms] == [("红色",), ("连衣", "衣裙")]
    assert [p.tokens for p in k.phrases] == [("红色", "色连", "连衣", "衣裙")]  # the exact phrase, which ranks first
    assert [p.tokens for p in parse_keyword("连衣裙 红色").phrases] == [("连衣", "衣裙", "裙红", "红色")]
    assert parse_keyword("连衣裙").phrases == () and parse_keyword("wire less").phrases == ()
    smart, watch = parse_keyword("smart watch").terms
    assert [p.tokens[0] for p in smart.forms] == ["smart", "smartwatch"] == [p.tokens[0] for p in smart.whole_words()]
    assert [p.tokens[0] for p in watch.forms] == ["watch", "smartwatch"]
    assert parse_keyword("耳 耳").terms == parse_keyword("耳").terms
    assert parse_keyword("!!! ---").terms == ()
    assert len(parse_keyword(" ".join(f"w{i}" for i in range(100))).terms) == MAX_QUERY_TERMS


@pytest.fixture(scope="module")
def fts() -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, tokenize='{SQLITE_FTS5_TOKENIZE}')")
    assert SQLITE_FTS5_TOKENIZE == "ascii"
    db.executemany("INSERT INTO t(rowid, body) VALUES (?, ?)", [(k, document_text(v)) for k, v in DOCS.items()])
    yield db
    db.close()


def _fts_ids(db: sqlite3.Connection, q: str) -> set[int] | None:
    expr = fts5_match(q)
    if expr is None:
        return None
    return {r[0] for r in db.execute("SELECT rowid FROM t WHERE t MATCH ?", (expr,))}


def test_fts5_terms_are_the_documents_words() -> None:
    """FTS5's terms of each document, in order, are its space-separated words: what SQLite matches can be decided
    from a document in Python (store/search_memory.py follows changed documents that way). ``unicode61`` fails
    this: it splits a Thai run at the baht sign, which Python's tokens keep."""
    texts = [*DOCS.values(), "ราคา฿99 โปรโมชั่น", "ꯃꯅꯤꯄꯨꯔ ᮞᮥᮔ᮪ᮓ 𞤀𞤣𞤤𞤢𞤥"]
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, tokenize='{SQLITE_FTS5_TOKENIZE}')")
    db.execute("CREATE VIRTUAL TABLE t_terms USING fts5vocab(t, 'instance')")
    db.executemany("INSERT INTO t(rowid, body) VALUES (?, ?)", [(k, document_text(v)) for k, v in enumerate(texts)])
    rows = db.execute("SELECT doc, term FROM t_terms ORDER BY doc, offset").fetchall()
    for key, text in enumerate(texts):
        assert [term for doc, term in rows if doc == key] == document_text(text).split(), text


@pytest.mark.parametrize(("q", "expected"), CASES)
def test_fts5_recall(fts: sqlite3.Connection, q: str, expected: set[int]) -> None:
    assert _fts_ids(fts, q) == expected


@pytest.mark.parametrize("q", NASTY)
def test_fts5_nasty_queries_never_raise(fts: sqlite3.Connection, q: str) -> None:
    _fts_ids(fts, q)  # must not raise sqlite3.OperationalError


def test_fts5_agrees_with_like_for_cjk_substrings(fts: sqlite3.Connection) -> None:
    """Every CJK substring of every document (length 1..4) is found exactly where LIKE finds each of its words (the
    substring itself when the dictionary does not cut it) — so always where LIKE finds the substring."""
    texts = {k: fold(v).replace(" ", "") for k, v in DOCS.items()}
    for text in DOCS.values():
        run = "".join(c for c in text if "\u4e00" <= c <= "\u9fff")
        for n in range(1, 5):
            for i in range(len(run) - n + 1):
                sub = run[i : i + n]
                found = _fts_ids(fts, sub)
                assert found == {k for k, v in texts.items() if all(w in v for w in chinese_words(sub))}, sub
                assert found is not None and found >= {k for k, v in texts.items() if sub in v}, sub


# ---------------------------------------------------------------- PostgreSQL (optional)

PG_DSN = "postgresql://root@127.0.0.1:5432/test"


@pytest.fixture(scope="module")
def pg() -> Iterator[tuple[Any, str]]:
    try:
        import psycopg
    except ImportError:
        pytest.skip("psycopg is not installed")
    try:
        conn = psycopg.connect(PG_DSN, connect_timeout=3, autocommit=True)
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL reachable at {PG_DSN}: {exc}")
    table = f"tok_{uuid.uuid4().hex[:12]}"
    with conn:
        conn.execute(f"CREATE TEMP TABLE {table} (id int PRIMARY KEY, tsv tsvector)")
        for k, v in DOCS.items():
            conn.execute(f"INSERT INTO {table} VALUES (%s, to_tsvector('simple', %s))", (k, document_text(v)))
        yield conn, table


def _pg_ids(pg: tuple[Any, str], q: str) -> set[int] | None:
    conn, table = pg
    expr = pg_tsquery(q)
    if expr is None:
        return None
    rows = conn.execute(f"SELECT id FROM {table} WHERE tsv @@ to_tsquery('simple', %s)", (expr,))
    return {r[0] for r in rows}


@pytest.mark.parametrize(("q", "expected"), CASES)
def test_pg_recall(pg: tuple[Any, str], q: str, expected: set[int]) -> None:
    assert _pg_ids(pg, q) == expected


@pytest.mark.parametrize("q", NASTY)
def test_pg_nasty_queries_never_raise(pg: tuple[Any, str], fts: sqlite3.Connection, q: str) -> None:
    assert _pg_ids(pg, q) == _fts_ids(fts, q)
