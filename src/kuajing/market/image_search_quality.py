"""Helpers to measure image-search quality on synthetic catalogs drawn by :mod:`kuajing.market.images`.

Used by the held-out quality test, ``bench/image_search.py`` and ``tools/fit_image_pca.py``. Pure: no I/O. It lives
with the market, whose pictures it draws: the search package knows nothing of the market.
A synthetic catalog resembles a real one: many products share a category (hence a shape) and a colour,
so only the seeded pattern, accent colour, proportions and background tell them apart.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageEnhance, ImageOps

from kuajing.market.images import draw_product_image
from kuajing.market.shapes import SHAPES

__all__ = ["CATEGORIES", "EDITS", "PALETTE", "Product", "catalog", "draw", "edit"]

# A colour palette like a marketplace's colour facet: many products share these exact colours.
PALETTE: tuple[tuple[int, int, int], ...] = (
    (200, 30, 40),
    (30, 60, 160),
    (240, 240, 240),
    (30, 30, 30),
    (60, 150, 80),
    (245, 200, 40),
    (240, 130, 170),
    (130, 80, 50),
    (128, 128, 135),
    (110, 60, 170),
    (240, 120, 30),
    (90, 190, 210),
)

# Category keys -> shape; several categories share a shape, as in a real taxonomy.
CATEGORIES: tuple[tuple[str, str], ...] = tuple(
    (f"{prefix}-{shape}", shape) for shape in SHAPES for prefix in ("women", "men", "kids")
)


@dataclass(frozen=True)
class Product:
    pid: int
    category_key: str
    shape: str
    colour: tuple[int, int, int]
    seed: int


def catalog(n: int, *, namespace: int = 0) -> list[Product]:
    """``n`` deterministic products. Different ``namespace`` values give disjoint products (seeds)."""
    out = []
    for pid in range(n):
        h = (pid * 2654435761 + namespace * 40503) & 0xFFFFFFFF
        cat, shape = CATEGORIES[h % len(CATEGORIES)]
        colour = PALETTE[(h >> 8) % len(PALETTE)]
        out.append(Product(pid, cat, shape, colour, seed=namespace * 10_000_000 + pid))
    return out


def draw(p: Product, *, variant: int = 0, size: int = 400) -> Image.Image:
    return draw_product_image(
        category_key=p.category_key, shape=p.shape, colour=p.colour, seed=p.seed, variant=variant, size=size
    )


def _crop_centre(img: Image.Image, k: int) -> Image.Image:
    w, h = img.size
    f = 0.85
    cw, ch = int(w * f), int(h * f)
    return img.crop(((w - cw) // 2, (h - ch) // 2, (w - cw) // 2 + cw, (h - ch) // 2 + ch))


def _crop_corner(img: Image.Image, k: int) -> Image.Image:
    w, h = img.size
    f = 0.85
    cw, ch = int(w * f), int(h * f)
    x0 = 0 if k % 2 == 0 else w - cw
    y0 = 0 if (k // 2) % 2 == 0 else h - ch
    return img.crop((x0, y0, x0 + cw, y0 + ch))


def _resize_half(img: Image.Image, k: int) -> Image.Image:
    return img.resize((img.width // 2, img.height // 2), Image.Resampling.BICUBIC)


def _jpeg_q40(img: Image.Image, k: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=40)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def _hflip(img: Image.Image, k: int) -> Image.Image:
    return ImageOps.mirror(img)


def _pad_white(img: Image.Image, k: int) -> Image.Image:
    b = int(round(img.width * 0.15))
    return ImageOps.expand(img, border=b, fill=(255, 255, 255))


def _brightness(img: Image.Image, k: int) -> Image.Image:
    return ImageEnhance.Brightness(img).enhance(1.25 if k % 2 == 0 else 0.75)


EDITS: dict[str, Callable[[Image.Image, int], Image.Image]] = {
    "crop_centre_85": _crop_centre,
    "crop_corner_85": _crop_corner,
    "resize_half": _resize_half,
    "jpeg_q40": _jpeg_q40,
    "hflip": _hflip,
    "pad_white_15": _pad_white,
    "brightness_25": _brightness,
}


def edit(img: Image.Image, name: str, k: int = 0) -> Image.Image:
    """Apply the named edit; ``k`` picks the corner / the brightness direction."""
    return EDITS[name](img, k)
