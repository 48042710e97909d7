"""Offline image embedder: EfficientNet-Lite0 (ImageNet) features + PCA, run with onnxruntime.

The ONNX model shipped in ``model/`` takes ``pixels``: uint8 ``[N, 224, 224, 3]`` RGB and returns
``embedding``: float32 ``[N, DIM]`` (global-average-pooled 1280-d backbone features, centred and projected
by a PCA fitted on catalog-like images; see ``tools/export_image_model.py``). This module only decodes,
resizes and L2-normalises. Runtime dependencies: onnxruntime, numpy, pillow.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PIL import Image

__all__ = [
    "ACCEPTED_FORMATS",
    "DIM",
    "INPUT_SIZE",
    "MAX_PIXELS",
    "MIN_SIDE",
    "MODEL_PATH",
    "ImageEmbedder",
    "InvalidImageError",
]

MODEL_PATH = Path(__file__).resolve().parent / "model" / "efficientnet_lite0_pca.onnx"
DIM = 256
INPUT_SIZE = 224
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
MIN_SIDE = 16
MAX_PIXELS = 40_000_000  # below Pillow's decompression-bomb threshold (~89 Mpx)
MAX_BYTES = 30 * 1024 * 1024

FloatArray = npt.NDArray[np.float32]


class InvalidImageError(ValueError):
    """The bytes are not a decodable JPEG/PNG/WebP image of acceptable pixel size."""


def _flatten_alpha(img: Image.Image) -> Image.Image:
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        bg = Image.new("RGB", rgba.size, (255, 255, 255))
        bg.paste(rgba, mask=rgba.getchannel("A"))
        return bg
    return img if img.mode == "RGB" else img.convert("RGB")


def decode_image(data: bytes, *, target: int = INPUT_SIZE) -> Image.Image:
    """Decode JPEG/PNG/WebP bytes into an RGB image (JPEGs are DCT-downscaled towards ``target``).

    Raises :class:`InvalidImageError` for other formats, corrupt data, or out-of-range pixel sizes.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise InvalidImageError("image data must be bytes")
    if len(data) == 0:
        raise InvalidImageError("empty image data")
    if len(data) > MAX_BYTES:
        raise InvalidImageError(f"image data too large ({len(data)} bytes > {MAX_BYTES})")
    try:
        img = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except Image.DecompressionBombError as exc:
        raise InvalidImageError(f"image too large (more than {MAX_PIXELS} pixels)") from exc
    except Exception as exc:  # UnidentifiedImageError, OSError, SyntaxError, ...
        raise InvalidImageError("unsupported or corrupt image (expected JPEG, PNG or WebP)") from exc
    w, h = img.size
    if min(w, h) < MIN_SIDE:
        raise InvalidImageError(f"image too small ({w}x{h}; minimum side is {MIN_SIDE} px)")
    if w * h > MAX_PIXELS:
        raise InvalidImageError(f"image too large ({w}x{h} > {MAX_PIXELS} pixels)")
    try:
        if img.format == "JPEG":
            img.draft("RGB", (target, target))
        img.load()
        return _flatten_alpha(img)
    except Exception as exc:
        raise InvalidImageError("corrupt or truncated image data") from exc


_TRIM_THUMB = 64
_TRIM_THRESHOLD = 40  # max channel difference from the background colour
_TRIM_MARGIN = 0.06


def trim_to_object(img: Image.Image) -> Image.Image:
    """Crop a plain (uniform-ish, e.g. studio/white) background down to a square around the object.

    Product photos are often re-published with extra white padding or a different zoom; squaring the
    crop around the object makes the embedding insensitive to that. The background colour is the
    median of the four corners of a 64x64 thumbnail; if the object touches all four edges or nothing
    stands out (busy backgrounds, real scenes) the image is returned unchanged.
    """
    w, h = img.size
    thumb = np.asarray(img.resize((_TRIM_THUMB, _TRIM_THUMB), Image.Resampling.BOX), dtype=np.int16)
    corners = thumb[[0, 0, -1, -1], [0, -1, 0, -1]]
    bg = np.median(corners, axis=0)
    if np.abs(corners - bg).max() > _TRIM_THRESHOLD:  # corners disagree: not a plain background
        return img
    fg = np.abs(thumb - bg).max(axis=2) > _TRIM_THRESHOLD
    ys, xs = np.nonzero(fg)
    if len(xs) < 8:
        return img
    sx, sy = w / _TRIM_THUMB, h / _TRIM_THUMB
    x0, x1 = xs.min() * sx, (xs.max() + 1) * sx
    y0, y1 = ys.min() * sy, (ys.max() + 1) * sy
    side = max(x1 - x0, y1 - y0) * (1 + 2 * _TRIM_MARGIN)
    if side >= 0.98 * max(w, h) and side >= 0.98 * min(w, h):
        return img
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    box = (int(round(cx - side / 2)), int(round(cy - side / 2)))
    s = max(1, int(round(side)))
    fill = (int(bg[0]), int(bg[1]), int(bg[2]))
    canvas = Image.new("RGB", (s, s), fill)
    canvas.paste(img.crop((box[0], box[1], box[0] + s, box[1] + s)), (0, 0))
    # Image.crop fills outside areas with black: repaint them with the background colour.
    left, top = max(0, -box[0]), max(0, -box[1])
    right, bottom = min(s, w - box[0]), min(s, h - box[1])
    if (left, top, right, bottom) != (0, 0, s, s):
        out = Image.new("RGB", (s, s), fill)
        out.paste(canvas.crop((left, top, right, bottom)), (left, top))
        canvas = out
    return canvas


def to_pixels(images: Sequence[Image.Image], *, trim: bool = True) -> npt.NDArray[np.uint8]:
    """Optionally trim a plain background, resize to the model input and stack as uint8 NHWC."""
    out = np.empty((len(images), INPUT_SIZE, INPUT_SIZE, 3), dtype=np.uint8)
    for i, img in enumerate(images):
        rgb = _flatten_alpha(img)
        if trim:
            rgb = trim_to_object(rgb)
        if rgb.size != (INPUT_SIZE, INPUT_SIZE):
            rgb = rgb.resize((INPUT_SIZE, INPUT_SIZE), Image.Resampling.BILINEAR)
        out[i] = np.asarray(rgb, dtype=np.uint8)
    return out


class ImageEmbedder:
    """Turns images into L2-normalised float32 vectors of length :data:`DIM`.

    The onnxruntime session is created lazily on first use (once, thread-safe); ``run`` is safe to call
    from several threads.
    """

    def __init__(self, model_path: str | Path | None = None, *, intra_op_threads: int = 2, batch_size: int = 16):
        self.model_path = Path(model_path) if model_path is not None else MODEL_PATH
        self.intra_op_threads = max(1, int(intra_op_threads))
        self.batch_size = max(1, int(batch_size))
        self._session: Any = None
        self._lock = threading.Lock()
        self.dim: int | None = None

    def _get_session(self) -> Any:
        if self._session is None:
            with self._lock:
                if self._session is None:
                    import onnxruntime as ort

                    opts = ort.SessionOptions()
                    opts.intra_op_num_threads = self.intra_op_threads
                    opts.inter_op_num_threads = 1
                    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
                    sess = ort.InferenceSession(
                        str(self.model_path), sess_options=opts, providers=["CPUExecutionProvider"]
                    )
                    self.dim = int(sess.get_outputs()[0].shape[1])
                    self._session = sess
        return self._session

    def warmup(self) -> None:
        """Load the model now (instead of on the first request)."""
        self.embed_pixels(np.zeros((1, INPUT_SIZE, INPUT_SIZE, 3), dtype=np.uint8))

    def embed_pixels(self, pixels: npt.NDArray[np.uint8]) -> FloatArray:
        """Embed a uint8 ``[N, 224, 224, 3]`` batch; returns L2-normalised ``[N, DIM]`` float32."""
        sess = self._get_session()
        n = pixels.shape[0]
        out: FloatArray = np.empty((n, self.dim or DIM), dtype=np.float32)
        for start in range(0, n, self.batch_size):
            chunk = np.ascontiguousarray(pixels[start : start + self.batch_size])
            out[start : start + len(chunk)] = sess.run(None, {"pixels": chunk})[0]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out /= np.maximum(norms, 1e-12)
        return out

    def embed_images(self, images: Sequence[Image.Image]) -> FloatArray:
        """Embed a batch of PIL images; returns ``[len(images), DIM]`` float32, rows L2-normalised."""
        if not images:
            return np.empty((0, self.dim or DIM), dtype=np.float32)
        return self.embed_pixels(to_pixels(images))

    def embed_image(self, image: Image.Image) -> FloatArray:
        vec: FloatArray = self.embed_images([image])[0]
        return vec

    def embed_bytes(self, data: bytes) -> FloatArray:
        """Decode JPEG/PNG/WebP bytes and embed; raises :class:`InvalidImageError` on bad input."""
        vec: FloatArray = self.embed_images([decode_image(data)])[0]
        return vec
