"""Search requests and results, as the domain sees them (no wire names, no SQL).

A :class:`ProductQuery` is what every goods listing endpoint boils down to: an optional keyword, filters, one
sort and a page. The store answers it with a :class:`SearchPage`: the exact number of matches and the ids of the
requested page, best first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kuajing.domain.catalog.model import CatalogPlatform


class SortKey(StrEnum):
    RELEVANCE = "relevance"  # bm25 for a keyword with a small match set, else sales (see docs/goods.md)
    SALES_DESC = "sales_desc"
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"
    NEWEST = "newest"


@dataclass(frozen=True, slots=True)
class ProductQuery:
    platform: CatalogPlatform
    keyword: str | None = None
    category_id: int | None = None  # the category and all its descendants
    seller_id: int | None = None
    jxhy_only: bool = False
    price_min_fen: int | None = None
    price_max_fen: int | None = None
    active_only: bool = True
    sort: SortKey = SortKey.RELEVANCE
    offset: int = 0
    limit: int = 20


@dataclass(frozen=True, slots=True)
class SearchPage:
    total: int
    product_ids: list[int] = field(default_factory=list)


def page_window(page: int, page_size: int) -> tuple[int, int]:
    """``beginPage``/``pageNo`` 0 and 1 both mean the first page; returns ``(offset, current_page)``."""
    current = max(1, page)
    return (current - 1) * page_size, current


def total_pages(total: int, page_size: int) -> int:
    return (total + page_size - 1) // page_size if page_size > 0 else 0
