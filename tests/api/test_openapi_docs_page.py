"""``/docs`` and ``/`` as HTML: every operation has its anchor, every link lands, nothing is fetched from elsewhere."""

from __future__ import annotations

from html.parser import HTMLParser

from starlette.testclient import TestClient

from kuajing.api.app import all_endpoints
from kuajing.api.openapi import build_openapi, operations
from kuajing.api.system import landing_page


class _Links(HTMLParser):
    """Every element id, and every href / src / action an element carries."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.urls: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append((tag, values))
        if values.get("id"):
            self.ids.add(str(values["id"]))
        self.urls += [str(values[a]) for a in ("href", "src", "action") if values.get(a) is not None]


def _parse(text: str) -> _Links:
    parser = _Links()
    parser.feed(text)
    return parser


def test_every_operation_and_schema_has_an_anchor_and_a_way_to_it(http: TestClient) -> None:
    page = http.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    parsed = _parse(page.text)
    spec = http.get("/openapi.json").json()
    for _, _, op in operations(spec):
        assert f"op-{op['operationId']}" in parsed.ids
        assert f"#op-{op['operationId']}" in parsed.urls, "the sidebar links every operation"
    for name in spec["components"]["schemas"]:
        assert f"schema-{name}" in parsed.ids
    sections = [i for i in parsed.ids if i.startswith("tag-")]
    assert len(sections) == len(spec["tags"]) and {f"#{s}" for s in sections} <= set(parsed.urls)
    assert {"search", "credentials", "signing", "codes", "schemas"} <= parsed.ids


def test_every_in_page_link_lands_on_an_element(http: TestClient) -> None:
    parsed = _parse(http.get("/docs").text)
    broken = [u for u in parsed.urls if u.startswith("#") and u[1:] not in parsed.ids]
    assert broken == []


def test_the_reference_loads_nothing_from_another_host(http: TestClient) -> None:
    """Offline: no script, style sheet, font or image from anywhere; the only links go to this server."""
    page = http.get("/docs").text
    parsed = _parse(page)
    assert [u for u in parsed.urls if not u.startswith(("#", "/")) or u.startswith("//")] == []
    assert [t for t, attrs in parsed.tags if t in ("script", "img", "iframe") and attrs.get("src")] == []
    assert [t for t, attrs in parsed.tags if t == "link"] == []
    assert "@import" not in page and "url(" not in page


def test_each_operation_shows_its_examples_and_a_try_it_form(http: TestClient) -> None:
    page = http.get("/docs").text
    parsed = _parse(page)
    forms = [attrs for tag, attrs in parsed.tags if tag == "form" and "try-form" in str(attrs.get("class"))]
    spec = http.get("/openapi.json").json()
    assert {(f["data-method"], f["data-path"]) for f in forms} == {(m.upper(), p) for m, p, _ in operations(spec)}
    add = spec["paths"]["/open/address/add"]["post"]
    assert all(f["data-signed"] == "1" for f in forms if f["data-path"] == "/open/address/add")
    assert all(f["data-signed"] == "" for f in forms if f["data-path"] == "/health")
    assert add["requestBody"]["content"]["application/json"]["example"]["fullName"] == "张三"
    assert "&quot;fullName&quot;: &quot;张三&quot;" in page  # the example body, in the page and in its try-it form


def test_the_production_reference_has_no_sandbox_operations() -> None:
    from kuajing.api.reference import render_reference

    production = render_reference(build_openapi(all_endpoints(), sandbox=False))
    assert 'data-path="/sandbox/clock/advance"' not in production
    assert 'data-path="/open/address/add"' in production


def test_the_landing_page_links_the_reference_the_document_and_health(http: TestClient) -> None:
    home = http.get("/")
    assert home.status_code == 200 and home.headers["content-type"].startswith("text/html")
    links = _parse(home.text).urls
    assert links == ["/docs", "/openapi.json", "/health"]  # no console route in this app
    for link in links:
        assert http.get(link).status_code == 200


def test_the_landing_page_links_the_console_when_there_is_one() -> None:
    assert "/console" in _parse(landing_page(sandbox=False, console=True)).urls
    assert "/console" not in _parse(landing_page(sandbox=False, console=False)).urls
