"""Pure-ASGI middleware: a request id for every request and an envelope for every refusal the router makes."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from kuajing.api.errors import ApiError, error_response
from kuajing.protocol.codes import Code
from kuajing.protocol.envelope import new_request_id


class EnvelopeMiddleware:
    """Give each request an id (``scope["state"]["request_id"]``) and turn anything that escapes into an envelope."""

    def __init__(self, app: ASGIApp, *, mirror_status: bool) -> None:
        self.app = app
        self.mirror_status = mirror_status

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = new_request_id()
        scope.setdefault("state", {})["request_id"] = request_id
        scope.setdefault("app", self.app)  # makes Starlette raise HTTPException(405) instead of answering plain text
        started = False

        async def send_wrapper(message: dict[str, object]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - the last line of defence keeps the envelope
            if started:
                raise
            if isinstance(exc, HTTPException):
                code = Code.METHOD_NOT_ALLOWED if exc.status_code == 405 else Code.UNKNOWN_ROUTE
                exc = ApiError(code, f"{scope.get('method')} {scope.get('path')}")
            response = error_response(exc, request_id=request_id, develop_id=None, mirror_status=self.mirror_status)
            await response(scope, receive, send)


async def unknown_route(scope: Scope, receive: Receive, send: Send) -> None:
    """The router's default: an envelope with UNKNOWN_ROUTE instead of a plain-text 404."""
    raise ApiError(Code.UNKNOWN_ROUTE, f"{scope.get('method')} {scope.get('path')}")
