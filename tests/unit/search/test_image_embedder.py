from __future__ import annotations

import io
import struct
import subprocess
import sys
import zlib

import numpy as np
import pytest
from PIL import Image

from kuajing.market.images import draw_product_image
from kuajing.search.image import DIM, MODEL_PATH, ImageEmbedder, InvalidImageError


@pytest.fixture(scope="module")
def embedder() -> ImageEmbedder:
    return ImageEmbedder(intra_op_threads=2)


@pytest.fixture(scope="module")
def product() -> Image.Image:
    return draw_product_image(category_key="men-shoe", shape="shoe", colour=(30, 60, 160), seed=3, variant=0)


def _encode(img: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


def _png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    idat = b"IDAT" + zlib.compress(b"\x00" * 16)
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + struct.pack(">I", len(idat) - 4)
        + idat
        + struct.pack(">I", zlib.crc32(idat))
    )


def test_model_file_is_shipped() -> None:
    assert MODEL_PATH.is_file()
    assert MODEL_PATH.stat().st_size < 16_000_000


def test_package_import_is_cheap() -> None:
    code = "import sys, kuajing.search.image as m; print('onnxruntime' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_formats_agree_and_vectors_are_normalised(embedder: ImageEmbedder, product: Image.Image) -> None:
    vecs = [
        embedder.embed_bytes(_encode(product, "JPEG", quality=85)),
        embedder.embed_bytes(_encode(product, "PNG")),
        embedder.embed_bytes(_encode(product, "WEBP", quality=80)),
        embedder.embed_bytes(_encode(product.convert("RGBA"), "PNG")),
    ]
    for v in vecs:
        assert v.shape == (DIM,) and v.dtype == np.float32
        assert float(np.linalg.norm(v)) == pytest.approx(1.0, abs=1e-5)
    for v in vecs[1:]:
        assert float(vecs[0] @ v) > 0.95


def test_batch_matches_single(embedder: ImageEmbedder, product: Image.Image) -> None:
    other = draw_product_image(category_key="kids-toy", shape="toy", colour=(245, 200, 40), seed=9, variant=1)
    batch = embedder.embed_images([product, other, product])
    assert batch.shape == (3, DIM)
    np.testing.assert_allclose(batch[0], embedder.embed_image(product), atol=1e-4)
    np.testing.assert_allclose(batch[0], batch[2], atol=1e-5)
    assert float(batch[0] @ batch[1]) < 0.9
    assert embedder.embed_images([]).shape == (0, DIM)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not an image at all",
        b"\xff\xd8\xff\xe0" + b"\x00" * 64,  # JPEG magic, garbage body
        b"%PDF-1.4\n",
    ],
)
def test_rejects_garbage(embedder: ImageEmbedder, data: bytes) -> None:
    with pytest.raises(InvalidImageError):
        embedder.embed_bytes(data)


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_rejects_unsupported_formats(embedder: ImageEmbedder, product: Image.Image, fmt: str) -> None:
    with pytest.raises(InvalidImageError):
        embedder.embed_bytes(_encode(product, fmt))


def test_rejects_truncated(embedder: ImageEmbedder, product: Image.Image) -> None:
    data = _encode(product, "PNG")
    with pytest.raises(InvalidImageError):
        embedder.embed_bytes(data[: len(data) // 2])


def test_rejects_too_small_and_too_large(embedder: ImageEmbedder) -> None:
    with pytest.raises(InvalidImageError, match="too small"):
        embedder.embed_bytes(_encode(Image.new("RGB", (8, 300), (255, 0, 0)), "PNG"))
    with pytest.raises(InvalidImageError, match="too large"):
        embedder.embed_bytes(_png_header(7_000, 7_000))  # 49 Mpx: our limit
    with pytest.raises(InvalidImageError, match="too large"):
        embedder.embed_bytes(_png_header(20_000, 20_000))  # Pillow's decompression-bomb limit


def test_invalid_image_error_is_value_error() -> None:
    assert issubclass(InvalidImageError, ValueError)
