"""Deterministic, offline product-image painter.

``draw_product_image`` paints a simple "product photo": a category-dependent silhouette in the product
colour, a seeded secondary pattern (stripes, dots, checks, band, zigzag, logo mark) in a seeded accent
colour, a light seeded background and a soft shadow. The silhouettes are :mod:`kuajing.market.shapes`; everything is drawn
with Pillow primitives, so one 400x400 image takes a few milliseconds. Identical arguments give byte-identical pixels (and therefore
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
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFilter

from kuajing.market.shapes import SHAPES, SILHOUETTES, Op, Pt

__all__ = ["PATTERNS", "draw_product_image", "encode_jpeg"]

RGB = tuple[int, int, int]

# Supersampling factor for the silhouette mask (antialiased edges).
_SS = 2

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


def _draw_op(d: ImageDraw.ImageDraw, op: Op, s: float, fill: int | RGB) -> None:
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
    ops = SILHOUETTES[shape](lambda: rng.uniform(-1.0, 1.0))

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
    if shape not in SILHOUETTES:
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
