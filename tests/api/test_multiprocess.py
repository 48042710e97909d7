"""Two real server processes on one database share replay protection (nonces live in the database) and see a
developer disabled or enabled by the CLI (a third process) on their next request."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kuajing.domain.accounts.model import Credentials
from tests.api.helpers import headers
from tests.conftest import TEST_SECRET_KEY


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db_url: str, tmp_path: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "KUAJING_SECRET_KEY": TEST_SECRET_KEY, "KUAJING_VAR_DIR": str(tmp_path / "var"),
           "KUAJING_RUN_BACKGROUND": "0"}  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "kuajing.cli", "serve", "--db", db_url, "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _wait(port: int) -> None:
    deadline = time.monotonic() + 90  # a server starts in ~2 s; on a loaded shared machine it has taken over 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ping", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"server on {port} did not start")


@pytest.fixture
def two_servers(db_url: str, tmp_path: Path, demo: Credentials) -> Iterator[tuple[int, int]]:
    ports = (_free_port(), _free_port())
    procs = [_serve(db_url, tmp_path, p) for p in ports]
    try:
        for p in ports:
            _wait(p)
        yield ports
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)


def test_a_nonce_used_on_one_process_is_a_replay_on_the_other(two_servers: tuple[int, int], demo: Credentials) -> None:
    a, b = two_servers
    h = headers(demo)
    first = httpx.get(f"http://127.0.0.1:{a}/open/address/list", headers=h).json()
    replay = httpx.get(f"http://127.0.0.1:{b}/open/address/list", headers=h).json()
    assert first["code"] == 200 and replay["code"] == 40104


def _cli(db_url: str, tmp_path: Path, *args: str) -> str:
    env = {**os.environ, "KUAJING_SECRET_KEY": TEST_SECRET_KEY, "KUAJING_VAR_DIR": str(tmp_path / "var")}
    done = subprocess.run([sys.executable, "-m", "kuajing.cli", *args, "--db", db_url], env=env, capture_output=True,
                          text=True, timeout=60, check=True)  # fmt: skip
    return done.stdout


def test_a_developer_disabled_by_the_cli_is_refused_by_both_processes_until_enabled(
    two_servers: tuple[int, int], demo: Credentials, db_url: str, tmp_path: Path
) -> None:
    _, access_key, _, secret = _cli(db_url, tmp_path, "keys", "create", demo.develop_id).split()
    keys = [demo, Credentials(demo.develop_id, access_key, secret, demo.user_id)]

    def codes(rounds: int) -> list[int]:
        """``rounds`` requests with each key on each process."""
        return [httpx.get(f"http://127.0.0.1:{port}/open/address/list", headers=headers(creds)).json()["code"]
                for _ in range(rounds) for port in two_servers for creds in keys]  # fmt: skip

    assert codes(1) == [200] * 4  # each process now keeps both keys' records
    assert "disabled" in _cli(db_url, tmp_path, "accounts", "disable", demo.develop_id)
    assert codes(5) == [40107] * 20
    assert "enabled" in _cli(db_url, tmp_path, "accounts", "enable", demo.develop_id)
    assert codes(5) == [200] * 20
