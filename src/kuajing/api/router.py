"""Routing with a dictionary for fixed paths.

Starlette's router tries every route's regular expression in turn; with the ~150 PandaPon routes that is a linear
scan on every request. Almost every PandaPon path is fixed, so ``(method, path)`` is looked up in a dict first, and
everything else — paths with parameters (``/refund/cancel/{refundId}``, images), a known path with another method
(405), an unknown path (404) — goes through the Starlette router, which holds every route.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route, Router
from starlette.types import Receive, Scope, Send

from kuajing.api.errors import ApiError
from kuajing.protocol.codes import Code

Handler = Callable[[Request], Awaitable[Response]]


class FastRouter:
    def __init__(self, fixed: dict[tuple[str, str], Handler], fallback: Router) -> None:
        self._fixed = fixed
        self._fallback = fallback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            handler = self._fixed.get((scope["method"], scope["path"]))
            if handler is not None:
                response = await handler(Request(scope, receive, send))
                await response(scope, receive, send)
                return
        try:
            await self._fallback(scope, receive, send)
        except HTTPException as exc:
            if exc.status_code != 405:
                raise
            allow = ", ".join(self.allowed_methods(scope))
            raise ApiError(
                Code.METHOD_NOT_ALLOWED,
                f"{scope['method']} {scope['path']}; allowed: {allow}",
                headers={"Allow": allow},
            ) from None

    def allowed_methods(self, scope: Scope) -> list[str]:
        """Every method some route serves this path with (Starlette's own 405 names only the first route's)."""
        methods: set[str] = set()
        for route in self._fallback.routes:
            if isinstance(route, Route) and route.methods and route.matches(scope)[0] is not Match.NONE:
                methods |= route.methods
        return sorted(methods)
