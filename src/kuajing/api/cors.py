"""CORS for browser builds of PandaPon clients (``KUAJING_CORS_ORIGINS``): what the envelope middleware answers.

A browser calling the API from another origin first sends a preflight ``OPTIONS`` asking whether it may send the
signed headers; it is answered (204) for an allowed origin, on any path, without reaching the app. Actual requests
from an allowed origin get ``Access-Control-Allow-Origin`` and the headers a script may read. An origin that is not
allowed gets no CORS header at all — its preflight goes on to the app like any ``OPTIONS`` (405) — so the browser
refuses the call. Requests without an ``Origin`` header (every non-browser client) are left alone.

The policy is applied by :class:`~kuajing.api.middleware.EnvelopeMiddleware`, which already wraps every response:
as a middleware of its own it would wrap every response a second time; applied there it costs the scan for
``Origin`` only, and nothing when no origin is allowed (production's default; docs/performance.md, "Signed requests").

No credentials are involved (requests are signed in headers, not with cookies), so ``*`` is safe to answer as is.
"""

from __future__ import annotations

from collections.abc import Iterable

from kuajing.protocol.envelope import ERROR_FIELD_HEADER, IGNORED_FIELDS_HEADER, REQUEST_ID_HEADER
from kuajing.protocol.signature import REQUIRED_HEADERS

#: what a preflight may ask to send: the five signed headers, the JSON body's type and an idempotency key
ALLOW_HEADERS = (*REQUIRED_HEADERS, "content-type", "idempotency-key")
#: what a script may read from an answer, beyond the CORS-safelisted headers
EXPOSE_HEADERS = (REQUEST_ID_HEADER, IGNORED_FIELDS_HEADER, ERROR_FIELD_HEADER, "retry-after")
ALLOW_METHODS = ("GET", "POST")
#: seconds a browser may reuse a preflight's answer (Chromium caps it at 7200)
PREFLIGHT_MAX_AGE_S = 7200

ResponseHeaders = list[tuple[bytes, bytes]]


class Cors:
    """The allowed origins (``*``: any) and the headers they are answered with."""

    def __init__(self, origins: Iterable[str]) -> None:
        allowed = frozenset(origins)
        self._any = "*" in allowed
        self._allowed = allowed
        vary = [] if self._any else [(b"vary", b"Origin")]
        self._actual = [(b"access-control-expose-headers", ", ".join(EXPOSE_HEADERS).encode()), *vary]
        self._preflight = [
            (b"access-control-allow-methods", ", ".join(ALLOW_METHODS).encode()),
            (b"access-control-allow-headers", ", ".join(ALLOW_HEADERS).encode()),
            (b"access-control-max-age", str(PREFLIGHT_MAX_AGE_S).encode()),
            *vary,
        ]

    def answer(self, method: str, headers: Iterable[tuple[bytes, bytes]]) -> tuple[bool, ResponseHeaders]:
        """For a request that carries ``Origin``: whether it is a preflight to answer here, and the headers to add to
        its answer (none for an origin that is not allowed)."""
        origin = asked = None
        for name, value in headers:
            if name == b"origin":
                origin = value
            elif name == b"access-control-request-method":
                asked = value
        if origin is None:
            return False, []
        if self._any:
            allow = [(b"access-control-allow-origin", b"*")]
        elif origin.decode("latin-1") in self._allowed:
            allow = [(b"access-control-allow-origin", origin)]
        else:
            return False, []
        if method == "OPTIONS" and asked is not None:
            return True, [*allow, *self._preflight]
        return False, [*allow, *self._actual]
