"""``/docs`` in a real browser (Debian's chromium, driven by Playwright) against a live server: the page's own MD5,
search, opening an endpoint, and try it — a request signed in the browser that the server accepts."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kuajing.domain.accounts.model import Credentials
from tests.api.test_multiprocess import _free_port, _wait
from tests.conftest import TEST_SECRET_KEY

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message + " — CI must run the browser tests", pytrace=False)
        pytest.skip("SKIPPING BROWSER TESTS: " + message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _serve(db_url: str, var_dir: Path) -> tuple[subprocess.Popen[bytes], int]:
    env = {**os.environ, "KUAJING_SECRET_KEY": TEST_SECRET_KEY, "KUAJING_VAR_DIR": str(var_dir),
           "KUAJING_RUN_BACKGROUND": "0"}  # fmt: skip
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kuajing.cli", "serve", "--db", db_url, "--port", str(port), "--sandbox"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return proc, port


@contextlib.contextmanager
def _running(db_url: str, var_dir: Path) -> Iterator[str]:
    proc, port = _serve(db_url, var_dir)
    try:
        _wait(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def page_server(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for the tests that only read the page (no database work): a migrated, empty SQLite file."""
    folder = tmp_path_factory.mktemp("docs-page")
    shutil.copy(sqlite_template, folder / "k.db")
    with _running(f"sqlite:///{folder / 'k.db'}", folder / "var") as base:
        yield base


@pytest.fixture
def docs(browser: Any, page_server: str) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{page_server}/docs")
    try:
        yield page
    finally:
        context.close()


# lengths around the 56- and 64-byte block edges, non-ASCII (UTF-8 bytes), and a long text over many blocks
MD5_INPUTS = ["", "a", "abc", "x" * 55, "x" * 56, "x" * 63, "x" * 64, "x" * 65, "x" * 119, "x" * 120,
              "张三 余杭区文一西路 969 号", "emoji 🚚 parcel", "0123456789" * 100]  # fmt: skip


def test_the_page_md5_matches_hashlib_and_the_worked_signature(docs: Any) -> None:
    for text in MD5_INPUTS:
        assert docs.evaluate("(text) => md5Hex(text)", text) == hashlib.md5(text.encode()).hexdigest(), text
    # docs/protocol.md's worked example, milliseconds and seconds
    key, nonce, secret = (
        "58c0201dfdf148eca63cbf6bb5e7cf03",
        "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
        "ExampleSecretNotReal0000000000000",
    )
    sign = "([k, t, n, s]) => sign(k, t, n, s)"
    assert docs.evaluate(sign, [key, "1715669977082", nonce, secret]) == "F5E6AA955B3EDE3B05135850A43BCA10"
    assert docs.evaluate(sign, [key, "1715669977", nonce, secret]) == "9487347F1573330A3F78CE8604AA87EF"


def test_search_narrows_the_endpoints_and_clearing_it_shows_them_all(docs: Any) -> None:
    articles = docs.locator("article.op")
    total = articles.count()
    docs.fill("#search", "voucher upload")
    visible = docs.locator("article.op:visible")
    shown = visible.count()
    assert 0 < shown < total
    for i in range(shown):
        assert "voucher" in visible.nth(i).inner_text().lower()
    assert docs.locator("#op-get_health").is_hidden()
    assert docs.locator("#schemas").is_hidden()
    docs.fill("#search", "no such endpoint anywhere")
    assert docs.locator("article.op:visible").count() == 0 and docs.locator("#no-match").is_visible()
    docs.fill("#search", "")
    assert docs.locator("article.op:visible").count() == total


def test_the_sidebar_opens_an_endpoint_at_its_anchor(docs: Any) -> None:
    docs.click("nav a[href='#op-post_open_address_add']")
    assert docs.url.endswith("#op-post_open_address_add")
    target = docs.locator("#op-post_open_address_add")
    assert target.is_visible() and "/open/address/add" in target.locator("h3").inner_text()
    assert docs.evaluate("() => document.getElementById('op-post_open_address_add').getBoundingClientRect().top") < 50


def _try(docs: Any, anchor: str) -> str:
    article = docs.locator(f"#{anchor}")
    article.locator("details.try summary").click()
    out = article.locator("pre.out")
    article.locator("form.try-form button").click()
    docs.wait_for_function("(el) => el.textContent.startsWith('HTTP ')", arg=out.element_handle(), timeout=15_000)
    return str(out.inner_text())


def test_try_it_signs_in_the_browser_and_the_server_accepts(
    browser: Any, db_url: str, tmp_path: Path, demo: Credentials
) -> None:
    with _running(db_url, tmp_path / "var") as base:
        context = browser.new_context()
        docs = context.new_page()
        docs.goto(f"{base}/docs")
        docs.fill("#credentials input[name=accessKey]", demo.access_key)
        docs.fill("#credentials input[name=accessSecret]", demo.access_secret)
        docs.fill("#credentials input[name=userId]", demo.user_id)
        added = _try(docs, "op-post_open_address_add")  # the example body, as the form was filled
        assert added.startswith("HTTP 200") and '"code": 200' in added and "张三" in added
        listed = _try(docs, "op-get_open_address_list")
        assert '"code": 200' in listed and "余杭区文一西路 969 号" in listed
        paged = _try(docs, "op-get_open_order_page")  # query parameters from the form's JSON object
        assert '"code": 200' in paged
        health = _try(docs, "op-get_health")  # unsigned
        assert '"code": 200' in health and '"migrated": true' in health
        docs.fill("#credentials input[name=accessSecret]", "not-the-secret")
        refused = _try(docs, "op-get_v2_basis_address_list")
        assert '"code": 40102' in refused  # BAD_SIGNATURE, whatever HTTP status carries it
        context.close()
