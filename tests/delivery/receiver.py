"""A real HTTP receiver on 127.0.0.1 for delivery tests: records what arrives and answers as told."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    at: float

    @property
    def json(self) -> dict[str, Any]:
        result: dict[str, Any] = json.loads(self.body)
        return result


@dataclass
class Receiver:
    """``mode``: ``ok`` (200), ``fail`` (500), ``slow`` (sleeps ``slow_s`` then 200), ``redirect`` (302)."""

    mode: str = "ok"
    slow_s: float = 1.5
    delay_s: float = 0.0  # every answer waits this long (crash test, bench)
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def port(self) -> int:
        assert self.server is not None
        return int(self.server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/kuajing/callback"

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver.lock:
                    receiver.received.append(Received(dict(self.headers.items()), body, time.time()))
                mode = receiver.mode
                if mode == "slow":
                    time.sleep(receiver.slow_s)
                elif receiver.delay_s:
                    time.sleep(receiver.delay_s)
                status = {"ok": 200, "slow": 200, "fail": 500, "redirect": 302}[mode]
                answer = b"ok" if status == 200 else b"boom " * 300
                self.send_response(status)
                if status == 302:
                    self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        ThreadingHTTPServer.request_queue_size = 256
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def messages(self, message_type: str | None = None) -> list[Received]:
        with self.lock:
            items = list(self.received)
        complete = [r for r in items if _is_json(r.body)]  # a sender killed mid-request leaves a cut body
        return [r for r in complete if message_type is None or r.json["messageType"] == message_type]

    def ids(self) -> Counter[str]:
        return Counter(r.json["messageId"] for r in self.messages() if r.json["messageType"] != "CALLBACK_VERIFY")


def _is_json(body: bytes) -> bool:
    try:
        json.loads(body)
    except ValueError:
        return False
    return True
