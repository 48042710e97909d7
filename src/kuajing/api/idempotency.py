"""Idempotent writes: with an ``Idempotency-Key`` header, a retried create or payment gets the first one's answer.

The SDK retries on transport errors and 5xx, so without this a create whose answer was lost would be done twice. An
endpoint declared ``idempotent=True`` that receives the header runs in *one* unit of work, the request's transaction:

1. it claims the key for the developer (the first statement of the transaction);
2. its handler runs with every ``call.run`` and ``call.read`` inside that transaction — each ``run`` in a savepoint,
   so it stays all-or-nothing on its own, as when it had a transaction of its own;
3. the answer it rendered (status, headers, body bytes) is stored under the key, and the transaction commits.

The effect and the answer that replays it are committed together or not at all. A later request with the same key
and the same fingerprint gets that answer back byte for byte, with ``Idempotent-Replayed: true``, and the handler does
not run; with another fingerprint it is refused (42207). A concurrent duplicate waits for the first: SQLite's write
lock serialises the two transactions, and on PostgreSQL the second claim blocks on the first's uncommitted key row.
Without the header an endpoint runs as before; a covered one only looks for the header. docs/idempotency.md has the
rules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

import orjson
from starlette.requests import Request
from starlette.responses import Response

from kuajing.api.errors import ApiError
from kuajing.domain.errors import DomainError
from kuajing.domain.idempotency import StoredAnswer
from kuajing.domain.uow import UnitOfWork
from kuajing.protocol.codes import Code
from kuajing.protocol.envelope import REQUEST_ID_HEADER

if TYPE_CHECKING:
    from kuajing.api.call import Call

T = TypeVar("T")

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255  # as Stripe's keys

#: headers of an answer that belong to the one request that got it, so a replay does not repeat them
_OWN_HEADERS = frozenset({b"content-length", REQUEST_ID_HEADER.lower().encode()})

#: what a refusal's code family says about the request: these are decisions about the request and the state it met,
#: stored as the key's answer; 400xx (a malformed request: fix it and send it again under the same key) and codes that
#: say "retry" (a concurrent change won, rate limits, internal errors) are not.
_KEPT_FAMILIES = frozenset({403, 404, 409, 422})


def request_key(request: Request) -> str | None:
    """The request's key, or None without the header; refused (40002) unless it is 1–255 printable ASCII characters.

    Checked with the body's schema, before the nonce is claimed: a malformed key leaves the nonce unused."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not (0 < len(key) <= MAX_KEY_LENGTH and key.isascii() and key.isprintable()):
        raise ApiError(
            Code.INVALID_PARAMETER, f"{HEADER}: must be 1–{MAX_KEY_LENGTH} printable ASCII characters", field=HEADER
        )
    return key


def _fingerprint(call: Call[Any]) -> str:
    """What the key was used for: the sub-account, the method and path, and the parameters as the endpoint validated
    them — so two sends of one request that differ only in key order, spacing or a number sent as a string agree."""
    request = call.request
    params = orjson.Fragment(call.params.model_dump_json())
    return hashlib.sha256(orjson.dumps([call.user_id, request.method, request.scope["path"], params])).hexdigest()


async def respond(
    call: Call[Any],
    handler: Callable[[Call[Any]], Awaitable[Any]],
    key: str,
    render: Callable[[Any, Exception | None], Response],
) -> Response:
    """Answer ``call`` under ``key``: replay the key's stored answer, or run ``handler`` in the request's transaction
    and store what ``render`` makes of its outcome (its data, or the refusal it raised) with its effects."""
    runtime = call.runtime
    db = runtime.db
    now_ms = runtime.clock.now_ms()  # the platform clock: a sandbox clock moved ahead does not expire keys
    mark = _fingerprint(call)
    uow = runtime.uow(call.clock)
    committed = False
    try:
        stored = await db.run(
            _claim, uow, develop_id=call.develop_id, key=key, fingerprint=mark, now_ms=now_ms,
            expires_at_ms=now_ms + runtime.settings.idempotency_ttl_s * 1000,
        )  # fmt: skip
        if stored is not None:
            if stored.fingerprint != mark:
                raise ApiError(
                    Code.IDEMPOTENCY_KEY_REUSED,
                    f"{HEADER} {key!r} was first used for another request (another body, path or user-id)",
                    field=HEADER,
                )
            return _replay(stored, call.request_id)
        data: Any = None
        refusal: Exception | None = None
        try:
            data = await _complete(handler(call.within(uow)), inline=db.inline)
        except Exception as exc:  # a refusal the endpoint decided becomes the key's answer
            if not _kept(exc):
                raise
            refusal = exc
        response = render(data, refusal)
        await db.run(_store_and_commit, uow, develop_id=call.develop_id, key=key, response=response)
        committed = True
        return response
    finally:
        if not committed:
            await db.run(uow.rollback)


def _kept(exc: Exception) -> bool:
    """Whether a refusal raised by the endpoint is stored as the key's answer (see ``_KEPT_FAMILIES``)."""
    if not isinstance(exc, DomainError | ApiError):
        return False
    return exc.code.http_status in _KEPT_FAMILIES and exc.code is not Code.CONCURRENT_UPDATE


def _claim(uow: UnitOfWork, **claim: Any) -> StoredAnswer | None:
    uow.__enter__()
    return uow.idempotency.claim(**claim)


def _store_and_commit(uow: UnitOfWork, *, develop_id: str, key: str, response: Response) -> None:
    headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in response.raw_headers if k not in _OWN_HEADERS}
    uow.idempotency.store_answer(
        develop_id=develop_id, key=key, status=response.status_code, headers=headers, body=bytes(response.body)
    )
    uow.commit()


def _replay(stored: StoredAnswer, request_id: str) -> Response:
    """The stored answer, byte for byte (its envelope keeps the first request's ``requestId``); the ``x-request-id``
    header is this request's own."""
    headers = {**stored.headers, REQUEST_ID_HEADER: request_id, REPLAYED_HEADER: "true"}
    return Response(stored.body, status_code=stored.status, headers=headers)


async def _complete(outcome: Awaitable[T], *, inline: bool) -> T:
    """The handler's result. On SQLite the request's transaction is open on the connection that every unit of work of
    the event loop's thread shares, so the handler must finish without giving the loop a turn: another request would
    run its statements inside this transaction. Handlers only await ``call.run`` and ``call.read``, which run inline
    there and never suspend; this makes sure of it."""
    if not inline:
        return await outcome
    steps = outcome.__await__()
    try:
        steps.send(None)
    except StopIteration as done:
        result: T = done.value
        return result
    steps.close()
    raise RuntimeError("an idempotent endpoint suspended while its SQLite transaction was open")
