"""Unsigned system routes: health, the no-work ``/ping`` baseline, and the generated docs."""

from __future__ import annotations

import logging
from typing import Any

from kuajing.api.endpoint import Call, Endpoint
from kuajing.api.errors import ApiError
from kuajing.protocol.codes import Code
from kuajing.store.migrate import applied_heads, expected_heads

log = logging.getLogger("kuajing.api")


async def ping(call: Call[Any]) -> str:
    return "pong"


async def health(call: Call[Any]) -> dict[str, Any]:
    db = call.runtime.db
    try:
        applied = await db.run(applied_heads, db)
    except Exception as exc:  # noqa: BLE001 - any failure means the database is not usable
        # unsigned route: the exception's type only, never its text (it can name hosts and users)
        log.warning("health check: database unavailable: %s", exc)
        raise ApiError(Code.SERVICE_UNAVAILABLE, f"database: {type(exc).__name__}") from exc
    expected = expected_heads()
    return {
        "status": "ok" if applied == expected else "degraded",
        "database": {
            "ok": True,
            "dialect": db.dialect,
            "migrated": applied == expected,
            "revisions": sorted(applied),
        },
        "sandbox": call.runtime.settings.sandbox,
    }


ENDPOINTS = [
    Endpoint("GET", ("/ping",), ping, summary="Answers pong and does nothing else (the benchmark baseline)",
             tag="System", response=str, signed=False),
    Endpoint("GET", ("/health",), health, summary="Liveness and database status", tag="System",
             response=dict[str, Any], signed=False),
]  # fmt: skip
