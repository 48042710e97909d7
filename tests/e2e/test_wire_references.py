"""No internal reference reaches the wire: both platforms' real flows on the generated catalog (tests/e2e/flows.py:
goods, cart, preview, create, pay, list/detail/cancel, ship, refunds, vouchers, the cashier), every string of
every answer walked: none may hold a ``gen:`` picture reference, and every URL of this server in one must answer
200 to a GET when it is sent (and every picture URL still at the end). On SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from starlette.testclient import TestClient

from kuajing.domain.accounts.model import Credentials
from kuajing.runtime import Runtime
from tests.aftersales_helpers import ok
from tests.api import goods_fixtures as gf
from tests.api.helpers import headers
from tests.e2e import flows

GEN_REFERENCE = re.compile(r"gen:[A-Za-z0-9_]*:")
#: a URL of this server naming something (a bare origin, such as I3's ``imageDomain``, is a prefix, not a resource)
OUR_URL = re.compile(r"https?://testserver/[^\s\"'<>]*")
#: the picture fields of issue 15 §1, each of which must have carried a URL of this server at least once
PICTURE_FIELDS = frozenset({"itemPic", "skuImgUrl", "SKU_IMG_URL", "productImgUrl", "itemImageUrl"})


def _strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(the key it sits under, the string) for every string in an answer, however deep."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)


def _not_served(http: TestClient, url: str) -> str | None:
    """None when the URL answers what it names (a picture, a page, a successful envelope); else what it answered."""
    got = http.get(url)
    kind = got.headers.get("content-type", "")
    if got.status_code != 200:
        return f"HTTP {got.status_code}"
    if kind.startswith("application/json") and got.json().get("code") != 200:
        return f"the envelope with code {got.json().get('code')}"
    if "/images/" in url and not kind.startswith("image/"):
        return f"{kind!r}, not a picture"
    return None


class Walk:
    """Sends signed requests and checks every answer as it arrives."""

    def __init__(self, http: TestClient, creds: Credentials) -> None:
        self.http, self.creds = http, creds
        self.pictures: set[str] = set()
        self.fields_with_urls: set[str] = set()
        self.answers = 0

    def __call__(self, method: str, path: str, body: Any = None) -> Any:
        data = ok(self.http, self.creds, method, path, body)
        self.answers += 1
        for key, text in _strings(data):
            assert not GEN_REFERENCE.search(text), f"{method} {path}: {key} = {text!r} is an internal reference"
            for url in OUR_URL.findall(text):
                wrong = _not_served(self.http, url)
                assert wrong is None, f"{method} {path}: {key} = {url} answers {wrong}"
                self.fields_with_urls.add(key)
                if "/images/" in url:
                    self.pictures.add(url)
        return data

    def send(self, method: str, path: str, body: Any = None, *, signed: bool = True) -> Any:
        """A step whose answer the flow does not use: sent as is, its strings not walked."""
        signature = headers(self.creds) if signed else {}
        if method == "GET":
            return self.http.get(path, params=body, headers=signature)
        return self.http.request(method, path, json=body, headers=signature)


def test_no_answer_of_either_platform_sends_an_internal_picture_reference(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    gf.seed(runtime)
    walk = Walk(http, demo)
    flows.taobao(walk, runtime)
    flows.alibaba(walk, runtime)
    assert walk.answers > 60
    assert walk.fields_with_urls >= PICTURE_FIELDS, f"never saw a URL in {PICTURE_FIELDS - walk.fields_with_urls}"
    assert any("/images/vouchers/" in url for url in walk.pictures)
    for url in sorted(walk.pictures):  # pictures keep answering after everything above
        assert _not_served(http, url) is None, url
