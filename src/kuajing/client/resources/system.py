"""Unsigned system routes."""

from typing import Any

from kuajing.client._base import Operation

PING: Operation[str] = Operation("GET", "/ping", None, str, signed=False)
HEALTH: Operation[dict[str, Any]] = Operation("GET", "/health", None, dict[str, Any], signed=False)
