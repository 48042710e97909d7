"""The 1688 cashier page's JSON form (``/cashier/1688/{token}`` with ``Accept: application/json``, for programs;
browsers get HTML): the orders of a pay link and what its pay button paid.
"""

from __future__ import annotations

from pydantic import ConfigDict

from kuajing.protocol.wire.model import WireModel

_RESP = ConfigDict(extra="allow")


class CashierOrder(WireModel):
    model_config = _RESP

    order_id: str
    status: str
    total_amount: int  # fen


class CashierInfo(WireModel):
    """``GET``/``POST /cashier/1688/{token}`` with ``Accept: application/json``: the link's orders, their total, and
    after a POST the orders it paid."""

    model_config = _RESP

    orders: list[CashierOrder]
    total_amount: int  # fen
    paid_order_ids: list[str] = []
