"""The silhouettes of the demo products' pictures, one per shape: drawing ops in the unit square, jittered per
product, which :mod:`kuajing.market.images` paints. Pure geometry, no Pillow: a new shape is one function here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["SHAPES", "SILHOUETTES", "Jitter", "Op", "Pt"]

Pt = tuple[float, float]


@dataclass(frozen=True)
class Op:
    kind: str  # "poly" | "ellipse" | "rect" | "line"
    role: str  # "body" | "hole" | "dark" | "light" | "accent" | "dial" | "lens"
    pts: tuple[float, ...]  # unit coordinates, flattened
    width: float = 0.0  # for lines, in units


def _poly(role: str, *pts: Pt) -> Op:
    return Op("poly", role, tuple(c for p in pts for c in p))


def _ell(role: str, x0: float, y0: float, x1: float, y1: float) -> Op:
    return Op("ellipse", role, (x0, y0, x1, y1))


def _rect(role: str, x0: float, y0: float, x1: float, y1: float) -> Op:
    return Op("rect", role, (x0, y0, x1, y1))


def _line(role: str, width: float, *pts: Pt) -> Op:
    return Op("line", role, tuple(c for p in pts for c in p), width)


# --- silhouettes -----------------------------------------------------------------------------------
# Each takes a jitter source ``j`` (returns a value in [-1, 1]) and returns drawing ops in the unit
# square; the object roughly fills [0.12, 0.88]^2.

Jitter = Callable[[], float]


def _shirt(j: Jitter) -> list[Op]:
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


def _shoe(j: Jitter) -> list[Op]:
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


def _bag(j: Jitter) -> list[Op]:
    w = 0.28 + 0.04 * j()
    top = 0.40 + 0.04 * j()
    return [
        _line(
            "dark", 0.035, (0.5 - w * 0.55, top), (0.5 - w * 0.45, 0.18), (0.5 + w * 0.45, 0.18), (0.5 + w * 0.55, top)
        ),
        _poly("body", (0.5 - w, top), (0.5 + w, top), (0.5 + w + 0.05, 0.84), (0.5 - w - 0.05, 0.84)),
        _rect("dark", 0.5 - 0.04, top + 0.04, 0.5 + 0.04, top + 0.10),
    ]


def _backpack(j: Jitter) -> list[Op]:
    w = 0.22 + 0.03 * j()
    return [
        _ell("dark", 0.42, 0.10, 0.58, 0.24),
        _ell("hole", 0.45, 0.13, 0.55, 0.22),
        _rect("body", 0.5 - w, 0.20, 0.5 + w, 0.86),
        _ell("body", 0.5 - w, 0.14, 0.5 + w, 0.32),
        _rect("dark", 0.5 - w * 0.7, 0.56, 0.5 + w * 0.7, 0.58),
        _poly("body", (0.5 - w * 0.7, 0.58), (0.5 + w * 0.7, 0.58), (0.5 + w * 0.7, 0.80), (0.5 - w * 0.7, 0.80)),
    ]


def _cup(j: Jitter) -> list[Op]:
    w = 0.20 + 0.04 * j()
    taper = 0.03 + 0.03 * j()
    return [
        _ell("body", 0.5 + w - 0.06, 0.36, 0.5 + w + 0.16, 0.64),
        _ell("hole", 0.5 + w - 0.01, 0.42, 0.5 + w + 0.10, 0.58),
        _poly("body", (0.5 - w, 0.26), (0.5 + w, 0.26), (0.5 + w - taper, 0.80), (0.5 - w + taper, 0.80)),
        _ell("dark", 0.5 - w, 0.22, 0.5 + w, 0.30),
        _ell("body", 0.5 - w + taper, 0.76, 0.5 + w - taper, 0.84),
    ]


def _phone(j: Jitter) -> list[Op]:
    w = 0.17 + 0.02 * j()
    h = 0.34 + 0.02 * j()
    return [
        _rect("body", 0.5 - w, 0.5 - h, 0.5 + w, 0.5 + h),
        _rect("dark", 0.5 - w + 0.025, 0.5 - h + 0.025, 0.5 - w + 0.13, 0.5 - h + 0.16),
        _ell("light", 0.5 - w + 0.04, 0.5 - h + 0.04, 0.5 - w + 0.09, 0.5 - h + 0.09),
        _ell("light", 0.5 - w + 0.04, 0.5 - h + 0.10, 0.5 - w + 0.09, 0.5 - h + 0.15),
    ]


def _laptop(j: Jitter) -> list[Op]:
    w = 0.30 + 0.03 * j()
    return [
        _rect("body", 0.5 - w, 0.22, 0.5 + w, 0.62),
        _rect("dark", 0.5 - w, 0.60, 0.5 + w, 0.63),
        _poly("body", (0.5 - w, 0.63), (0.5 + w, 0.63), (0.5 + w + 0.08, 0.76), (0.5 - w - 0.08, 0.76)),
        _rect("dark", 0.45, 0.72, 0.55, 0.745),
    ]


def _lamp(j: Jitter) -> list[Op]:
    sw = 0.18 + 0.04 * j()
    return [
        _poly("body", (0.5 - 0.12, 0.10), (0.5 + 0.12, 0.10), (0.5 + sw + 0.06, 0.50), (0.5 - sw - 0.06, 0.50)),
        _line("dark", 0.03, (0.5, 0.50), (0.5, 0.80)),
        _ell("body", 0.26, 0.76, 0.74, 0.88),
        _ell("light", 0.45, 0.40, 0.55, 0.46),
    ]


def _toy(j: Jitter) -> list[Op]:  # teddy bear
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


def _bottle(j: Jitter) -> list[Op]:
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


def _chair(j: Jitter) -> list[Op]:
    w = 0.22 + 0.03 * j()
    return [
        _rect("body", 0.5 - w, 0.14, 0.5 + w, 0.50),
        _rect("body", 0.5 - w - 0.02, 0.50, 0.5 + w + 0.02, 0.60),
        _line("dark", 0.03, (0.5 - w + 0.01, 0.60), (0.5 - w - 0.02, 0.88)),
        _line("dark", 0.03, (0.5 + w - 0.01, 0.60), (0.5 + w + 0.02, 0.88)),
        _line("dark", 0.02, (0.5 - w * 0.5, 0.60), (0.5 - w * 0.45, 0.82)),
        _line("dark", 0.02, (0.5 + w * 0.5, 0.60), (0.5 + w * 0.45, 0.82)),
    ]


def _watch(j: Jitter) -> list[Op]:
    r = 0.13 + 0.02 * j()
    a1, a2 = math.pi * (1 + j()), math.pi * (1 + j())  # seeded hand positions
    return [
        _rect("body", 0.5 - 0.17, 0.06, 0.5 + 0.17, 0.94),
        _ell("dark", 0.5 - r - 0.02, 0.5 - r - 0.02, 0.5 + r + 0.02, 0.5 + r + 0.02),
        _ell("dial", 0.5 - r, 0.5 - r, 0.5 + r, 0.5 + r),
        _line("dark", 0.014, (0.5, 0.5), (0.5 + r * 0.8 * math.sin(a1), 0.5 - r * 0.8 * math.cos(a1))),
        _line("dark", 0.014, (0.5, 0.5), (0.5 + r * 0.55 * math.sin(a2), 0.5 - r * 0.55 * math.cos(a2))),
    ]


def _hat(j: Jitter) -> list[Op]:
    h = 0.28 + 0.05 * j()
    return [
        _ell("body", 0.12, 0.60, 0.88, 0.76),
        _poly("body", (0.30, 0.68), (0.34, 0.68 - h), (0.66, 0.68 - h), (0.70, 0.68)),
        _ell("body", 0.34, 0.62 - h, 0.66, 0.74 - h),
        _rect("dark", 0.31, 0.58, 0.69, 0.64),
    ]


def _headphones(j: Jitter) -> list[Op]:
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


def _sunglasses(j: Jitter) -> list[Op]:
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


def _vase(j: Jitter) -> list[Op]:
    w = 0.22 + 0.04 * j()
    return [
        _ell("body", 0.5 - w, 0.34, 0.5 + w, 0.86),
        _poly("body", (0.42, 0.14), (0.58, 0.14), (0.56, 0.42), (0.44, 0.42)),
        _ell("body", 0.38, 0.11, 0.62, 0.18),
        _ell("dark", 0.43, 0.125, 0.57, 0.165),
    ]


def _book(j: Jitter) -> list[Op]:
    w = 0.25 + 0.03 * j()
    return [
        _rect("body", 0.5 - w, 0.13, 0.5 + w, 0.85),
        _rect("light", 0.5 + w, 0.15, 0.5 + w + 0.025, 0.87),
        _rect("light", 0.5 - w + 0.02, 0.85, 0.5 + w + 0.025, 0.87),
        _rect("dark", 0.5 - w, 0.13, 0.5 - w + 0.05, 0.85),
    ]


def _ball(j: Jitter) -> list[Op]:
    r = 0.32 + 0.03 * j()
    return [
        _ell("body", 0.5 - r, 0.5 - r, 0.5 + r, 0.5 + r),
        _line("dark", 0.012, (0.5 - r, 0.5), (0.5 + r, 0.5)),
        _line("dark", 0.012, (0.5, 0.5 - r), (0.5, 0.5 + r)),
    ]


SILHOUETTES: dict[str, Callable[[Jitter], list[Op]]] = {
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

SHAPES: tuple[str, ...] = tuple(SILHOUETTES)
