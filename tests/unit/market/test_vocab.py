"""Tests for kuajing.market.vocab: completeness of the multilingual data and title composition."""

from __future__ import annotations

import random
import sqlite3
import unicodedata

import pytest

from kuajing.market import vocab
from kuajing.market.vocab import (
    ADJECTIVES,
    CATEGORIES,
    COLORS,
    LANGUAGES,
    LEAVES,
    MATERIALS,
    SHAPES_USED,
    SIZE_CHARTS,
    SKU_PROPERTIES,
    SPEC_VALUES,
    STYLE_VALUES,
    Names,
    Term,
    compose,
    compose_title,
    normalize_language,
    sku_values,
)
from kuajing.search.query import parse_keyword
from kuajing.search.tokenize import document_text, fold


def _all_terms() -> list[Term]:
    terms: list[Term] = [
        *ADJECTIVES,
        *MATERIALS,
        *COLORS,
        *SKU_PROPERTIES.values(),
        *SPEC_VALUES,
        *STYLE_VALUES,
    ]
    for chart in SIZE_CHARTS.values():
        terms.extend(chart)
    for cat in CATEGORIES:
        terms.append(cat)
        for lf in cat.leaves:
            terms.append(lf)
            terms.extend(lf.nouns)
    return terms


def _is_thai(text: str) -> bool:
    return any("\u0e00" <= c <= "\u0e7f" for c in text)


def _is_han(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def test_every_entry_has_all_languages() -> None:
    for term in _all_terms():
        names = term.names.as_dict()
        assert tuple(names) == LANGUAGES
        for lang, text in names.items():
            assert text.strip() == text and text, (term.key, lang)
            assert "|" not in text and "  " not in text, (term.key, lang)
            assert unicodedata.is_normalized("NFC", text), (term.key, lang)
        assert term.key.isascii() and term.key.replace("_", "").isalnum(), term.key


def test_scripts_look_right() -> None:
    words = [*ADJECTIVES, *MATERIALS, *COLORS, *SKU_PROPERTIES.values(), *CATEGORIES, *LEAVES.values()]
    words += [n for lf in LEAVES.values() for n in lf.nouns]
    for term in words:
        assert _is_han(term.names.zh), term.key
        assert _is_thai(term.names.th), term.key
        assert not _is_han(term.names.en + term.names.vi + term.names.es), term.key
    assert COLORS[1].names.vi == "đen" and LEAVES["earphones"].names.es == "auriculares"
    # Vietnamese diacritics really are there
    assert any(fold(t.names.vi) != t.names.vi.lower() for t in words)


def test_keys_unique() -> None:
    for group in (
        ADJECTIVES,
        MATERIALS,
        COLORS,
        CATEGORIES,
        SPEC_VALUES,
        STYLE_VALUES,
        *SIZE_CHARTS.values(),
    ):
        keys = [t.key for t in group]
        assert len(keys) == len(set(keys))
    nodes = [c.key for c in CATEGORIES] + [lf.key for c in CATEGORIES for lf in c.leaves]
    assert len(nodes) == len(set(nodes))
    nouns = [n.key for lf in LEAVES.values() for n in lf.nouns]
    assert len(nouns) == len(set(nouns))


def test_tree_shape() -> None:
    assert 10 <= len(CATEGORIES) <= 14
    for cat in CATEGORIES:
        assert 2 <= len(cat.leaves) <= 4, cat.key
        for lf in cat.leaves:
            assert lf.parent == cat.key
            assert lf.shape in SHAPES_USED
            assert 3 <= len(lf.nouns) <= 8, lf.key
            assert all(m in {x.key for x in MATERIALS} for m in lf.materials)
            assert all(p in SKU_PROPERTIES for p in lf.sku_props)
            assert lf.size_chart is None or lf.size_chart in SIZE_CHARTS
            assert lf.adjectives, lf.key
            for prop in lf.sku_props:
                assert sku_values(prop, lf.key)
            for noun in lf.nouns:
                assert noun.avoid <= {a.key for a in ADJECTIVES}, noun.key
    assert {lf.shape for lf in LEAVES.values()} == set(SHAPES_USED)
    assert len(SHAPES_USED) == len(set(SHAPES_USED))
    assert 25 <= len(ADJECTIVES) <= 40 and len(MATERIALS) >= 10 and len(COLORS) >= 14
    for c in COLORS:
        assert len(c.rgb) == 3 and all(0 <= v <= 255 for v in c.rgb)
    assert SKU_PROPERTIES["color"].names.as_dict() == {
        "zh": "颜色",
        "en": "Color",
        "vi": "Màu sắc",
        "es": "Color",
        "th": "สี",
    }
    assert SKU_PROPERTIES["size"].names.vi == "Kích cỡ" and SKU_PROPERTIES["size"].names.es == "Talla"


def test_compose_title_deterministic() -> None:
    for key in LEAVES:
        a = [compose_title(random.Random(42), key) for _ in range(2)]
        assert a[0] == a[1]
    r1, r2 = random.Random(5), random.Random(5)
    assert [compose_title(r1, "mens_tops") for _ in range(20)] == [compose_title(r2, "mens_tops") for _ in range(20)]
    assert len({compose_title(random.Random(s), "mens_tops")["zh"] for s in range(50)}) > 20


def test_compose_titles_agree() -> None:
    rng = random.Random(2024)
    by_key = {a.key: a for a in ADJECTIVES} | {m.key: m for m in MATERIALS} | {c.key: c for c in COLORS}
    for _ in range(20):
        for key, lf in LEAVES.items():
            c = compose(rng, key)
            t = c.titles
            assert tuple(t) == LANGUAGES and all(t.values())
            noun = next(n for n in lf.nouns if n.key == c.noun)
            assert noun.names.zh in t["zh"] and noun.names.en in t["en"] and noun.names.th in t["th"]
            assert noun.names.vi.lower() in t["vi"].lower()
            assert noun.es_head.lower() in t["es"].lower() and noun.es_tail in t["es"]
            assert not (set(c.adjectives) & noun.avoid)
            for k in (*c.adjectives, c.material, c.color):
                if k is None:
                    continue
                names = by_key[k].names
                assert names.zh in t["zh"] and names.en in t["en"] and names.th in t["th"], k
                assert names.vi.lower() in t["vi"].lower(), k
            if c.year:
                assert all(str(c.year) in s for s in t.values())
            for s in t.values():
                assert s == s.strip() and "  " not in s and s[0] == s[0].upper()


def test_example_shape() -> None:
    """The zh order is year, material, adjectives, noun, colour; Spanish adjectives agree."""
    by_key = {a.key: a for a in ADJECTIVES} | {m.key: m for m in MATERIALS} | {c.key: c for c in COLORS}
    checked = 0
    for seed in range(400):
        c = compose(random.Random(seed), "mens_tops")
        if c.year and c.material and c.color and len(c.adjectives) == 1:
            noun = next(n for n in LEAVES["mens_tops"].nouns if n.key == c.noun)
            mat, adj, col = (by_key[k].names for k in (c.material, c.adjectives[0], c.color))
            assert c.titles["zh"] == f"{c.year}新款 {mat.zh} {adj.zh} {noun.names.zh} {col.zh}"
            assert c.titles["en"] == f"{c.year} New {adj.en} {col.en} {mat.en} {noun.names.en}"
            assert c.titles["vi"].endswith(f" màu {col.vi} mẫu mới {c.year}")
            assert c.titles["es"].endswith(f" color {col.es} novedad {c.year}")
            checked += 1
    assert checked > 5
    seen = False
    for seed in range(200):
        c = compose(random.Random(seed), "earphones")
        if "wireless" in c.adjectives:
            assert "inalámbricos" in c.titles["es"] and "không dây" in c.titles["vi"]
            seen = True
    assert seen


def test_cross_language_search_finds_product() -> None:
    """Index every translation; a query in any language (vi without diacritics) finds the product."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 0')")
    rng = random.Random(7)
    products = {}
    for i, key in enumerate(sorted(LEAVES) * 3, start=1):
        titles = compose_title(rng, key)
        products[i] = titles
        db.execute("INSERT INTO t(rowid, body) VALUES (?, ?)", (i, document_text(" ".join(titles.values()))))
    for pid, titles in products.items():
        for lang in LANGUAGES:
            q = fold(titles[lang]) if lang == "vi" else titles[lang]
            expr = parse_keyword(q).fts5()
            assert expr is not None
            found = {r[0] for r in db.execute("SELECT rowid FROM t WHERE t MATCH ?", (expr,))}
            assert pid in found, (lang, q)
    db.close()


def test_vi_without_diacritics_finds_vi_title() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 0')")
    rng = random.Random(1)
    titles = [compose_title(rng, "earphones")["vi"] for _ in range(30)]
    db.executemany("INSERT INTO t(rowid, body) VALUES (?, ?)", [(i, document_text(s)) for i, s in enumerate(titles)])
    stripped = unicodedata.normalize("NFD", titles[0].replace("đ", "d").replace("Đ", "D"))
    q = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    assert q.isascii()
    expr = parse_keyword(q).fts5()
    assert expr is not None
    assert 0 in {r[0] for r in db.execute("SELECT rowid FROM t WHERE t MATCH ?", (expr,))}
    db.close()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("zh", "zh"),
        ("zh-CN", "zh"),
        ("zh_TW", "zh"),
        ("ZH-Hans-CN", "zh"),
        ("cn", "zh"),
        ("China", "zh"),
        ("中文", "zh"),
        ("en", "en"),
        ("en-US", "en"),
        ("EN_gb", "en"),
        ("English", "en"),
        ("vi", "vi"),
        ("vn", "vi"),
        ("vi-VN", "vi"),
        ("Vietnam", "vi"),
        ("Việt Nam", "vi"),
        ("VIỆT NAM", "vi"),
        ("viet nam", "vi"),
        ("es", "es"),
        ("es-MX", "es"),
        ("Spain", "es"),
        ("España", "es"),
        ("español", "es"),
        ("th", "th"),
        ("th-TH", "th"),
        ("Thailand", "th"),
        ("ไทย", "th"),
        ("  Thai ", "th"),
    ],
)
def test_normalize_language(code: str, expected: str) -> None:
    assert normalize_language(code) == expected


@pytest.mark.parametrize("code", ["", "fr", "de-DE", "klingon", "x", "zhx", "english-ish", "-"])
def test_normalize_language_rejects(code: str) -> None:
    with pytest.raises(ValueError):
        normalize_language(code)


def test_names_lookup() -> None:
    n = Names("一", "one", "một", "uno", "หนึ่ง")
    assert n["vi"] == "một" and n["Vietnam"] == "một" and n["es-ES"] == "uno"
    assert vocab.leaf("mens_tops").shape == "shirt"
