"""``kuajing demo --products`` (idempotent), ``catalog export`` → ``import`` round trip, per-line import errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kuajing.cli import app
from kuajing.store import migrate
from tests.conftest import TEST_SECRET_KEY


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("KUAJING_SECRET_KEY", TEST_SECRET_KEY)
    monkeypatch.setenv("KUAJING_VAR_DIR", str(tmp_path / "var"))
    return tmp_path


def _db(path: Path) -> str:
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    return url


def test_demo_export_import_round_trip_and_errors(env: Path) -> None:
    runner = CliRunner()
    a, b = _db(env / "a.db"), _db(env / "b.db")
    for _ in range(2):  # the second run adds nothing
        r = runner.invoke(app, ["demo", "--products", "30", "--seed", "4", "--no-images", "--db", a])
        assert r.exit_code == 0, r.output
    assert "0 products added, 30 already there" in r.output
    out1, out2 = env / "one.jsonl", env / "two.jsonl"
    assert runner.invoke(app, ["catalog", "export", "--out", str(out1), "--db", a]).exit_code == 0
    r = runner.invoke(app, ["catalog", "import", str(out1), "--no-images", "--db", b])
    assert r.exit_code == 0 and "30 products added" in r.output, r.output
    assert runner.invoke(app, ["catalog", "export", "--out", str(out2), "--db", b]).exit_code == 0
    assert out1.read_bytes() == out2.read_bytes()

    lines = out1.read_text(encoding="utf-8").splitlines()
    product = json.loads(lines[-1])
    product["externalId"] = 999_000_000_001
    product["skus"][0]["priceFen"] = -1
    bad = env / "bad.jsonl"
    bad.write_text(
        "\n".join(
            [
                *lines[:-1],
                json.dumps(product),
                "{oops",
                json.dumps({**product, "externalId": 999_000_000_002, "categoryId": 5}),
            ]
        )
        + "\n"
    )
    r = runner.invoke(app, ["catalog", "import", str(bad), "--no-images", "--db", b])
    assert r.exit_code == 1
    n = len(lines)
    assert f"line {n}: skus.0.priceFen" in r.output and f"line {n + 1}: (line)" in r.output
    assert "nothing was imported" in r.output
