"""Settings, read once in a composition root from flags or ``KUAJING_*`` environment variables.

Every setting is documented in docs/configuration.md (a test keeps the two in step).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

ENV_PREFIX = "KUAJING_"
#: what a browser sends in ``Origin``: scheme, host and port, no path (a trailing slash would never match)
_ORIGIN = re.compile(r"[a-z][a-z0-9+.-]*://[^/?#\s,]+")


def _bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"expected a boolean (1/0, true/false), got {text!r}")


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///var/kuajing.db"
    host: str = "127.0.0.1"
    port: int = 8080
    sandbox: bool = False
    var_dir: Path = Path("var")
    secret_key: str = field(default="", repr=False)
    public_base_url: str = ""
    error_http_status: str = "200"
    strict_fields: bool = False
    cors_origins: str | None = None  # None: every origin in sandbox mode, none in production (cors_allowed)
    secret_grace_s: int = 86_400
    max_body_bytes: int = 10 * 1024 * 1024
    rate_limit_key_rps: float = 0.0
    rate_limit_key_burst: int = 0
    rate_limit_user_rps: float = 0.0
    rate_limit_user_burst: int = 0
    timer_interval_s: float = 1.0
    idempotency_ttl_s: int = 86_400  # how long an Idempotency-Key's first answer is replayed (docs/idempotency.md)
    run_background: bool = True
    search_read_ahead_docs: int = 8192  # SQLite: read ahead tokens in this many documents (0: off); docs/goods.md
    # message delivery (docs/messages.md#settings)
    delivery_in_process: bool = True
    delivery_timeout_ms: int = 1000
    delivery_retry_schedule: str = "pandapon"
    delivery_max_body_bytes: int = 256 * 1024
    delivery_concurrency: int = 32
    delivery_batch_size: int = 200
    delivery_poll_interval_s: float = 0.5
    delivery_lease_s: int = 60
    callback_allow_private: bool = False
    callback_require_https: bool = False
    sandbox_callback_ports: str = ""  # local ports whose answers the delivery log may show (comma-separated)
    delivery_signing_overlap_s: int = 86_400

    def __post_init__(self) -> None:
        if self.error_http_status not in ("mirror", "200"):
            raise ValueError("KUAJING_ERROR_HTTP_STATUS must be '200' or 'mirror'")
        for origin in self.cors_allowed:
            if origin != "*" and not _ORIGIN.fullmatch(origin):
                raise ValueError(f"KUAJING_CORS_ORIGINS: {origin!r} is not an origin (scheme://host[:port], or *)")
        if not 0 < self.port < 65536:
            raise ValueError("port must be 1–65535")
        if self.idempotency_ttl_s < 1:
            raise ValueError("KUAJING_IDEMPOTENCY_TTL_S must be at least 1")
        if self.search_read_ahead_docs < 0:
            raise ValueError("KUAJING_SEARCH_READ_AHEAD_DOCS must be 0 (off) or more")
        if self.delivery_timeout_ms < 1 or self.delivery_concurrency < 1 or self.delivery_batch_size < 1:
            raise ValueError("KUAJING_DELIVERY_TIMEOUT_MS, _CONCURRENCY and _BATCH_SIZE must be at least 1")
        if self.delivery_lease_s * 1000 <= self.delivery_timeout_ms:
            raise ValueError("KUAJING_DELIVERY_LEASE_S must be longer than KUAJING_DELIVERY_TIMEOUT_MS")
        from kuajing.domain.delivery.callbacks import MAX_SIGNING_OVERLAP_S
        from kuajing.domain.delivery.retries import parse_schedule

        parse_schedule(self.delivery_retry_schedule)  # raises ValueError naming the problem
        _ports(self.sandbox_callback_ports)
        if not 0 <= self.delivery_signing_overlap_s <= MAX_SIGNING_OVERLAP_S:
            raise ValueError(f"KUAJING_DELIVERY_SIGNING_OVERLAP_S must be 0–{MAX_SIGNING_OVERLAP_S}")

    @property
    def sandbox_callback_port_set(self) -> frozenset[int]:
        return _ports(self.sandbox_callback_ports)

    @property
    def cors_allowed(self) -> tuple[str, ...]:
        """The origins browsers may call from (``("*",)``: any); unset, sandbox mode allows any and production none."""
        if self.cors_origins is None:
            return ("*",) if self.sandbox else ()
        return tuple(o.strip().lower() for o in self.cors_origins.split(",") if o.strip())

    @property
    def base_url(self) -> str:
        return (self.public_base_url or f"http://{self.host}:{self.port}").rstrip("/")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Environment first, then explicit overrides (CLI flags) win; ``None`` overrides are ignored."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is None:
                continue
            values[f.name] = _convert(f.type, raw, f.name)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _ports(text: str) -> frozenset[int]:
    """``KUAJING_SANDBOX_CALLBACK_PORTS``: comma-separated ports 1–65535 (empty: none)."""
    ports = set()
    for part in text.split(","):
        if part.strip():
            port = int(part) if part.strip().isdigit() else 0
            if not 0 < port < 65536:
                raise ValueError(
                    f"KUAJING_SANDBOX_CALLBACK_PORTS must be ports 1–65535 separated by commas, not {text!r}"
                )
            ports.add(port)
    return frozenset(ports)


def _convert(kind: Any, raw: str, name: str) -> Any:
    kind = str(kind)
    try:
        if kind == "bool":
            return _bool(raw)
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "Path":
            return Path(raw)
    except ValueError as exc:
        raise ValueError(f"{ENV_PREFIX}{name.upper()}: {exc}") from None
    return raw
