"""The deterministic demo catalog: categories, sellers and products composed from the 5-language vocabulary.

Everything is a pure function of ``(seed, index)``: product ``i`` of seed ``s`` always gets the same ids, titles,
prices, SKUs and pictures, so re-running ``kuajing demo --products N --seed S`` adds only what is missing (it looks
ids up before inserting) and two machines seeded alike serve the same catalog.

Ids: Taobao ``itemId`` 12 digits from 600000000000, ``mpId`` 16 digits, SKU ids 13 digits; 1688 ``offerId``
12 digits from 700000000000, ``specId`` 32 hex (md5 of offer and SKU number). Seeds are taken modulo 1000 and each
seed owns a range of 10,000,000 products per platform.

Pictures are references ``gen:<shape>:<rrggbb>:<seed>:<variant>`` (see :mod:`kuajing.domain.catalog.model`) that
:func:`render_image_ref` paints on request: three views per product and one picture per SKU colour.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

from kuajing.domain.catalog.model import (
    CatalogPlatform,
    Category,
    PriceRange,
    Product,
    Seller,
    Sku,
    SkuProperty,
)
from kuajing.market import vocab
from kuajing.market.images import draw_product_image, encode_jpeg
from kuajing.market.shapes import SHAPES

PER_SEED = 10_000_000
TAOBAO_ITEM_BASE = 600_000_000_000
ALIBABA_OFFER_BASE = 700_000_000_000
MP_BASE = 2_048_000_000_000_000
TAOBAO_SKU_BASE = 3_400_000_000_000
ALIBABA_SKU_BASE = 5_100_000_000_000
SELLERS_PER_PRODUCTS = 200  # one seller per this many products (at least 8 per platform)

_PROP_IDS = {"color": 1627207, "size": 20509, "spec": 122216431, "style": 122508275, "capacity": 1628665}
# Shapes the vocabulary uses but the painter does not draw (yet): drawn as the closest shape it has.
_SHAPE_FALLBACK = {"dress": "shirt", "trousers": "shirt", "ring": "watch"}


def draw_shape(shape: str) -> str:
    if shape in SHAPES:
        return shape
    return _SHAPE_FALLBACK.get(shape, SHAPES[0])


# categories ----------------------------------------------------------------------------------------------------
def build_categories() -> list[Category]:
    """The one category tree (top level ids 1001…, leaves 100101…), names in every language."""
    out: list[Category] = []
    for i, top in enumerate(vocab.CATEGORIES):
        top_id = 1001 + i
        out.append(Category(top_id, None, top.key, top.names.as_dict(), 1, ""))
        for j, lf in enumerate(top.leaves):
            out.append(Category(top_id * 100 + 1 + j, top_id, lf.key, lf.names.as_dict(), 2, lf.shape))
    return out


@lru_cache(maxsize=1)
def _leaf_ids() -> dict[str, int]:
    return {c.key: c.id for c in build_categories() if c.level == 2}


# sellers -------------------------------------------------------------------------------------------------------
_SHOP_WORDS = (
    ("优品", "Youpin", "Ưu Phẩm", "Selecto", "คัดสรร"),
    ("鑫源", "Xinyuan", "Hâm Nguyên", "Xinyuan", "ซินหยวน"),
    ("恒达", "Hengda", "Hằng Đạt", "Hengda", "เหิงต้า"),
    ("佳美", "Jiamei", "Giai Mỹ", "Jiamei", "เจียเหม่ย"),
    ("盛世", "Shengshi", "Thịnh Thế", "Shengshi", "เซิ่งซื่อ"),
    ("易购", "Yigou", "Dịch Cấu", "Yigou", "อี้โกว"),
    ("华联", "Hualian", "Hoa Liên", "Hualian", "หัวเหลียน"),
    ("新潮", "Xinchao", "Tân Triều", "Xinchao", "ซินเฉา"),
)
_SHOP_KIND = (
    ("旗舰店", "Flagship Store", "cửa hàng chính hãng", "tienda oficial", "ร้านเรือธง"),
    ("工厂店", "Factory Store", "cửa hàng xưởng", "tienda de fábrica", "ร้านโรงงาน"),
    ("源头厂家", "Source Factory", "xưởng sản xuất", "fábrica de origen", "โรงงานต้นทาง"),
    ("批发商行", "Wholesale", "cửa hàng sỉ", "mayorista", "ร้านขายส่ง"),
)
_CITIES = ("义乌", "广州", "深圳", "杭州", "泉州", "东莞")


def seller_count(n_products: int) -> int:
    return max(8, n_products // SELLERS_PER_PRODUCTS)


def _open_id(prefix: str, seed: int, index: int) -> str:
    digest = hashlib.sha256(f"kuajing-seller:{seed}:{prefix}:{index}".encode()).digest()
    import base64

    return "BBB" + base64.urlsafe_b64encode(digest).decode()[:22]


def make_seller(platform: CatalogPlatform, seed: int, index: int) -> Seller:
    rng = random.Random(f"seller:{seed}:{platform.value}:{index}")
    word, kind = rng.choice(_SHOP_WORDS), rng.choice(_SHOP_KIND)
    city = rng.choice(_CITIES)
    names = {
        lang: f"{word[k]} {kind[k]}" if lang != "zh" else f"{word[0]}{kind[0]}"
        for k, lang in enumerate(vocab.LANGUAGES)
    }
    shop_no = (seed % 1000) * 100_000 + index
    return Seller(
        id=0,
        platform=platform,
        open_id=_open_id(platform.value, seed, index),
        shop_id=268_000_000 + shop_no * 2 + (0 if platform is CatalogPlatform.TAOBAO else 1),
        shop_name=f"{city}{names['zh']}",
        nick=f"{city}{word[0]}{index:04d}",
        company_name=f"{city}市{word[0]}贸易有限公司",
        names=names,
        behaviour={},
    )


# products ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Planned:
    """Where product ``index`` goes: its platform, external id and seller number."""

    index: int
    platform: CatalogPlatform
    external_id: int
    seller_index: int


def plan(seed: int, index: int, n_products: int) -> Planned:
    platform = CatalogPlatform.TAOBAO if index % 2 == 0 else CatalogPlatform.ALIBABA
    offset = (seed % 1000) * PER_SEED + index // 2
    base = TAOBAO_ITEM_BASE if platform is CatalogPlatform.TAOBAO else ALIBABA_OFFER_BASE
    n_sellers = seller_count(n_products)
    seller_index = int.from_bytes(hashlib.md5(f"{seed}:{index}".encode()).digest()[:4], "big") % n_sellers
    return Planned(index, platform, base + offset, seller_index)


def _rgb_hex(rgb: tuple[int, int, int]) -> str:
    return f"{rgb[0]:02x}{rgb[1]:02x}{rgb[2]:02x}"


def make_product(seed: int, index: int, *, seller_id: int, now_ms: int, planned: Planned | None = None) -> Product:
    """Product ``index`` of ``seed`` (ids not yet assigned); ``seller_id`` is the internal id of its seller."""
    p = planned or plan(seed, index, index + 1)
    rng = random.Random(f"product:{seed}:{index}")
    leaf_key = rng.choice(list(vocab.LEAVES))
    leaf = vocab.LEAVES[leaf_key]
    composed = vocab.compose(rng, leaf_key)
    colour_term = next((c for c in vocab.COLORS if c.key == composed.color), None) or rng.choice(vocab.COLORS)
    shape = leaf.shape
    img_seed = (seed % 1000) * PER_SEED * 2 + index
    images = [f"gen:{shape}:{_rgb_hex(colour_term.rgb)}:{img_seed}:{v}" for v in range(3)]

    base_fen = int(round(rng.lognormvariate(8.3, 0.9) / 10)) * 10  # ~¥40 median
    base_fen = max(190, min(base_fen, 2_000_000))
    month_sold = int(rng.paretovariate(1.1) * 8) - 8 + rng.randint(0, 30)
    offset = p.external_id - (TAOBAO_ITEM_BASE if p.platform is CatalogPlatform.TAOBAO else ALIBABA_OFFER_BASE)

    # SKUs: colours × (sizes | specs | …), at most 6
    props = leaf.sku_props
    first_values = (
        [colour_term, *rng.sample([c for c in vocab.COLORS if c.key != colour_term.key], rng.randint(0, 2))]
        if props[0] == "color"
        else list(rng.sample(vocab.sku_values(props[0], leaf_key), min(3, len(vocab.sku_values(props[0], leaf_key)))))
    )
    second = props[1] if len(props) > 1 else None
    second_values: list[vocab.Term | None] = []
    if second:
        pool = vocab.sku_values(second, leaf_key)
        start = rng.randrange(len(pool))
        second_values = [pool[(start + k) % len(pool)] for k in range(min(len(pool), rng.randint(1, 3)))]
    combos = [(a, b) for a in first_values for b in (second_values or [None])][:6]
    skus: list[Sku] = []
    for k, (a, b) in enumerate(combos):
        properties = [
            SkuProperty(
                _PROP_IDS[props[0]], vocab.SKU_PROPERTIES[props[0]].names.as_dict(), _value_id(a.key), a.names.as_dict()
            )
        ]
        if b is not None and second:
            properties.append(
                SkuProperty(
                    _PROP_IDS[second], vocab.SKU_PROPERTIES[second].names.as_dict(), _value_id(b.key), b.names.as_dict()
                )
            )
        price = base_fen + 100 * (k % 3) * (base_fen // 2000)
        sku_image = ""
        if isinstance(a, vocab.Color):
            sku_image = f"gen:{shape}:{_rgb_hex(a.rgb)}:{img_seed}:0"
        if p.platform is CatalogPlatform.TAOBAO:
            skus.append(
                Sku(
                    sku_id=TAOBAO_SKU_BASE + offset * 8 + k,
                    price_fen=price,
                    stock=rng.randint(0, 500) if rng.random() > 0.05 else 0,
                    properties=properties,
                    mp_sku_id=MP_BASE + 500_000_000_000_000 + offset * 8 + k,
                    promotion_price_fen=price * 9 // 10 if rng.random() < 0.4 else None,
                    image=sku_image,
                )
            )
        else:
            skus.append(
                Sku(
                    sku_id=ALIBABA_SKU_BASE + offset * 8 + k,
                    price_fen=price,
                    stock=rng.randint(50, 20_000),
                    properties=properties,
                    spec_id=hashlib.md5(f"spec:{p.external_id}:{k}".encode()).hexdigest(),
                    consign_price_fen=price * 11 // 10,
                    image=sku_image,
                )
            )
    price_fen = min(s.price_fen for s in skus)
    attributes = [  # the first SKU's value of the leading property (a colour, a capacity, a spec…)
        {
            "id": _PROP_IDS[props[0]],
            "name": vocab.SKU_PROPERTIES[props[0]].names.as_dict(),
            "value": first_values[0].names.as_dict(),
        }
    ]
    if composed.material:
        material = next(m for m in vocab.MATERIALS if m.key == composed.material)
        attributes.append(
            {
                "id": 20021,
                "name": {"zh": "材质", "en": "Material", "vi": "Chất liệu", "es": "Material", "th": "วัสดุ"},
                "value": material.names.as_dict(),
            }
        )
    common = dict(
        seller_id=seller_id,
        category_id=_leaf_ids()[leaf_key],
        titles=dict(composed.titles),
        price_fen=price_fen,
        skus=skus,
        description=f"<p>{composed.titles['zh']}</p>",
        images=images,
        attributes=attributes,
        month_sold=max(0, month_sold),
        created_at_ms=now_ms,
        updated_at_ms=now_ms,
    )
    if p.platform is CatalogPlatform.TAOBAO:
        promo = min((s.promotion_price_fen for s in skus if s.promotion_price_fen), default=None)
        return Product(
            platform=p.platform,
            external_id=p.external_id,
            mp_id=MP_BASE + offset,
            promotion_price_fen=promo,
            **common,  # type: ignore[arg-type]
        )
    quantity_breaks = [
        PriceRange(1, price_fen),
        PriceRange(10, price_fen * 95 // 100),
        PriceRange(100, price_fen * 88 // 100),
    ]
    return Product(
        platform=p.platform,
        external_id=p.external_id,
        consign_price_fen=price_fen * 11 // 10,
        price_ranges=quantity_breaks,
        min_order_quantity=rng.choice((1, 1, 2, 3, 5, 10)),
        repurchase_rate_bp=rng.randint(500, 6000),
        is_jxhy=rng.random() < 0.25,
        unit=rng.choice(("件", "个", "套", "双")),
        **common,  # type: ignore[arg-type]
    )


def _value_id(key: str) -> int:
    return int.from_bytes(hashlib.md5(key.encode()).digest()[:4], "big") % 90_000_000 + 10_000_000


def iter_plans(seed: int, n_products: int, start: int = 0) -> Iterator[Planned]:
    for i in range(start, n_products):
        yield plan(seed, i, n_products)


# pictures ------------------------------------------------------------------------------------------------------
def parse_ref(ref: str) -> tuple[str, tuple[int, int, int], int, int] | None:
    """``gen:<shape>:<rrggbb>:<seed>:<variant>`` → (shape, rgb, seed, variant); None for anything else."""
    parts = ref.split(":")
    if len(parts) != 5 or parts[0] != "gen":
        return None
    try:
        rgb = (int(parts[2][0:2], 16), int(parts[2][2:4], 16), int(parts[2][4:6], 16))
        return parts[1], rgb, int(parts[3]), max(0, min(3, int(parts[4])))
    except ValueError:
        return None


def render_image_ref(ref: str, size: int = 400) -> Image.Image:
    parsed = parse_ref(ref)
    if parsed is None:
        raise ValueError(f"not a generated picture: {ref!r}")
    shape, rgb, seed, variant = parsed
    return draw_product_image(
        category_key=shape, shape=draw_shape(shape), colour=rgb, seed=seed, variant=variant, size=size
    )


@lru_cache(maxsize=512)
def render_image_jpeg(ref: str, size: int = 400) -> bytes:
    """JPEG bytes of a generated picture (LRU-cached: pictures are immutable)."""
    return encode_jpeg(render_image_ref(ref, size))
