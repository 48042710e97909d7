"""What after-sales has refunded on order lines: the one fact the order contexts need from after-sales.

Orders ask it before they refund a line themselves (a cancel, a close) and when they publish a snapshot; after-sales
owns the figures (:class:`kuajing.domain.aftersales.ports.RefundRepository` extends :class:`LineRefunds`). Keeping
the question here lets after-sales depend on the orders, and not the orders on after-sales.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class Platform(StrEnum):
    """The platform whose order lines a refund is for."""

    TAOBAO = "taobao"
    ALIBABA = "1688"


@dataclass(frozen=True, slots=True)
class LineTotal:
    paid_fen: int
    refunded_fen: int
    open_refund_pk: int | None


class LineRefunds(Protocol):
    def line_totals(self, platform: Platform, line_ids: list[str]) -> dict[str, LineTotal]:
        """Paid, refunded and the open refund of each of these lines that after-sales has seen (others are absent)."""
        ...

    def order_totals(self, platform: Platform, develop_id: str, order_id: str) -> dict[str, LineTotal]:
        """The same for every line of one order, by line id."""
        ...
