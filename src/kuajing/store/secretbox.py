"""Encryption of secrets at rest (access secrets) with a master key kept outside the database.

The key comes from ``KUAJING_SECRET_KEY`` (64 hex characters or url-safe base64 of 32 bytes) or, failing that, from
a key file (``var/master.key``) created on first use with mode 0600. AES-256-GCM; the stored form is
``v1:<base64(nonce ‖ ciphertext ‖ tag)>``. The same key also derives the platform's id-codec key, so a platform
keeps stable v2 ids as long as it keeps its master key.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_PREFIX = "v1:"


class SecretBox:
    def __init__(self, master_key: bytes) -> None:
        if len(master_key) != 32:
            raise ValueError("the master key must be 32 bytes")
        self._aead = AESGCM(master_key)
        self._master = master_key

    def encrypt(self, plaintext: str) -> str:
        nonce = secrets.token_bytes(12)
        sealed = self._aead.encrypt(nonce, plaintext.encode(), b"kuajing-secret")
        return _PREFIX + base64.b64encode(nonce + sealed).decode()

    def decrypt(self, stored: str) -> str:
        """Decrypt a stored secret. Cached by ciphertext: every encryption has a fresh nonce, so a ciphertext names
        exactly one plaintext forever and the cache can never be stale (the gateway decrypts on every request)."""
        return self._decrypt_cached(stored)

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one SecretBox per runtime; the cache lives as long as it
    def _decrypt_cached(self, stored: str) -> str:
        if not stored.startswith(_PREFIX):
            raise ValueError("unknown secret format")
        raw = base64.b64decode(stored[len(_PREFIX) :])
        return self._aead.decrypt(raw[:12], raw[12:], b"kuajing-secret").decode()

    def derive(self, purpose: str) -> bytes:
        """A 32-byte subkey for another purpose (e.g. ``"id-codec"``), independent of the encryption key use."""
        return hashlib.sha256(self._master + b"\x00" + purpose.encode()).digest()


def parse_master_key(text: str) -> bytes:
    text = text.strip()
    if len(text) == 64:
        try:
            return bytes.fromhex(text)
        except ValueError:
            pass
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError as exc:
        raise ValueError("KUAJING_SECRET_KEY must be 64 hex characters or base64 of 32 bytes") from exc
    if len(raw) != 32:
        raise ValueError("KUAJING_SECRET_KEY must encode exactly 32 bytes")
    return raw


def load_or_create_key_file(path: Path) -> bytes:
    """Read the key file, or create it (0600) with a fresh random key."""
    if path.exists():
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            raise PermissionError(f"{path} must not be readable by group or others (chmod 600 {path})")
        return parse_master_key(path.read_text())
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key.hex() + "\n")
    return key
