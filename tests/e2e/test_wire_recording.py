"""The wire, recorded: every answer of a fixed run of requests — both platforms' flows, the warehouse, messages and
the sandbox with real ids, then every route once with its documented example and once empty — must be byte-identical
to the recording of its database, ``tests/fixtures/wire/recording-{sqlite,postgresql}.jsonl`` (the two differ where
the engines do, such as the order of equally relevant search hits).

It guards refactors that must not change the wire: a change to any answer (a field, its JSON type, its order, a
status, a content type, an ``x-kuajing-*`` header, a picture's bytes) fails with the first difference shown. The
run is made deterministic by a frozen clock and seeded stand-ins for the process's random sources (ids, tokens,
request ids, secrets), so the same code always answers the same bytes.

A change to the wire that is meant (a new field, a fixed answer) is recorded again, and the diff of the recording
read in review: ``KUAJING_RECORD_WIRE=1 pytest tests/e2e/test_wire_recording.py``.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import os
import random
import re
import secrets
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from kuajing.api.app import all_endpoints, create_app
from kuajing.api.openapi import build_openapi
from kuajing.domain.accounts import service as accounts
from kuajing.domain.accounts.model import Credentials
from kuajing.domain.clock import ManualClock
from kuajing.protocol.signature import sign
from kuajing.runtime import Runtime
from tests.alibaba_catalog import ADDRESS
from tests.api import goods_fixtures as gf
from tests.conftest import make_settings
from tests.e2e import flows

RECORDINGS = Path(__file__).parent.parent / "fixtures" / "wire"
START_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z, a fixed "now" for every run
#: the answer headers that are part of the wire (the request id is random by design and is replaced below)
SHIPMENT_RECEIVER = {"fullName": "Jane Doe", "mobile": "+1 415 555 0100", "countryCode": "US", "address": "1 Market St",
                     "provinceText": "CA", "cityText": "San Francisco", "postCode": "94103"}  # fmt: skip
#: answers too large to keep readable: recorded as their length and digest (tests/api/test_openapi*.py read them)
WHOLE_PAGES = frozenset({"/openapi.json", "/docs"})
KEPT_HEADERS = ("content-type", "x-kuajing-error-field", "x-kuajing-ignored-fields", "allow")


@pytest.fixture
def seeded_randomness(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every random source the server draws from, replaced by one seeded generator."""
    rng = random.Random(20260101)
    monkeypatch.setattr(random, "getrandbits", rng.getrandbits)
    monkeypatch.setattr(secrets, "randbelow", lambda n: rng.randrange(n))
    monkeypatch.setattr(secrets, "choice", rng.choice)
    monkeypatch.setattr(secrets, "token_bytes", lambda n=32: rng.randbytes(n))
    monkeypatch.setattr(secrets, "token_hex", lambda n=32: rng.randbytes(n).hex())
    monkeypatch.setattr(
        secrets, "token_urlsafe", lambda n=32: base64.urlsafe_b64encode(rng.randbytes(n)).rstrip(b"=").decode()
    )
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=rng.getrandbits(128), version=4))


@pytest.fixture
def frozen(db_url: str, tmp_path: Path, seeded_randomness: None) -> Iterator[tuple[Runtime, ManualClock]]:
    clock = ManualClock(START_MS)
    rt = Runtime.build(make_settings(db_url, tmp_path), clock=clock)
    try:
        yield rt, clock
    finally:
        rt.close()


class Recorder:
    """Sends signed requests on the frozen clock and keeps what each answered, in order."""

    def __init__(self, http: TestClient, creds: Credentials, clock: ManualClock, receiver: str) -> None:
        self.http, self.creds, self.clock = http, creds, clock
        self.receiver = receiver
        self.lines: list[dict[str, Any]] = []
        self._nonces = itertools.count(1)

    def headers(self) -> dict[str, str]:
        ts, nonce = str(self.clock.now_ms()), f"recording{next(self._nonces):023d}"
        c = self.creds
        return {"access-key": c.access_key, "timestamp": ts, "nonce-str": nonce, "user-id": c.user_id,
                "signature": sign(c.access_key, ts, nonce, c.access_secret)}  # fmt: skip

    def send(self, method: str, path: str, body: Any = None, *, signed: bool = True) -> Any:
        headers = self.headers() if signed else {}
        if method == "GET":
            resp = self.http.get(path, params=body, headers=headers)
        else:
            resp = self.http.request(method, path, json=body, headers=headers)
        self.clock.advance(ms=1)  # each request on its own millisecond, as a client's would be
        kind = resp.headers.get("content-type", "")
        if kind.startswith("image/") or path in WHOLE_PAGES:
            answer = f"{len(resp.content)} bytes sha256 {hashlib.sha256(resp.content).hexdigest()}"
        else:
            answer = resp.text
        self.lines.append({
            "request": f"{method} {path}", "body": body, "status": resp.status_code,
            "headers": {k: resp.headers[k] for k in KEPT_HEADERS if k in resp.headers}, "answer": answer,
        })  # fmt: skip
        return resp.json() if kind.startswith("application/json") else resp

    def __call__(self, method: str, path: str, body: Any = None) -> Any:
        """A request of a flow: it must succeed, and its ``data`` is what the flow goes on with."""
        env = self.send(method, path, body)
        assert env["code"] == 200, (method, path, env)
        return env["data"]


def _basis_warehouse_messages(rec: Recorder, rt: Runtime) -> None:
    rec("GET", "/sandbox/clock")
    rec("GET", "/open/address/list")
    added = rec("POST", "/open/address/add", {**ADDRESS, "isDefault": True})
    rec("POST", "/open/address/update", {"id": added["id"], "townText": "留下"})
    rec("GET", "/v2/basis/address/list")
    rec("POST", "/open/address/delete", {"id": added["id"]})

    rec("GET", "/open/warehouse/channel/list")
    rec("POST", "/open/warehouse/freight/estimate", {"countryCode": "US", "weightG": 800})
    first = rec("POST", "/open/warehouse/package/forecast", {"carrierCode": "YTO", "trackingNo": "YT7712345678901"})
    second = rec("POST", "/open/warehouse/package/forecast", {"carrierCode": "ZTO", "trackingNo": "78712345678901"})
    third = rec("POST", "/open/warehouse/package/forecast", {"carrierCode": "SF", "trackingNo": "SF1234567890123"})
    rec("POST", "/open/warehouse/package/update", {"parcelId": first["parcelId"], "remark": "易碎"})
    rec("POST", "/open/warehouse/package/cancel", {"parcelId": third["parcelId"]})
    for parcel in (first, second):
        rec("POST", "/sandbox/warehouse/package/inbound",
            {"parcelId": parcel["parcelId"], "weightG": 800, "lengthCm": 30, "widthCm": 20, "heightCm": 10})  # fmt: skip
    rec("GET", "/open/warehouse/package/detail", {"parcelId": first["parcelId"]})
    rec("POST", "/open/warehouse/package/page", {"pageSize": 10})
    ids = [first["parcelId"], second["parcelId"]]
    channel = rec("GET", "/open/warehouse/channel/list")[0]["channelCode"]
    rec("POST", "/open/warehouse/logistics/order/preview", {"parcelIds": ids, "channelCode": channel,
                                                            "countryCode": "US"})  # fmt: skip
    shipment = rec("POST", "/open/warehouse/logistics/order/create",
                   {"parcelIds": ids, "channelCode": channel, "receiver": SHIPMENT_RECEIVER})  # fmt: skip
    rec("GET", "/open/warehouse/logistics/order/detail", {"shipmentId": shipment["shipmentId"]})
    rec("POST", "/open/warehouse/logistics/order/page", {"pageSize": 10})
    rec("POST", "/open/warehouse/logistics/order/cancel", {"shipmentId": shipment["shipmentId"]})
    rec.send("POST", "/sandbox/warehouse/shipment/fail", {"shipmentId": shipment["shipmentId"]})  # refused: cancelled
    again = rec("POST", "/open/warehouse/logistics/order/create",
                {"parcelIds": ids, "channelCode": channel, "receiver": SHIPMENT_RECEIVER})  # fmt: skip
    rec("POST", "/sandbox/clock/advance", {"seconds": 3 * 86_400})
    rec("GET", "/v2/basis/warehouse/logistics/order/detail", {"shipmentId": again["shipmentId"]})
    rec("POST", "/sandbox/warehouse/shipment/fail", {"shipmentId": again["shipmentId"]})

    rec.send("POST", "/open/message/callback/set", {"callbackUrl": "http://127.0.0.1:9/kuajing"})  # refused
    rec("POST", "/open/message/callback/set", {"callbackUrl": rec.receiver + "/kuajing"})
    rec("GET", "/open/message/callback/get")
    rec("GET", "/open/message/signing-secret/get")
    messages = rec("GET", "/open/message/list", {"limit": 100})
    rec("GET", "/open/message/delivery/log", {"messageId": messages["list"][0]["messageId"]})
    rec("POST", "/open/message/redeliver", {"startTime": START_MS, "endTime": START_MS + 86_400_000})
    rec("POST", "/open/message/signing-secret/rotate", {})
    rec("POST", "/v2/basis/message/callback/delete", {})
    rec("POST", "/sandbox/clock/advance", {"seconds": 3600})


def _every_route(rec: Recorder, spec: dict[str, Any]) -> None:
    """Every route of the spec once with its documented example and once with nothing."""
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            params = op.get("parameters", [])
            url = path
            for p in params:
                if p["in"] == "path":
                    url = url.replace("{" + p["name"] + "}", str(p.get("example", "x")))
            if method == "get":
                example: Any = {p["name"]: p["example"] for p in params if p["in"] == "query" and "example" in p}
            else:
                example = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("example")
            rec.send(method.upper(), url, example)
            rec.send(method.upper(), url, None)


class _Accept(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # the name http.server calls
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.send_response(200)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # http.server's signature
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    """A callback receiver that accepts everything (the callback URL must answer its verification POST)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Accept)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _run(frozen: tuple[Runtime, ManualClock], receiver: str) -> list[dict[str, Any]]:
    rt, clock = frozen
    gf.seed(rt)
    with rt.uow() as uow:
        creds = accounts.ensure_demo(uow, now_ms=clock.now_ms())
        uow.commit()
    with TestClient(create_app(rt), base_url="http://testserver", raise_server_exceptions=False) as http:
        rec = Recorder(http, creds, clock, receiver)
        for page in ("/openapi.json", "/docs", "/"):
            rec.send("GET", page, signed=False)
        flows.taobao(rec, rt)
        flows.alibaba(rec, rt)
        _basis_warehouse_messages(rec, rt)
        _every_route(rec, build_openapi(all_endpoints(), sandbox=True))
    return rec.lines


def test_every_answer_is_the_recorded_one(frozen: tuple[Runtime, ManualClock], receiver: str, db_url: str) -> None:
    # the receiver's port differs from run to run: the recording names it "http://receiver"
    lines = [json.dumps(line, ensure_ascii=False, sort_keys=True).replace(receiver, "http://receiver")
             for line in _run(frozen, receiver)]  # fmt: skip
    recording = _recording("sqlite" if db_url.startswith("sqlite") else "postgresql")
    if os.environ.get("KUAJING_RECORD_WIRE"):
        recording.write_text("\n".join(lines) + "\n", encoding="utf-8")
    recorded = recording.read_text(encoding="utf-8").splitlines()
    for n, (got, want) in enumerate(zip(lines, recorded, strict=False)):
        assert got == want, f"answer {n} differs:\n  recorded {want}\n  now      {got}"
    assert len(lines) == len(recorded), f"{len(lines)} answers now, {len(recorded)} recorded"


def _recording(dialect: str) -> Path:
    return RECORDINGS / f"recording-{dialect}.jsonl"


def _succeeded(line: dict[str, Any]) -> bool:
    if line["status"] != 200:
        return False
    return not line["headers"].get("content-type", "").startswith("application/json") or '"code":200,' in line["answer"]


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_the_recording_holds_a_success_of_every_endpoint(dialect: str) -> None:
    """The recorded run reaches every endpoint with a request it serves, not only with refusals."""
    lines = [json.loads(line) for line in _recording(dialect).read_text(encoding="utf-8").splitlines()]
    served = {line["request"] for line in lines if _succeeded(line)}
    missing = []
    for ep in all_endpoints():
        patterns = [re.compile(f"{ep.method} " + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(p)) + "$") for p in ep.paths]
        if not any(pattern.match(request) for pattern in patterns for request in served):
            missing.append(f"{ep.method} {ep.paths[0]}")
    assert not missing, missing
