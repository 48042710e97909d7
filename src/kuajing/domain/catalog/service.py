"""Catalog reads for the goods endpoints: products with their seller and category path, search, mapping (撞库)."""

from __future__ import annotations

from dataclasses import dataclass

from kuajing.domain.catalog.model import CatalogPlatform, Category, Product, ProductStatus, Seller
from kuajing.domain.catalog.ports import UnitOfWork
from kuajing.domain.catalog.search import ProductQuery, SortKey
from kuajing.domain.errors import NotFoundError


@dataclass(frozen=True, slots=True)
class ProductView:
    product: Product
    seller: Seller
    path: list[Category]  # root first; the last one is the product's own category


@dataclass(frozen=True, slots=True)
class ViewPage:
    """A page of a product list (search, recommendations, image search, rankings). Its products come without their
    SKUs: no list field shows them, and reading them was a large share of a warm keyword search
    (docs/performance.md)."""

    total: int
    views: list[ProductView]


def load_views(uow: UnitOfWork, ids: list[int], *, skus: bool = True) -> list[ProductView]:
    """Views in the order of ``ids`` — three statements whatever the page size (two without SKUs)."""
    products = uow.catalog.get_products(ids, skus=skus)
    sellers = uow.catalog.get_sellers(p.seller_id for p in products)
    return [
        ProductView(p, sellers[p.seller_id], uow.catalog.category_path(p.category_id))
        for p in products
        if p.seller_id in sellers
    ]


def get_view(uow: UnitOfWork, *, platform: CatalogPlatform, external_id: int, field: str) -> ProductView:
    product = uow.catalog.find_product(platform, external_id)
    if product is None:
        raise NotFoundError(f"no {platform.value} product {external_id}", field=field)
    return load_views(uow, [product.id])[0]


def search(uow: UnitOfWork, *, query: ProductQuery) -> ViewPage:
    page = uow.catalog.search_products(query)
    return ViewPage(page.total, load_views(uow, page.product_ids, skus=False))


def find_seller(uow: UnitOfWork, *, open_id: str, field: str) -> Seller:
    seller = uow.catalog.find_seller(open_id=open_id)
    if seller is None:
        raise NotFoundError(f"no seller {open_id}", field=field)
    return seller


def related(
    uow: UnitOfWork, *, platform: CatalogPlatform, external_id: int, offset: int, limit: int, field: str
) -> ViewPage:
    """Best sellers of the same leaf category, the product itself left out."""
    product = uow.catalog.find_product(platform, external_id)
    if product is None:
        raise NotFoundError(f"no {platform.value} product {external_id}", field=field)
    page = uow.catalog.search_products(
        ProductQuery(
            platform, category_id=product.category_id, sort=SortKey.SALES_DESC, offset=0, limit=offset + limit + 1
        )
    )
    ids = [i for i in page.product_ids if i != product.id][offset : offset + limit]
    total = page.total - (1 if product.status is ProductStatus.ACTIVE else 0)
    return ViewPage(max(0, total), load_views(uow, ids, skus=False))


@dataclass(frozen=True, slots=True)
class CategoryNode:
    category: Category | None  # None: the virtual root (id 0)
    children: list[Category]
    leaf_ids: set[int]


def category_node(uow: UnitOfWork, *, category_id: int, field: str) -> CategoryNode:
    if category_id == 0:
        node = None
    else:
        path = uow.catalog.category_path(category_id)
        if not path:
            raise NotFoundError(f"no category {category_id}", field=field)
        node = path[-1]
    children = uow.catalog.category_children(None if node is None else node.id)
    leaves = {c.id for c in children if not uow.catalog.category_children(c.id)}
    return CategoryNode(node, children, leaves)


@dataclass(frozen=True, slots=True)
class MpMapping:
    item_id: str
    mp_id: int | None
    skus: list[tuple[str, int]]  # (skuId, mpSkuId)
    reason: str


def batch_check(uow: UnitOfWork, *, items: list[tuple[str, list[str]]]) -> list[MpMapping]:
    """撞库: which Taobao items (and SKUs) have a distribution mapping; a reason for those that do not."""
    out: list[MpMapping] = []
    for item_id, sku_ids in items:
        product = (
            uow.catalog.find_product(CatalogPlatform.TAOBAO, int(item_id))
            if item_id.isascii() and item_id.isdecimal() and len(item_id) <= 18
            else None
        )
        if product is None:
            out.append(MpMapping(item_id, None, [], "商品不存在 / item not found"))
            continue
        if product.mp_id is None:
            out.append(MpMapping(item_id, None, [], "商品未入分销库 / item is not in the distribution pool"))
            continue
        if product.status is not ProductStatus.ACTIVE:
            out.append(MpMapping(item_id, None, [], "商品已下架 / item is offline"))
            continue
        wanted = [s for s in product.skus if not sku_ids or str(s.sku_id) in sku_ids]
        missing = [s for s in sku_ids if not any(str(k.sku_id) == s for k in product.skus)]
        if missing:
            out.append(MpMapping(item_id, None, [], f"SKU不存在 / unknown skuIds {','.join(missing)}"))
            continue
        out.append(MpMapping(item_id, product.mp_id, [(str(s.sku_id), s.mp_sku_id or 0) for s in wanted], ""))
    return out


def filter_ids(
    uow: UnitOfWork,
    *,
    ids: list[int],
    category_id: int | None,
    price_min_fen: int | None,
    price_max_fen: int | None,
    offset: int,
    limit: int,
) -> ViewPage:
    """Image-search candidates (best first) narrowed by the request's filters, then one page of them."""
    products = uow.catalog.get_products(ids, skus=False)
    kept: list[int] = []
    for p in products:
        if p.status is not ProductStatus.ACTIVE:
            continue
        if price_min_fen is not None and p.price_fen < price_min_fen:
            continue
        if price_max_fen is not None and p.price_fen > price_max_fen:
            continue
        if category_id is not None and category_id not in {c.id for c in uow.catalog.category_path(p.category_id)}:
            continue
        kept.append(p.id)
    return ViewPage(len(kept), load_views(uow, kept[offset : offset + limit], skus=False))
