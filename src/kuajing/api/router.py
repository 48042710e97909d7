"""Routing with a dictionary for fixed paths.

Starlette's router tries every route's regular expression in turn; with the ~150 PandaPon routes that is a linear
scan on every request. Almost every PandaPon path is fixed, so ``(method, path)`` is looked up in a dict first, and
everything else — paths with parameters (``/refund/cancel/{refundId}``, images), a known path with another method
(405), an unknown path (404) — goes through the Starlette router, which holds every route.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Router
from starlette.types import ASGIApp, Receive, Scope, Send

Handler = Callable[[Request], Awaitable[Response]]


class FastRouter:
    def __init__(self, fixed: dict[tuple[str, str], Handler], fallback: Router) -> None:
        self._fixed = fixed
        self._fallback: ASGIApp = fallback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            handler = self._fixed.get((scope["method"], scope["path"]))
            if handler is not None:
                response = await handler(Request(scope, receive, send))
                await response(scope, receive, send)
                return
        await self._fallback(scope, receive, send)
