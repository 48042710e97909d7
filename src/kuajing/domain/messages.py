"""Outgoing messages: what a domain change tells the developer, written to the outbox in the same transaction.

A message has a stable id, a PandaPon ``messageType`` and ``messagePlatform`` (0 Taobao, 1 1688), the aggregate it is
about, and its ``messageBody``. The unit of work numbers messages per aggregate (``sequence`` 1, 2, 3…) so receivers
can order and de-duplicate them — PandaPon itself guarantees no order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Platform(IntEnum):
    TAOBAO = 0
    ALIBABA = 1  # 1688
    PLATFORM = 9  # Kuajing's own events (warehouse, accounts); not a PandaPon value


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    develop_id: str
    message_type: str
    platform: Platform
    aggregate_type: str
    aggregate_id: str
    body: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StoredMessage:
    id: int
    message_id: str
    develop_id: str
    message_type: str
    platform: int
    aggregate_type: str
    aggregate_id: str
    sequence: int
    body: dict[str, Any]
    created_at_ms: int
