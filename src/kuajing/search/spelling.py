"""English spellings that name the same thing: a document holding one form is indexed under all of them.

Why in documents and not in queries: a query word is matched as a prefix (``gra`` on the way to ``gray``), and only
the document side can make every prefix of every spelling find the product. The groups are small and closed (words a
buyer types either way, British and American, and the t-shirt family), so the extra index terms are few: a title
with ``Grey`` also holds ``gray``; one with ``T-Shirt`` (joined to ``tshirt`` by search/tokenize.py) also ``tee``,
``teeshirt``.

Words are compared folded (lower case, no diacritics), as search/tokenize.py makes them.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

__all__ = ["VARIANT_GROUPS", "variants"]

#: Each group: the spellings of one word, singular and plural where a title could hold either.
VARIANT_GROUPS: Final[tuple[frozenset[str], ...]] = tuple(
    frozenset(group)
    for group in (
        ("grey", "gray"),
        ("greyish", "grayish"),
        ("color", "colour"),
        ("colors", "colours"),
        ("colored", "coloured"),
        ("colorful", "colourful"),
        ("jewelry", "jewellery"),
        ("organizer", "organiser"),
        ("organizers", "organisers"),
        ("favorite", "favourite"),
        ("center", "centre"),
        ("aluminum", "aluminium"),
        ("fiber", "fibre"),
        ("mold", "mould"),
        ("pajamas", "pyjamas"),
        ("cozy", "cosy"),
        ("moisturizer", "moisturiser"),
        ("moisturizing", "moisturising"),
        ("catalog", "catalogue"),
        ("tshirt", "tee", "teeshirt"),
        ("tshirts", "tees", "teeshirts"),
    )
)

_BY_WORD: Final = MappingProxyType({word: group for group in VARIANT_GROUPS for word in group})


def variants(word: str) -> tuple[str, ...]:
    """The other spellings of a folded word (none for most words), in a stable order."""
    group = _BY_WORD.get(word)
    return tuple(sorted(group - {word})) if group else ()
