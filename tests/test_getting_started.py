"""docs/getting-started.md runs as written: its ``python`` blocks in one interpreter, its ``sh`` blocks in one bash,
each in page order, against a live server seeded like ``make run`` (fewer products), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.test_multiprocess import _free_port, _wait
from tests.conftest import TEST_SECRET_KEY

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs" / "getting-started.md").read_text()
PRODUCTS = 200  # the first products of `make run`'s catalog (same generator seed): enough for every step


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", PAGE, re.S | re.M)


@pytest.fixture
def server(db_url: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A server like `make run`'s: sandbox mode, timers and the delivery worker in process, the demo seeded."""
    env = {**os.environ, "KUAJING_DATABASE_URL": db_url, "KUAJING_SECRET_KEY": TEST_SECRET_KEY,
           "KUAJING_VAR_DIR": str(tmp_path / "var"), "KUAJING_TIMER_INTERVAL_S": "0.2"}  # fmt: skip
    cli = [sys.executable, "-m", "kuajing.cli"]
    subprocess.run([*cli, "demo", "--products", str(PRODUCTS), "--seed", "1"], env=env, check=True, capture_output=True)
    port = _free_port()
    proc = subprocess.Popen([*cli, "serve", "--port", str(port), "--sandbox"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        _wait(port)
        # the page's first block asks `.venv/bin/kuajing demo` for the credentials: the same interpreter answers
        bin_dir = tmp_path / "bin"
        (bin_dir / ".venv" / "bin").mkdir(parents=True)
        kuajing = bin_dir / ".venv" / "bin" / "kuajing"
        kuajing.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m kuajing.cli "$@"\n')
        kuajing.chmod(0o755)
        yield {**env, "KUAJING_BASE_URL": f"http://127.0.0.1:{port}", "WALKTHROUGH_DIR": str(bin_dir)}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _run(command: list[str], env: dict[str, str], cwd: str) -> str:
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, f"{command[0]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_page_has_the_walkthrough_twice() -> None:
    assert len(blocks("python")) >= 8 and len(blocks("sh")) >= 5
    assert "kj.taobao.refunds.submit" in "".join(blocks("python"))
    assert "/open/order/refund/submit" in "".join(blocks("sh"))


@pytest.mark.skipif(shutil.which("jq") is None or shutil.which("curl") is None, reason="needs curl and jq")
def test_the_walkthrough_runs_with_the_sdk_and_with_curl(server: dict[str, str]) -> None:
    cwd = server["WALKTHROUGH_DIR"]
    credentials = _run(["bash", "-euo", "pipefail", "-c", blocks("sh")[0] + "env"], server, cwd)
    keys = dict(line.split("=", 1) for line in credentials.splitlines() if line.startswith("KUAJING_"))
    demo = json.loads(_run([sys.executable, "-m", "kuajing.cli", "demo", "--json"], server, cwd))
    assert keys["KUAJING_ACCESS_KEY"] == demo["accessKey"] and keys["KUAJING_USER_ID"] == demo["userId"]
    env = {**server, **keys}

    sdk = _run([sys.executable, "-c", "\n".join(blocks("python"))], env, cwd)
    assert re.search(r"^\d+ goods match 耳机$", sdk, re.M)
    assert re.search(r"^order \d{12} status 10 ", sdk, re.M), "paid"
    assert re.search(r"^order \d{12} status 11 ", sdk, re.M), "shipped on the sandbox clock"
    assert "TMS_ACCEPT" in sdk, "the parcel's first trace"
    assert "received: True" in sdk
    assert re.search(r"^refund \d+ refundStatus 100$", sdk, re.M)
    assert re.search(r"^TAOBAO_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND 100$", sdk, re.M), "pushed to the receiver"
    assert re.search(r"^TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY WAIT_BUYER_CONFIRM_GOODS$", sdk, re.M)
    assert re.search(r"^  TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY 1 delivered$", sdk, re.M), "the feed"

    curl = _run(["bash", "-euo", "pipefail", "-c", "\n".join(blocks("sh"))], env, cwd)
    assert '"code":200' in curl and '"status":10' in curl and '"status":11' in curl
    assert "TMS_ACCEPT" in curl
    assert "sent twice, one order: yes" in curl, "the Idempotency-Key answered the first order again"
    assert re.search(r'\{"refundId":"\d+","refundStatus":"100"\}', curl)
    assert re.search(r"\d+ TAOBAO_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND unsubscribed", curl), "no URL: in the feed"
