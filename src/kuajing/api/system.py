"""Unsigned system routes: health, the no-work ``/ping`` baseline, and the landing page ``/``."""

from __future__ import annotations

import html
import logging
from typing import Any

from kuajing import __version__
from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.api.errors import ApiError
from kuajing.protocol.codes import Code

log = logging.getLogger("kuajing.api")


async def ping(call: Call[Any]) -> str:
    return "pong"


async def health(call: Call[Any]) -> dict[str, Any]:
    runtime = call.runtime
    try:
        applied = await runtime.db.run(runtime.applied_revisions)
    except Exception as exc:  # any failure means the database is not usable
        # unsigned route: the exception's type only, never its text (it can name hosts and users)
        log.warning("health check: database unavailable: %s", exc)
        raise ApiError(Code.SERVICE_UNAVAILABLE, f"database: {type(exc).__name__}") from exc
    expected = runtime.expected_revisions()
    return {
        "status": "ok" if applied == expected else "degraded",
        "database": {
            "ok": True,
            "dialect": runtime.db.dialect,
            "migrated": applied == expected,
            "revisions": sorted(applied),
        },
        "sandbox": call.runtime.settings.sandbox,
    }


def landing_page(*, sandbox: bool, console: bool) -> str:
    """``GET /``: what this server is and where to go next — the reference, the document, health, the console."""
    links = [
        ("/docs", "API reference", "every endpoint with its fields and examples, searchable, with try it"),
        ("/openapi.json", "OpenAPI document", "OpenAPI 3.1, for code generators and API testers"),
        ("/health", "Health", "liveness and database status"),
    ]
    if console:
        links.append(("/console", "Console", "the web portal for distributors and operators"))
    items = "".join(
        f"<li><a href={href}>{html.escape(title)}</a> — {html.escape(what)}</li>" for href, title, what in links
    )
    mode = (
        "sandbox mode: the embedded marketplace plays the sellers on a clock you control" if sandbox else "production"
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Kuajing</title><style>"
        "body{font:16px/1.5 system-ui,sans-serif;max-width:720px;margin:3em auto;padding:0 1em;color:#1d232a}"
        "a{color:#2a5ea8}li{margin:.4em 0}.note{color:#5a636c}</style></head><body>"
        f"<h1>Kuajing 跨境 <small class=note>{html.escape(__version__)}</small></h1>"
        "<p>A cross-border distribution platform speaking the PandaPon OpenAPI wire protocol: Taobao and 1688 goods, "
        "carts, orders, after-sales, message callbacks and a forwarding warehouse, over one signed JSON API.</p>"
        f"<p class=note>This server runs in {html.escape(mode)}.</p><ul>{items}</ul>"
        "<p class=note>Python SDK: <code>from kuajing.client import Client</code>. A walkthrough from search to "
        "refund is in the repository's <code>docs/getting-started.md</code>.</p></body></html>"
    )


ENDPOINTS = [
    Endpoint("GET", ("/ping",), ping, summary="Answers pong and does nothing else (the benchmark baseline)",
             tag="System", response=str, signed=False),
    Endpoint("GET", ("/health",), health, summary="Liveness and database status", tag="System",
             response=dict[str, Any], signed=False),
]  # fmt: skip
