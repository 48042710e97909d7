"""Multilingual vocabulary for the deterministic demo catalog (pure, stdlib only).

Titles are composed from the *same* chosen words in every language, so the zh source title and its
en/vi/es/th translations always agree — which is what lets a query in any language find a product
whose source title is Chinese (every translation is indexed).  The raw tables live in
:mod:`kuajing.market.vocab_data`.

>>> import random
>>> compose_title(random.Random(7), "mens_tops")["zh"]  # doctest: +SKIP
'2024新款 纯棉 宽松 男士T恤 白色'
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Literal

from kuajing.market import vocab_data as _d
from kuajing.search.tokenize import fold

__all__ = [
    "ADJECTIVES",
    "CATEGORIES",
    "COLORS",
    "LANGUAGES",
    "LEAVES",
    "MATERIALS",
    "SHAPES_USED",
    "SIZE_CHARTS",
    "SKU_PROPERTIES",
    "SPEC_VALUES",
    "STYLE_VALUES",
    "Adjective",
    "Category",
    "Color",
    "ComposedTitle",
    "Leaf",
    "Names",
    "Noun",
    "Term",
    "compose",
    "compose_title",
    "leaf",
    "normalize_language",
    "sku_values",
]

LANGUAGES: Final = ("zh", "en", "vi", "es", "th")
Language = Literal["zh", "en", "vi", "es", "th"]

#: Image shape families the catalog's image generator draws.
SHAPES_USED: Final = (
    "shirt",
    "dress",
    "trousers",
    "shoe",
    "bag",
    "cup",
    "bottle",
    "phone",
    "headphones",
    "lamp",
    "toy",
    "watch",
    "chair",
    "book",
    "ball",
    "ring",
)


@dataclass(frozen=True, slots=True)
class Names:
    """One text per language."""

    zh: str
    en: str
    vi: str
    es: str
    th: str

    def __getitem__(self, lang: str) -> str:
        return str(getattr(self, lang if lang in LANGUAGES else normalize_language(lang)))

    def as_dict(self) -> dict[str, str]:
        return {lang: getattr(self, lang) for lang in LANGUAGES}


@dataclass(frozen=True, slots=True)
class Term:
    """A vocabulary entry with a stable ascii key."""

    key: str
    names: Names


@dataclass(frozen=True, slots=True)
class Color(Term):
    rgb: tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Adjective(Term):
    #: Category tags it fits; empty = fits anything.
    tags: frozenset[str]
    #: Spanish (m.sg, f.sg, m.pl, f.pl).
    es_forms: tuple[str, str, str, str]


@dataclass(frozen=True, slots=True)
class Noun(Term):
    """A product noun.  ``names.es`` is the display form ``es_head + " " + es_tail``."""

    es_head: str
    es_tail: str
    es_gender: Literal["m", "f"]
    es_plural: bool
    #: Adjective keys never combined with this noun ("Smart Smartwatch").
    avoid: frozenset[str]


@dataclass(frozen=True, slots=True)
class Leaf(Term):
    parent: str
    shape: str
    nouns: tuple[Noun, ...]
    materials: tuple[str, ...]
    size_chart: str | None
    sku_props: tuple[str, ...]
    #: Adjectives that fit this leaf's category (resolved from tags).
    adjectives: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Category(Term):
    tags: frozenset[str]
    leaves: tuple[Leaf, ...]


@dataclass(frozen=True, slots=True)
class ComposedTitle:
    """What :func:`compose` chose, plus the resulting title per language."""

    leaf: str
    noun: str
    adjectives: tuple[str, ...]
    material: str | None
    color: str | None
    year: int | None
    titles: Mapping[str, str]


def _names(row: tuple[str, ...]) -> Names:
    return Names(*row[1:6])


def _es_inflect(ms: str) -> tuple[str, str, str, str]:
    if ms in _d.ES_ADJECTIVE_FORMS:
        return _d.ES_ADJECTIVE_FORMS[ms]
    if ms in _d.ES_INVARIABLE or " " in ms:  # "de alta gama", "estilo coreano", … are invariable
        return (ms, ms, ms, ms)
    if ms.endswith("o"):
        return (ms, ms[:-1] + "a", ms + "s", ms[:-1] + "as")
    if ms.endswith(("a", "e")):
        return (ms, ms, ms + "s", ms + "s")
    return (ms, ms, ms + "es", ms + "es")  # portátil -> portátiles, casual -> casuales


def _build() -> tuple[tuple[Category, ...], tuple[Adjective, ...], tuple[Term, ...], tuple[Color, ...]]:
    adjectives = tuple(
        Adjective(row[0], _names(row), frozenset(tags), _es_inflect(row[4])) for row, tags in _d.ADJECTIVES
    )
    materials = tuple(Term(row[0], _names(row)) for row in _d.MATERIALS)
    colors = tuple(Color(row[0], _names(row), rgb) for row, rgb in _d.COLORS)
    categories = []
    for cat_row, tags, leaf_rows in _d.CATEGORIES:
        tagset = frozenset(tags)
        fitting = tuple(a.key for a in adjectives if not a.tags or a.tags & tagset)
        leaves = []
        for leaf_row, shape, mats, chart, props, noun_rows in leaf_rows:
            nouns = []
            for key, zh, en, vi, es, th, gender, plural, avoid in noun_rows:
                head, _, tail = es.partition("|")
                display = f"{head} {tail}".strip()
                nouns.append(
                    Noun(
                        key,
                        Names(zh, en, vi, display, th),
                        head,
                        tail,
                        "f" if gender == "f" else "m",
                        plural,
                        frozenset(avoid),
                    )
                )
            leaves.append(
                Leaf(
                    leaf_row[0],
                    _names(leaf_row),
                    cat_row[0],
                    shape,
                    tuple(nouns),
                    mats,
                    chart,
                    props,
                    fitting,
                )
            )
        categories.append(Category(cat_row[0], _names(cat_row), tagset, tuple(leaves)))
    return tuple(categories), adjectives, materials, colors


_BUILT = _build()
CATEGORIES: Final[tuple[Category, ...]] = _BUILT[0]
ADJECTIVES: Final[tuple[Adjective, ...]] = _BUILT[1]
MATERIALS: Final[tuple[Term, ...]] = _BUILT[2]
COLORS: Final[tuple[Color, ...]] = _BUILT[3]

LEAVES: Final[Mapping[str, Leaf]] = MappingProxyType({lf.key: lf for c in CATEGORIES for lf in c.leaves})
SKU_PROPERTIES: Final[Mapping[str, Term]] = MappingProxyType(
    {row[0]: Term(row[0], _names(row)) for row in _d.SKU_PROPERTIES}
)
SIZE_CHARTS: Final[Mapping[str, tuple[Term, ...]]] = MappingProxyType(
    {chart: tuple(Term(r[0], _names(r)) for r in rows) for chart, rows in _d.SIZE_CHARTS.items()}
)
SPEC_VALUES: Final[tuple[Term, ...]] = tuple(Term(r[0], _names(r)) for r in _d.SPEC_VALUES)
STYLE_VALUES: Final[tuple[Term, ...]] = tuple(Term(r[0], _names(r)) for r in _d.STYLE_VALUES)

_ADJ: Final = {a.key: a for a in ADJECTIVES}
_MAT: Final = {m.key: m for m in MATERIALS}
_COL: Final = {c.key: c for c in COLORS}
_NEW_YEAR: Final = _names(_d.NEW_YEAR)
_LANG_ALIASES: Final = {fold(alias): lang for lang, aliases in _d.LANGUAGE_ALIASES.items() for alias in aliases}


def normalize_language(code: str) -> str:
    """Map a language code, locale or country name to one of :data:`LANGUAGES`.

    Accepts e.g. ``zh``, ``zh-CN``, ``zh_Hans``, ``cn``, ``en-US``, ``vn``, ``Vietnam``, ``Việt Nam``,
    ``España``, ``Thailand`` (case-insensitive); raises :class:`ValueError` otherwise."""
    if not isinstance(code, str):
        raise ValueError(f"unknown language: {code!r}")
    key = fold(code.replace("_", "-"))
    if key in _LANG_ALIASES:
        return _LANG_ALIASES[key]
    primary = key.split("-", 1)[0].strip()
    if len(primary) <= 3 and primary in _LANG_ALIASES:
        return _LANG_ALIASES[primary]
    raise ValueError(f"unknown language: {code!r}")


def leaf(key: str) -> Leaf:
    """The leaf category *key*; :class:`KeyError` if unknown."""
    return LEAVES[key]


def sku_values(prop: str, leaf_key: str) -> tuple[Term, ...]:
    """The value list for SKU property *prop* of leaf *leaf_key*."""
    lf = LEAVES[leaf_key]
    if prop == "color":
        return COLORS
    if prop in ("size", "capacity"):
        return SIZE_CHARTS[lf.size_chart or ("capacity" if prop == "capacity" else "generic")]
    if prop == "spec":
        return SPEC_VALUES
    if prop == "style":
        return STYLE_VALUES
    raise KeyError(prop)


_ES_PHRASE_PREFIXES: Final = ("de ", "con ", "a ", "estilo ")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def compose(rng: random.Random, leaf_key: str) -> ComposedTitle:
    """Choose a noun, 1–2 adjectives, maybe a material, colour and "new <year>" for leaf *leaf_key*
    and render them in every language.  Deterministic for a given ``rng`` state."""
    lf = LEAVES[leaf_key]
    noun = rng.choice(lf.nouns)
    pool = [k for k in lf.adjectives if k not in noun.avoid]
    adjs = tuple(rng.sample(pool, rng.choice((1, 1, 2)) if len(pool) > 1 else len(pool)))
    material = _MAT[rng.choice(lf.materials)] if lf.materials and rng.random() < 0.7 else None
    color = rng.choice(COLORS) if "color" in lf.sku_props and rng.random() < 0.7 else None
    year = rng.choice((2024, 2025)) if rng.random() < 0.5 else None
    adj_terms = [_ADJ[k] for k in adjs]

    def words(lang: str) -> list[str]:
        return [a.names[lang] for a in adj_terms]

    new = {lang: _NEW_YEAR[lang].format(year=year) for lang in LANGUAGES} if year else {}
    mat = material.names if material else None
    col = color.names if color else None

    zh = [new.get("zh", ""), mat.zh if mat else "", *words("zh"), noun.names.zh, col.zh if col else ""]
    en = [new.get("en", ""), *words("en"), col.en if col else "", mat.en if mat else "", noun.names.en]
    vi = [
        noun.names.vi,
        mat.vi if mat else "",
        *words("vi"),
        f"màu {col.vi}" if col else "",
        new.get("vi", ""),
    ]
    form = (1 if noun.es_gender == "f" else 0) + (2 if noun.es_plural else 0)
    # Plain adjectives follow the noun head; prepositional ones ("de alta gama") follow the tail.
    es_adjs = [a.es_forms[form] for a in adj_terms]
    es = [
        noun.es_head,
        *(w for w in es_adjs if not w.startswith(_ES_PHRASE_PREFIXES)),
        f"de {mat.es}" if mat else "",
        noun.es_tail,
        *(w for w in es_adjs if w.startswith(_ES_PHRASE_PREFIXES)),
        f"color {col.es}" if col else "",
        new.get("es", ""),
    ]
    th = [noun.names.th, mat.th if mat else "", *words("th"), col.th if col else "", new.get("th", "")]
    titles = {
        lang: _cap(" ".join(w for w in parts if w))
        for lang, parts in (("zh", zh), ("en", en), ("vi", vi), ("es", es), ("th", th))
    }
    return ComposedTitle(
        leaf=leaf_key,
        noun=noun.key,
        adjectives=adjs,
        material=material.key if material else None,
        color=color.key if color else None,
        year=year,
        titles=MappingProxyType(titles),
    )


def compose_title(rng: random.Random, leaf_key: str) -> dict[str, str]:
    """One title per language (keys :data:`LANGUAGES`) from the same chosen words, e.g.
    ``{"zh": "2024新款 纯棉 宽松 男士T恤 白色", "en": "2024 New Loose Fit White Cotton Men's T-Shirt",
    "vi": "Áo thun nam cotton form rộng màu trắng mẫu mới 2024", "es": "Camiseta holgada de algodón
    para hombre color blanco novedad 2024", "th": "เสื้อยืดผู้ชาย ผ้าฝ้าย ทรงหลวม สีขาว รุ่นใหม่ 2024"}``."""
    return dict(compose(rng, leaf_key).titles)
