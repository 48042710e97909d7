"""Deterministic, offline product-image painter.

``draw_product_image`` paints a simple "product photo": a category-dependent silhouette in the product
colour, a seeded secondary pattern (stripes, dots, checks, band, zigzag, logo mark) in a seeded accent
colour, a light seeded background and a soft shadow. Everything is drawn with Pillow primitives, so one
400x400 image takes a few milliseconds. Identical arguments give byte-identical pixels (and therefore
byte-identical ``encode_jpeg`` output for a given Pillow version).

Every product is a function of ``(category_key, shape, colour, seed)``; ``variant`` only changes the
view: 0 is the main image, 1..3 are other views of the same object (rotated, zoomed detail,
another angle). SKU colour variants are simply other ``colour`` values with the same seed.
"""

from __future__ import annotations

import functools
import hashlib
import io
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

__all__ = ["SHAPES", "PATTERNS", "draw_product_image", "encode_jpeg"]

RGB = tuple[int, int, int]
Pt = tuple[float, float]

# Supersampling factor for the silhouette mask (antialiased edges).
_SS = 2


@dataclass(frozen=True)
class _Op:
    kind: str  # "poly" | "ellipse" | "rect" | "line"
    role: str  # "body" | "hole" | "dark" | "light" | "accent" | "dial" | "lens"
    pts: tuple[float, ...]  # unit coordinates, flattened
    width: float = 0.0  # for lines, in units


def _poly(role: str, *pts: Pt) -> _Op:
    return _Op("poly", role, tuple(c for p in pts for c in p))


def _ell(role: str, x0: float, y0: float, x1: float, y1: float) -> _Op:
    return _Op("ellipse", role, (x0, y0, x1, y1))


def _rect(role: str, x0: float, y0: float, x1: float, y1: float) -> _Op:
    return _Op("rect", role, (x0, y0, x1, y1))


def _line(role: str, width: float, *pts: Pt) -> _Op:
    return _Op("line", role, tuple(c for p in pts for c in p), width)


# --- silhouettes -----------------------------------------------------------------------------------
# Each takes a jitter source ``j`` (returns a value in [-1, 1]) and returns drawing ops in the unit
# square; the object roughly fills [0.12, 0.88]^2.

_Jit = Callable[[], float]


def _shirt(j: _Jit) -> list[_Op]:
    w = 0.20 + 0.03 * j()
    sl = 0.14 + 0.04 * j()
    top, bot = 0.20, 0.84 + 0.03 * j()
    return [
        _poly(
            "body",
            (0.5 - w, top),
            (0.5 - 0.07, top - 0.02),
            (0.5 + 0.07, top - 0.02),
            (0.5 + w, top),
            (0.5 + w + sl, 0.34),
            (0.5 + w + sl - 0.07, 0.43),
            (0.5 + w, 0.38),
            (0.5 + w, bot),
            (0.5 - w, bot),
            (0.5 - w, 0.38),
            (0.5 - w - sl + 0.07, 0.43),
            (0.5 - w - sl, 0.34),
        ),
        _ell("hole", 0.43, top - 0.06, 0.57, top + 0.06),
    ]


def _shoe(j: _Jit) -> list[_Op]:
    h = 0.20 + 0.05 * j()
    toe = 0.86 + 0.02 * j()
    return [
        _poly(
            "body",
            (0.14, 0.66),
            (0.14, 0.66 - h - 0.12),
            (0.36, 0.66 - h - 0.12),
            (0.44, 0.66 - h * 0.5),
            (toe - 0.12, 0.52),
            (toe, 0.60),
            (toe, 0.68),
            (0.14, 0.68),
        ),
        _rect("dark", 0.12, 0.68, toe + 0.01, 0.74),
        _line("light", 0.012, (0.38, 0.66 - h * 0.7), (0.52, 0.52)),
    ]


def _bag(j: _Jit) -> list[_Op]:
    w = 0.28 + 0.04 * j()
    top = 0.40 + 0.04 * j()
    return [
        _line(
            "dark", 0.035, (0.5 - w * 0.55, top), (0.5 - w * 0.45, 0.18), (0.5 + w * 0.45, 0.18), (0.5 + w * 0.55, top)
        ),
        _poly("body", (0.5 - w, top), (0.5 + w, top), (0.5 + w + 0.05, 0.84), (0.5 - w - 0.05, 0.84)),
        _rect("dark", 0.5 - 0.04, top + 0.04, 0.5 + 0.04, top + 0.10),
    ]


def _backpack(j: _Jit) -> list[_Op]:
    w = 0.22 + 0.03 * j()
    return [
        _ell("dark", 0.42, 0.10, 0.58, 0.24),
        _ell("hole", 0.45, 0.13, 0.55, 0.22),
        _rect("body", 0.5 - w, 0.20, 0.5 + w, 0.86),
        _ell("body", 0.5 - w, 0.14, 0.5 + w, 0.32),
        _rect("dark", 0.5 - w * 0.7, 0.56, 0.5 + w * 0.7, 0.58),
        _poly("body", (0.5 - w * 0.7, 0.58), (0.5 + w * 0.7, 0.58), (0.5 + w * 0.7, 0.80), (0.5 - w * 0.7, 0.80)),
    ]


def _cup(j: _Jit) -> list[_Op]:
    w = 0.20 + 0.04 * j()
    taper = 0.03 + 0.03 * j()
    return [
        _ell("body", 0.5 + w - 0.06, 0.36, 0.5 + w + 0.16, 0.64),
        _ell("hole", 0.5 + w - 0.01, 0.42, 0.5 + w + 0.10, 0.58),
        _poly("body", (0.5 - w, 0.26), (0.5 + w, 0.26), (0.5 + w - taper, 0.80), (0.5 - w + taper, 0.80)),
        _ell("dark", 0.5 - w, 0.22, 0.5 + w, 0.30),
        _ell("body", 0.5 - w + taper, 0.76, 0.5 + w - taper, 0.84),
    ]


def _phone(j: _Jit) -> list[_Op]:
    w = 0.17 + 0.02 * j()
    h = 0.34 + 0.02 * j()
    return [
        _rect("body", 0.5 - w, 0.5 - h, 0.5 + w, 0.5 + h),
        _rect("dark", 0.5 - w + 0.025, 0.5 - h + 0.025, 0.5 - w + 0.13, 0.5 - h + 0.16),
        _ell("light", 0.5 - w + 0.04, 0.5 - h + 0.04, 0.5 - w + 0.09, 0.5 - h + 0.09),
        _ell("light", 0.5 - w + 0.04, 0.5 - h + 0.10, 0.5 - w + 0.09, 0.5 - h + 0.15),
    ]


def _laptop(j: _Jit) -> list[_Op]:
    w = 0.30 + 0.03 * j()
    return [
        _rect("body", 0.5 - w, 0.22, 0.5 + w, 0.62),
        _rect("dark", 0.5 - w, 0.60, 0.5 + w, 0.63),
        _poly("body", (0.5 - w, 0.63), (0.5 + w, 0.63), (0.5 + w + 0.08, 0.76), (0.5 - w - 0.08, 0.76)),
        _rect("dark", 0.45, 0.72, 0.55, 0.745),
    ]


def _lamp(j: _Jit) -> list[_Op]:
    sw = 0.18 + 0.04 * j()
    return [
        _poly("body", (0.5 - 0.12, 0.10), (0.5 + 0.12, 0.10), (0.5 + sw + 0.06, 0.50), (0.5 - sw - 0.06, 0.50)),
        _line("dark", 0.03, (0.5, 0.50), (0.5, 0.80)),
        _ell("body", 0.26, 0.76, 0.74, 0.88),
        _ell("light", 0.45, 0.40, 0.55, 0.46),
    ]


def _toy(j: _Jit) -> list[_Op]:  # teddy bear
    r = 0.15 + 0.02 * j()
    return [
        _ell("body", 0.5 - r - 0.10, 0.12, 0.5 - r + 0.02, 0.24),
        _ell("body", 0.5 + r - 0.02, 0.12, 0.5 + r + 0.10, 0.24),
        _ell("body", 0.5 - r, 0.14, 0.5 + r, 0.14 + 2 * r),
        _ell("body", 0.28, 0.42, 0.72, 0.86),
        _ell("body", 0.18, 0.48, 0.34, 0.66),
        _ell("body", 0.66, 0.48, 0.82, 0.66),
        _ell("dark", 0.44, 0.24, 0.47, 0.27),
        _ell("dark", 0.53, 0.24, 0.56, 0.27),
        _ell("light", 0.44, 0.29, 0.56, 0.37),
    ]


def _bottle(j: _Jit) -> list[_Op]:
    w = 0.13 + 0.03 * j()
    neck = 0.05
    return [
        _rect("dark", 0.5 - neck - 0.01, 0.10, 0.5 + neck + 0.01, 0.18),
        _poly(
            "body",
            (0.5 - neck, 0.18),
            (0.5 + neck, 0.18),
            (0.5 + neck, 0.28),
            (0.5 + w, 0.40),
            (0.5 + w, 0.88),
            (0.5 - w, 0.88),
            (0.5 - w, 0.40),
            (0.5 - neck, 0.28),
        ),
        _rect("light", 0.5 - w, 0.52, 0.5 + w, 0.56),
    ]


def _chair(j: _Jit) -> list[_Op]:
    w = 0.22 + 0.03 * j()
    return [
        _rect("body", 0.5 - w, 0.14, 0.5 + w, 0.50),
        _rect("body", 0.5 - w - 0.02, 0.50, 0.5 + w + 0.02, 0.60),
        _line("dark", 0.03, (0.5 - w + 0.01, 0.60), (0.5 - w - 0.02, 0.88)),
        _line("dark", 0.03, (0.5 + w - 0.01, 0.60), (0.5 + w + 0.02, 0.88)),
        _line("dark", 0.02, (0.5 - w * 0.5, 0.60), (0.5 - w * 0.45, 0.82)),
        _line("dark", 0.02, (0.5 + w * 0.5, 0.60), (0.5 + w * 0.45, 0.82)),
    ]


def _watch(j: _Jit) -> list[_Op]:
    r = 0.13 + 0.02 * j()
    a1, a2 = math.pi * (1 + j()), math.pi * (1 + j())  # seeded hand positions
    return [
        _rect("body", 0.5 - 0.17, 0.06, 0.5 + 0.17, 0.94),
        _ell("dark", 0.5 - r - 0.02, 0.5 - r - 0.02, 0.5 + r + 0.02, 0.5 + r + 0.02),
        _ell("dial", 0.5 - r, 0.5 - r, 0.5 + r, 0.5 + r),
        _line("dark", 0.014, (0.5, 0.5), (0.5 + r * 0.8 * math.sin(a1), 0.5 - r * 0.8 * math.cos(a1))),
        _line("dark", 0.014, (0.5, 0.5), (0.5 + r * 0.55 * math.sin(a2), 0.5 - r * 0.55 * math.cos(a2))),
    ]


def _hat(j: _Jit) -> list[_Op]:
    h = 0.28 + 0.05 * j()
    return [
        _ell("body", 0.12, 0.60, 0.88, 0.76),
        _poly("body", (0.30, 0.68), (0.34, 0.68 - h), (0.66, 0.68 - h), (0.70, 0.68)),
        _ell("body", 0.34, 0.62 - h, 0.66, 0.74 - h),
        _rect("dark", 0.31, 0.58, 0.69, 0.64),
    ]


def _headphones(j: _Jit) -> list[_Op]:
    w = 0.28 + 0.03 * j()
    t = 0.09 + 0.02 * j()
    return [
        _ell("body", 0.5 - w, 0.12, 0.5 + w, 0.72),
        _ell("hole", 0.5 - w + t, 0.12 + t, 0.5 + w - t, 0.80),
        _ell("body", 0.5 - w - 0.08, 0.42, 0.5 - w + 0.16, 0.86),
        _ell("body", 0.5 + w - 0.16, 0.42, 0.5 + w + 0.08, 0.86),
        _ell("dark", 0.5 - w + 0.10, 0.50, 0.5 - w + 0.16, 0.78),
        _ell("dark", 0.5 + w - 0.16, 0.50, 0.5 + w - 0.10, 0.78),
    ]


def _sunglasses(j: _Jit) -> list[_Op]:
    r = 0.17 + 0.02 * j()
    return [
        _line("body", 0.06, (0.08, 0.36), (0.5 - r - 0.14, 0.44)),
        _line("body", 0.06, (0.92, 0.36), (0.5 + r + 0.14, 0.44)),
        _line("body", 0.06, (0.44, 0.46), (0.5, 0.42), (0.56, 0.46)),
        _ell("body", 0.5 - 2 * r - 0.05, 0.30, 0.47, 0.34 + 1.7 * r),
        _ell("body", 0.53, 0.30, 0.5 + 2 * r + 0.05, 0.34 + 1.7 * r),
        _ell("lens", 0.5 - 2 * r + 0.02, 0.37, 0.40, 0.27 + 1.7 * r),
        _ell("lens", 0.60, 0.37, 0.5 + 2 * r - 0.02, 0.27 + 1.7 * r),
    ]


def _vase(j: _Jit) -> list[_Op]:
    w = 0.22 + 0.04 * j()
    return [
        _ell("body", 0.5 - w, 0.34, 0.5 + w, 0.86),
        _poly("body", (0.42, 0.14), (0.58, 0.14), (0.56, 0.42), (0.44, 0.42)),
        _ell("body", 0.38, 0.11, 0.62, 0.18),
        _ell("dark", 0.43, 0.125, 0.57, 0.165),
    ]


def _book(j: _Jit) -> list[_Op]:
    w = 0.25 + 0.03 * j()
    return [
        _rect("body", 0.5 - w, 0.13, 0.5 + w, 0.85),
        _rect("light", 0.5 + w, 0.15, 0.5 + w + 0.025, 0.87),
        _rect("light", 0.5 - w + 0.02, 0.85, 0.5 + w + 0.025, 0.87),
        _rect("dark", 0.5 - w, 0.13, 0.5 - w + 0.05, 0.85),
    ]


def _ball(j: _Jit) -> list[_Op]:
    r = 0.32 + 0.03 * j()
    return [
        _ell("body", 0.5 - r, 0.5 - r, 0.5 + r, 0.5 + r),
        _line("dark", 0.012, (0.5 - r, 0.5), (0.5 + r, 0.5)),
        _line("dark", 0.012, (0.5, 0.5 - r), (0.5, 0.5 + r)),
    ]


_SHAPE_FUNCS: dict[str, Callable[[_Jit], list[_Op]]] = {
    "shirt": _shirt,
    "shoe": _shoe,
    "bag": _bag,
    "backpack": _backpack,
    "cup": _cup,
    "phone": _phone,
    "laptop": _laptop,
    "lamp": _lamp,
    "toy": _toy,
    "bottle": _bottle,
    "chair": _chair,
    "watch": _watch,
    "hat": _hat,
    "headphones": _headphones,
    "sunglasses": _sunglasses,
    "vase": _vase,
    "book": _book,
    "ball": _ball,
}

SHAPES: tuple[str, ...] = tuple(_SHAPE_FUNCS)
PATTERNS: tuple[str, ...] = ("stripes", "dots", "checks", "band", "zigzag")


# --- helpers -----------------------------------------------------------------------------------------


def _rng(*parts: object) -> random.Random:
    h = hashlib.sha256("|".join(repr(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(h[:16], "big"))


def _clamp(v: float) -> int:
    return max(0, min(255, int(round(v))))


def _lum(c: RGB) -> float:
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (_clamp(a[0] + (b[0] - a[0]) * t), _clamp(a[1] + (b[1] - a[1]) * t), _clamp(a[2] + (b[2] - a[2]) * t))


_ACCENTS: tuple[RGB, ...] = (
    (20, 20, 24),
    (250, 250, 250),
    (220, 30, 40),
    (250, 190, 20),
    (30, 90, 200),
    (20, 150, 80),
    (240, 110, 20),
    (140, 40, 170),
    (0, 170, 190),
    (240, 90, 160),
    (120, 80, 40),
    (160, 200, 40),
)


def _accent(rng: random.Random, colour: RGB) -> RGB:
    cands = [a for a in _ACCENTS if sum(abs(a[i] - colour[i]) for i in range(3)) > 200]
    if not cands:  # pragma: no cover - every colour is far from black or white
        cands = list(_ACCENTS)
    return rng.choice(cands)


@functools.lru_cache(maxsize=16)
def _gradient(s: int, horizontal: bool) -> Image.Image:
    """Cached s x s "L" gradient: 0..127 left-to-right (horizontal) or 0..255 top-to-bottom."""
    g = Image.linear_gradient("L")
    if horizontal:
        g = g.rotate(90).point(lambda v: v // 2)
    return g.resize((s, s))


def _scaled(pts: Sequence[float], s: float) -> list[float]:
    return [c * s for c in pts]


def _draw_op(d: ImageDraw.ImageDraw, op: _Op, s: float, fill: int | RGB) -> None:
    p = _scaled(op.pts, s)
    if op.kind == "poly":
        d.polygon(p, fill=fill)
    elif op.kind == "ellipse":
        d.ellipse(p, fill=fill)
    elif op.kind == "rect":
        d.rectangle(p, fill=fill)
    else:
        w = max(1, int(round(op.width * s)))
        d.line(p, fill=fill, width=w, joint="curve")
        r = w / 2
        for k in range(0, len(p), 2):  # round caps
            d.ellipse((p[k] - r, p[k + 1] - r, p[k] + r, p[k + 1] + r), fill=fill)


def _rot(pts: list[Pt], cx: float, cy: float, ang: float) -> list[Pt]:
    ca, sa = math.cos(ang), math.sin(ang)
    return [(cx + (x - cx) * ca - (y - cy) * sa, cy + (x - cx) * sa + (y - cy) * ca) for x, y in pts]


def _paint_pattern(d: ImageDraw.ImageDraw, rng: random.Random, kind: str, s: int, accent: RGB) -> None:
    """Paint the seeded secondary pattern over the whole object canvas (it is masked later)."""
    if kind == "stripes":
        period = rng.uniform(0.06, 0.16) * s
        width = period * rng.uniform(0.25, 0.55)
        ang = rng.choice((0.0, math.pi / 2, math.pi / 4, -math.pi / 4, rng.uniform(-1.2, 1.2)))
        off = rng.uniform(0, period)
        n = int(2 * s / period) + 2
        for i in range(-n // 2, n // 2 + 1):
            x = s / 2 + i * period + off
            band: list[Pt] = [(x, -s), (x + width, -s), (x + width, 2.0 * s), (x, 2.0 * s)]
            d.polygon(_rot(band, s / 2, s / 2, ang), fill=accent)
    elif kind == "dots":
        n = rng.randint(5, 22)
        for _ in range(n):
            r = rng.uniform(0.03, 0.08) * s
            x, y = rng.uniform(0.15, 0.85) * s, rng.uniform(0.15, 0.85) * s
            d.ellipse((x - r, y - r, x + r, y + r), fill=accent)
    elif kind == "checks":
        cell = rng.uniform(0.05, 0.13) * s
        ox, oy = rng.uniform(0, cell), rng.uniform(0, cell)
        n = int(s / cell) + 2
        for i in range(-1, n):
            for k in range(-1, n):
                if (i + k) % 2 == 0:
                    x, y = ox + i * cell, oy + k * cell
                    d.rectangle((x, y, x + cell, y + cell), fill=accent)
    elif kind == "band":
        for _ in range(rng.randint(1, 3)):
            y = rng.uniform(0.2, 0.8) * s
            h = rng.uniform(0.04, 0.12) * s
            if rng.random() < 0.5:
                d.rectangle((0, y, s, y + h), fill=accent)
            else:
                d.rectangle((y, 0, y + h, s), fill=accent)
    elif kind == "zigzag":
        amp = rng.uniform(0.03, 0.07) * s
        step = rng.uniform(0.05, 0.10) * s
        w = max(2, int(rng.uniform(0.015, 0.035) * s))
        for _ in range(rng.randint(2, 4)):
            y0 = rng.uniform(0.15, 0.85) * s
            pts = [(x * step, y0 + (amp if x % 2 else -amp)) for x in range(int(s / step) + 2)]
            d.line(pts, fill=accent, width=w, joint="curve")


def _paint_logo(d: ImageDraw.ImageDraw, rng: random.Random, s: int, colour: RGB, accent: RGB) -> None:
    cx, cy = rng.uniform(0.3, 0.7) * s, rng.uniform(0.3, 0.7) * s
    r = rng.uniform(0.07, 0.13) * s
    fill = accent
    kind = rng.randrange(5)
    if kind == 0:
        d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
        d.ellipse((cx - r / 2, cy - r / 2, cx + r / 2, cy + r / 2), fill=colour)
    elif kind == 1:
        pts = [
            (
                cx + (r if i % 2 == 0 else r * 0.45) * math.cos(math.pi * i / 5 - math.pi / 2),
                cy + (r if i % 2 == 0 else r * 0.45) * math.sin(math.pi * i / 5 - math.pi / 2),
            )
            for i in range(10)
        ]
        d.polygon(pts, fill=fill)
    elif kind == 2:
        d.polygon([(cx, cy - r), (cx + r, cy + r * 0.8), (cx - r, cy + r * 0.8)], fill=fill)
    elif kind == 3:
        d.rectangle((cx - r, cy - r * 0.25, cx + r, cy + r * 0.25), fill=fill)
        d.rectangle((cx - r * 0.25, cy - r, cx + r * 0.25, cy + r), fill=fill)
    else:
        d.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=fill)


# --- main entry points --------------------------------------------------------------------------------


def _paint_object(
    category_key: str, shape: str, colour: RGB, seed: int, s: int
) -> tuple[Image.Image, Image.Image, RGB, random.Random]:
    """Return (rgb, mask, background colour, view rng) for the product, unrotated, on an s x s canvas."""
    rng = _rng("kuajing-product-v1", category_key, shape, tuple(colour), seed)
    ops = _SHAPE_FUNCS[shape](lambda: rng.uniform(-1.0, 1.0))

    accent = _accent(rng, colour)
    bg_base = (rng.randint(232, 252), rng.randint(232, 252), rng.randint(232, 252))
    pattern = rng.choice(PATTERNS)
    logo_colour = _accent(rng, colour)
    # Trim (soles, handles, legs, straps' rims...): a seeded dark or accent-like colour.
    dark = rng.choice((_mix(colour, (0, 0, 0), 0.65), (25, 25, 30), _mix(logo_colour, (0, 0, 0), 0.3), (120, 120, 125)))
    light = _mix(colour, (255, 255, 255), 0.8)
    dial = rng.choice(((250, 248, 235), (25, 25, 30), _mix(accent, (255, 255, 255), 0.3)))
    lens = _mix(accent, (0, 0, 0), rng.uniform(0.3, 0.7))

    # Silhouette mask, supersampled.
    big = s * _SS
    mask_big = Image.new("L", (big, big), 0)
    md = ImageDraw.Draw(mask_big)
    for op in ops:
        _draw_op(md, op, big, 0 if op.role == "hole" else 255)
    mask = mask_big.resize((s, s), Image.Resampling.BOX)

    # Body colour with a soft left-to-right shading.
    body = Image.composite(
        Image.new("RGB", (s, s), _mix(colour, (0, 0, 0), 0.22)),
        Image.new("RGB", (s, s), _mix(colour, (255, 255, 255), 0.10)),
        _gradient(s, horizontal=True),
    )
    pat = body.copy()
    pd = ImageDraw.Draw(pat)
    _paint_pattern(pd, rng, pattern, s, accent)
    _paint_logo(pd, rng, s, colour, logo_colour)
    body = Image.composite(pat, body, mask)  # details below are painted on top of the pattern
    od = ImageDraw.Draw(body)
    for op in ops:
        if op.role in ("dark", "light", "accent"):
            _draw_op(od, op, s, {"dark": dark, "light": light, "accent": accent}[op.role])
        elif op.role == "dial":
            _draw_op(od, op, s, dial)
        elif op.role == "lens":
            _draw_op(od, op, s, lens)
    return body, mask, bg_base, rng


def draw_product_image(
    *, category_key: str, shape: str, colour: tuple[int, int, int], seed: int, variant: int, size: int = 400
) -> Image.Image:
    """Paint a deterministic RGB product photo of ``size`` x ``size`` pixels.

    ``variant`` 0 is the main image, 1..3 are other views of the same object.
    """
    if shape not in _SHAPE_FUNCS:
        raise ValueError(f"unknown shape {shape!r}; expected one of {SHAPES}")
    if not 0 <= variant <= 3:
        raise ValueError("variant must be in 0..3")
    if size < 32:
        raise ValueError("size must be >= 32")
    if len(colour) != 3 or any(not 0 <= int(c) <= 255 for c in colour):
        raise ValueError("colour must be an (r, g, b) tuple of 0..255 ints")
    colour = (int(colour[0]), int(colour[1]), int(colour[2]))
    s = size
    body, mask, bg_base, rng = _paint_object(category_key, shape, colour, seed, s)

    # View transform (affine, inverse mapping output -> input coordinates).
    vrng = random.Random(rng.random() + variant)
    if variant != 0:
        c = s / 2
        if variant == 1:  # rotated
            ang = math.radians(vrng.choice((-1, 1)) * vrng.uniform(8, 16))
            sc, shx, dx = 1.0, 0.0, 0.0
        elif variant == 2:  # zoomed detail
            ang, sc, shx = 0.0, 1.0 / 1.4, 0.0
            dx = vrng.uniform(-0.12, 0.12) * s
        else:  # another angle: narrower, sheared, mirrored
            ang, sc, shx, dx = math.radians(vrng.uniform(-5, 5)), 1.0, 0.18, 0.0
        ca, sa = math.cos(ang), math.sin(ang)
        sx = sc / (0.78 if variant == 3 else 1.0)
        mirror = -1.0 if variant == 3 else 1.0
        a = ca * sx * mirror
        b = -sa * sc + shx
        d_ = sa * sx * mirror
        e = ca * sc
        coeffs = (a, b, c - a * c - b * c + dx, d_, e, c - d_ * c - e * c)
        body = body.transform((s, s), Image.Transform.AFFINE, coeffs, Image.Resampling.BILINEAR)
        mask = mask.transform((s, s), Image.Transform.AFFINE, coeffs, Image.Resampling.BILINEAR)

    # Background: seeded light tint with a gentle vertical gradient, and a soft shadow.
    top = _mix(bg_base, (255, 255, 255), 0.5)
    bg = Image.composite(
        Image.new("RGB", (s, s), bg_base), Image.new("RGB", (s, s), top), _gradient(s, horizontal=False)
    )
    small = max(16, s // 8)
    sh = mask.resize((small, small), Image.Resampling.BOX).filter(ImageFilter.GaussianBlur(small / 40))
    sh = sh.point(lambda v: v * 45 // 100).resize((s, s), Image.Resampling.BILINEAR)
    off = max(1, s // 40)
    shifted = Image.new("L", (s, s), 0)
    shifted.paste(sh, (off, off * 2))
    sh = shifted
    bg = Image.composite(Image.new("RGB", (s, s), _mix(bg_base, (0, 0, 0), 0.6)), bg, sh)
    return Image.composite(body, bg, mask)


def encode_jpeg(img: Image.Image, quality: int = 85) -> bytes:
    """Encode ``img`` as a baseline JPEG (deterministic for a given Pillow version)."""
    buf = io.BytesIO()
    img.convert("RGB").save(buf, format="JPEG", quality=quality, optimize=False, progressive=False)
    return buf.getvalue()
