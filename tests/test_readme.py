"""The README's two examples work as printed: the curl one-liner and the client snippet, against a real server."""

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

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    env = {**os.environ, "KUAJING_DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}", "KUAJING_SECRET_KEY": TEST_SECRET_KEY,
           "KUAJING_VAR_DIR": str(tmp_path / "var"), "KUAJING_RUN_BACKGROUND": "0"}  # fmt: skip
    cli = [sys.executable, "-m", "kuajing.cli"]
    subprocess.run([*cli, "db", "upgrade"], env=env, check=True, capture_output=True)
    creds = json.loads(subprocess.run([*cli, "demo", "--json"], env=env, check=True, capture_output=True).stdout)
    port = _free_port()
    proc = subprocess.Popen(
        [*cli, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait(port)
        yield f"http://127.0.0.1:{port}", creds
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.skipif(shutil.which("curl") is None or shutil.which("md5sum") is None, reason="needs curl and md5sum")
def test_curl_one_liner(server: tuple[str, dict[str, str]]) -> None:
    base, creds = server
    block = re.search(r"```sh\n(AK=.*?)```", README, re.S)
    assert block, "the README's curl block"
    script = (
        block.group(1)
        .replace(
            "AK=…; SK=…; USER_ID=…", f"AK={creds['accessKey']}; SK={creds['accessSecret']}; USER_ID={creds['userId']}"
        )
        .replace("http://127.0.0.1:8080", base)
    )
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["code"] == 200


def test_client_snippet(server: tuple[str, dict[str, str]]) -> None:
    base, creds = server
    block = re.search(r"```python\n(.*?)```", README, re.S)
    assert block
    code = (
        block.group(1)
        .replace('access_key="…"', f'access_key="{creds["accessKey"]}"')
        .replace('access_secret="…"', f'access_secret="{creds["accessSecret"]}"')
        .replace('user_id="…"', f'user_id="{creds["userId"]}"')
        .replace("http://127.0.0.1:8080", base)
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "张三" in out
