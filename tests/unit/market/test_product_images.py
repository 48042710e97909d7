from __future__ import annotations

import time
from typing import Any

import numpy as np
import pytest
from PIL import Image

from kuajing.market.images import draw_product_image, encode_jpeg
from kuajing.market.shapes import SHAPES


def _img(**kw: object) -> Image.Image:
    args: dict[str, Any] = {"category_key": "women-shirt", "shape": "shirt", "colour": (200, 30, 40), "seed": 7}
    args.update(kw)
    args.setdefault("variant", 0)
    return draw_product_image(**args)


def test_has_at_least_12_shapes() -> None:
    assert len(SHAPES) >= 12
    assert len(set(SHAPES)) == len(SHAPES)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_draws_deterministically(shape: str) -> None:
    a = _img(shape=shape, variant=0)
    b = _img(shape=shape, variant=0)
    assert a.mode == "RGB" and a.size == (400, 400)
    assert a.tobytes() == b.tobytes()
    assert encode_jpeg(a) == encode_jpeg(b)
    # not a blank canvas: the product colour is clearly present
    assert len(np.unique(np.asarray(a.resize((50, 50))).reshape(-1, 3), axis=0)) > 20


def test_size_parameter() -> None:
    assert _img(size=256).size == (256, 256)
    assert _img(size=64).size == (64, 64)


def test_variants_differ_and_are_deterministic() -> None:
    views = [_img(variant=v).tobytes() for v in range(4)]
    assert len(set(views)) == 4
    assert _img(variant=2).tobytes() == views[2]


def test_seeds_colours_categories_differ() -> None:
    base = _img().tobytes()
    assert _img(seed=8).tobytes() != base
    assert _img(colour=(30, 60, 160)).tobytes() != base
    assert _img(category_key="men-shirt").tobytes() != base
    assert _img(shape="shoe").tobytes() != base


def test_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        _img(shape="spaceship")
    with pytest.raises(ValueError):
        _img(variant=4)
    with pytest.raises(ValueError):
        _img(colour=(300, 0, 0))


def test_jpeg_roundtrip() -> None:
    data = encode_jpeg(_img(), quality=85)
    assert data[:2] == b"\xff\xd8"
    import io

    assert Image.open(io.BytesIO(data)).size == (400, 400)


def test_drawing_is_fast() -> None:
    t = time.perf_counter()
    for i in range(40):
        _img(seed=i, shape=SHAPES[i % len(SHAPES)], variant=i % 4)
    per_image = (time.perf_counter() - t) / 40
    assert per_image < 0.05  # a few ms normally; generous bound for loaded CI machines
