"""The 1688 order lifecycle (spec §4.3) as a table on :mod:`kuajing.domain.lifecycle`: :data:`ORDER`.

Statuses are upstream ``baseInfo.status`` values. ``terminated`` is reached only by the after-sales work (a full
refund of a paid order).
"""

from __future__ import annotations

from enum import StrEnum

from kuajing.domain.lifecycle import Edge, Lifecycle


class OrderStatus(StrEnum):
    WAITBUYERPAY = "waitbuyerpay"
    WAITSELLERSEND = "waitsellersend"
    WAITBUYERRECEIVE = "waitbuyerreceive"
    CONFIRM_GOODS = "confirm_goods"
    SUCCESS = "success"
    CANCEL = "cancel"
    TERMINATED = "terminated"


class Action(StrEnum):
    PAY = "pay"  # H9 protocol pay, H1, the cashier page
    CANCEL = "cancel"  # H8, buyer before payment
    CLOSE = "close"  # unpaid timeout or the seller closes it (sandbox)
    MODIFY_PRICE = "modify_price"  # the seller changes the price before payment
    SHIP = "ship"  # the seller ships (timer or sandbox)
    CONFIRM_RECEIPT = "confirm_receipt"  # H10 or auto-confirm
    COMPLETE = "complete"  # confirm_goods → success (timer)
    TERMINATE = "terminate"  # full refund of a paid order (after-sales)


S, A = OrderStatus, Action

TERMINAL = frozenset({S.CANCEL, S.TERMINATED})

ORDER = Lifecycle[OrderStatus, Action, None](
    "1688 order",
    states=OrderStatus,
    actions=Action,
    initial={S.WAITBUYERPAY},
    terminal=TERMINAL,
    edges=(
        Edge(S.WAITBUYERPAY, A.PAY, S.WAITSELLERSEND),
        Edge(S.WAITBUYERPAY, A.CANCEL, S.CANCEL),
        Edge(S.WAITBUYERPAY, A.CLOSE, S.CANCEL),
        Edge(S.WAITBUYERPAY, A.MODIFY_PRICE, S.WAITBUYERPAY),
        Edge(S.WAITSELLERSEND, A.SHIP, S.WAITBUYERRECEIVE),
        Edge(S.WAITSELLERSEND, A.TERMINATE, S.TERMINATED),
        Edge(S.WAITBUYERRECEIVE, A.CONFIRM_RECEIPT, S.CONFIRM_GOODS),
        Edge(S.WAITBUYERRECEIVE, A.TERMINATE, S.TERMINATED),
        Edge(S.CONFIRM_GOODS, A.COMPLETE, S.SUCCESS),
        Edge(S.CONFIRM_GOODS, A.TERMINATE, S.TERMINATED),
        # spec §4.3: "paid states ──full refund──► terminated" — a completed order refunded in full after sale too
        Edge(S.SUCCESS, A.TERMINATE, S.TERMINATED),
    ),
)
