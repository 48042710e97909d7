"""Refund vouchers (1688 I3): pictures a buyer uploads to back a refund request, kept so their URL answers.

A voucher is named by what it is: the first 32 hex digits of the SHA-256 of its bytes and the picture format read
from its first bytes (``3f2a….jpg``). The same picture uploaded twice is one voucher; a name can only ever stand for
one content, so the URL that serves it may be cached for good. Only JPEG, PNG, GIF and WebP are taken: the URL is
public and unsigned, and serving whatever bytes someone sent from this server's address (an HTML page, a script) is
what a picture endpoint must not do.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import TYPE_CHECKING

from kuajing.domain.errors import InvalidInputError

if TYPE_CHECKING:
    from kuajing.domain.aftersales.ports import UnitOfWork

MAX_VOUCHER_BYTES = 2 * 1024 * 1024  # upstream uploadRefundVoucher limit [U]
DIGEST_HEX = 32

#: extension → (media type, the signatures its files start with)
FORMATS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    "webp": ("image/webp", (b"RIFF",)),  # and "WEBP" at offset 8, checked below
}


def picture_format(data: bytes) -> str | None:
    """The extension of the picture format ``data`` is in, or None when it is none of :data:`FORMATS`."""
    for ext, (_, signatures) in FORMATS.items():
        if data.startswith(signatures) and (ext != "webp" or data[8:12] == b"WEBP"):
            return ext
    return None


def voucher_name(data: bytes) -> str:
    ext = picture_format(data)
    if ext is None:
        raise InvalidInputError("imageData must be a JPEG, PNG, GIF or WebP picture", field="imageData")
    return f"{hashlib.sha256(data).hexdigest()[:DIGEST_HEX]}.{ext}"


def voucher_media_type(name: str) -> str | None:
    """The media type of a voucher ``<digest>.<ext>``; None for any name :func:`voucher_name` does not write."""
    digest, _, ext = name.partition(".")
    fmt = FORMATS.get(ext)
    if fmt is None or len(digest) != DIGEST_HEX or digest.strip("0123456789abcdef"):
        return None
    return fmt[0]


def upload_voucher(uow: UnitOfWork, *, develop_id: str, image_data: str, now_ms: int) -> str:
    """Decode a base64 picture, keep it, and answer its name (the tail of the URL that serves it)."""
    try:
        data = base64.b64decode(image_data, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInputError("imageData must be base64", field="imageData") from None
    if not data:
        raise InvalidInputError("imageData is empty", field="imageData")
    if len(data) > MAX_VOUCHER_BYTES:
        raise InvalidInputError(f"at most {MAX_VOUCHER_BYTES} bytes", field="imageData")
    name = voucher_name(data)
    uow.aftersales.add_voucher(name=name, data=data, develop_id=develop_id, now_ms=now_ms)
    return name
