"""Secrets at rest: encrypted with a master key that is not in the database."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kuajing.config import Settings
from kuajing.runtime import Runtime
from kuajing.store.secretbox import SecretBox, load_or_create_key_file, parse_master_key
from tests.conftest import new_developer


def test_access_secrets_are_stored_encrypted(runtime: Runtime) -> None:
    creds = new_developer(runtime)
    with runtime.db.snapshot() as tx:
        stored = tx.scalar("SELECT secret_enc FROM access_keys WHERE access_key = :k", {"k": creds.access_key})
    assert stored.startswith("v1:") and creds.access_secret not in stored
    assert runtime.box.decrypt(stored) == creds.access_secret
    with pytest.raises(Exception):  # noqa: B017 - any failure: another key cannot open it
        SecretBox(b"\x01" * 32).decrypt(stored)


def test_generated_key_file_is_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "var" / "master.key"
    key = load_or_create_key_file(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_key_file(path) == key
    path.chmod(0o644)
    with pytest.raises(PermissionError, match="chmod 600"):
        load_or_create_key_file(path)


def test_master_key_from_the_environment_in_hex_or_base64() -> None:
    assert parse_master_key("ab" * 32) == b"\xab" * 32
    assert parse_master_key("q" * 43) == parse_master_key("q" * 43 + "=")
    with pytest.raises(ValueError):
        parse_master_key("too short")


def test_every_setting_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "configuration.md").read_text()
    for name in Settings.__dataclass_fields__:
        assert f"KUAJING_{name.upper()}" in doc, name
