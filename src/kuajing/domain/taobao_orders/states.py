"""The Taobao purchase-order lifecycle (spec §4.1) as a table on :mod:`kuajing.domain.lifecycle`: :data:`ORDER`.

The table applies to each sub-order (采购子单); the main order's status is derived from its sub-orders by
:func:`derive_status` (a pure function, saleor's ``determine_order_status``), so one main order can have sub-orders in
different states, as upstream does. States are our names; :data:`WIRE_CODE` gives the spec's integer
``TaoBaoOrderStatusEnum`` code and :data:`RAW_STATUS` the upstream raw string.

No "finished" code was ever seen (spec §4.1, gap X10): a confirmed receipt is kept as its own state ``FINISHED`` but is
shown on the wire as code 11 with ``canConfirmReceipt`` false and a ``confirmTime``.
"""

from __future__ import annotations

from enum import StrEnum

from kuajing.domain.lifecycle import Edge, Lifecycle


class OrderState(StrEnum):
    BUILDING = "building"  # 12 being created upstream (async); left within the create transaction
    WAIT_BUYER_PAY = "wait_buyer_pay"  # 0 created, awaiting payment
    VOUCHER_UPLOADED = "voucher_uploaded"  # 1 buyer uploaded a payment voucher; finance reviews it
    FINANCE_PASSED = "finance_passed"  # 2 finance approved the voucher
    FINANCE_REFUSED = "finance_refused"  # 3 finance rejected the voucher; pay or upload again
    WAIT_FINANCE_PAY = "wait_finance_pay"  # 5 waiting for the finance system to pay upstream
    WAIT_SELLER_SEND = "wait_seller_send"  # 10 paid, awaiting shipment
    WAIT_BUYER_CONFIRM = "wait_buyer_confirm"  # 11 shipped to the China warehouse, awaiting confirmation
    FINISHED = "finished"  # receipt confirmed (buyer, sandbox or auto-confirm); wire code 11
    CANCELLED = "cancelled"  # 4 closed: cancel API, unpaid timeout, seller close


class Action(StrEnum):
    BUILD = "build"  # creation finished upstream
    PAY = "pay"  # paid from the wallet (B7)
    UPLOAD_VOUCHER = "upload_voucher"  # B4
    APPROVE_VOUCHER = "approve_voucher"  # finance (sandbox)
    REJECT_VOUCHER = "reject_voucher"  # finance (sandbox)
    QUEUE_FINANCE_PAY = "queue_finance_pay"  # finance hands the approved voucher to the payment system
    FINANCE_PAY = "finance_pay"  # the payment system paid upstream (timer)
    SHIP = "ship"  # seller shipped (timer or sandbox)
    CONFIRM = "confirm"  # receipt confirmed (auto-confirm timer or sandbox)
    CANCEL = "cancel"  # buyer cancel (B5)
    CLOSE = "close"  # unpaid timeout or seller close
    REFUND_CLOSE = "refund_close"  # after-sales refunded the whole paid line (spec §4.1: 10/11 → 4)


S, A = OrderState, Action

WIRE_CODE: dict[OrderState, int] = {
    S.BUILDING: 12, S.WAIT_BUYER_PAY: 0, S.VOUCHER_UPLOADED: 1, S.FINANCE_PASSED: 2, S.FINANCE_REFUSED: 3,
    S.WAIT_FINANCE_PAY: 5, S.WAIT_SELLER_SEND: 10, S.WAIT_BUYER_CONFIRM: 11, S.FINISHED: 11, S.CANCELLED: 4,
}  # fmt: skip
OTHER_STATUS_CODE = 9

RAW_STATUS: dict[OrderState, str] = {
    S.BUILDING: "BULIDING",  # spelled as in the spec
    S.WAIT_BUYER_PAY: "WAIT_BUYER_P",  # spelled (truncated) as in the spec
    S.VOUCHER_UPLOADED: "WAIT_BUYER_P", S.FINANCE_PASSED: "WAIT_BUYER_P", S.FINANCE_REFUSED: "WAIT_BUYER_P",
    S.WAIT_FINANCE_PAY: "WAIT_BUYER_P", S.WAIT_SELLER_SEND: "WAIT_SELLER_SEND_GOODS",
    S.WAIT_BUYER_CONFIRM: "WAIT_BUYER_CONFIRM_GOODS", S.FINISHED: "TRADE_FINISHED", S.CANCELLED: "TRADE_CLOSED",
}  # fmt: skip


TERMINAL = frozenset({S.CANCELLED})  # FINISHED leaves only through a full after-sales refund
UNPAID = frozenset({S.WAIT_BUYER_PAY, S.VOUCHER_UPLOADED, S.FINANCE_REFUSED})  # where the unpaid timeout applies
PAID = frozenset({S.WAIT_SELLER_SEND, S.WAIT_BUYER_CONFIRM, S.FINISHED})

ORDER = Lifecycle[OrderState, Action, None](
    "Taobao order",
    states=OrderState,
    actions=Action,
    initial={S.BUILDING},
    terminal=TERMINAL,
    edges=(
        Edge(S.BUILDING, A.BUILD, S.WAIT_BUYER_PAY),
        Edge(S.WAIT_BUYER_PAY, A.PAY, S.WAIT_SELLER_SEND),
        Edge(S.WAIT_BUYER_PAY, A.UPLOAD_VOUCHER, S.VOUCHER_UPLOADED),
        Edge(S.WAIT_BUYER_PAY, A.CANCEL, S.CANCELLED),
        Edge(S.WAIT_BUYER_PAY, A.CLOSE, S.CANCELLED),
        Edge(S.VOUCHER_UPLOADED, A.APPROVE_VOUCHER, S.FINANCE_PASSED),
        Edge(S.VOUCHER_UPLOADED, A.REJECT_VOUCHER, S.FINANCE_REFUSED),
        Edge(S.VOUCHER_UPLOADED, A.CANCEL, S.CANCELLED),
        Edge(S.VOUCHER_UPLOADED, A.CLOSE, S.CANCELLED),
        Edge(S.FINANCE_REFUSED, A.PAY, S.WAIT_SELLER_SEND),
        Edge(S.FINANCE_REFUSED, A.UPLOAD_VOUCHER, S.VOUCHER_UPLOADED),
        Edge(S.FINANCE_REFUSED, A.CANCEL, S.CANCELLED),
        Edge(S.FINANCE_REFUSED, A.CLOSE, S.CANCELLED),
        Edge(S.FINANCE_PASSED, A.QUEUE_FINANCE_PAY, S.WAIT_FINANCE_PAY),
        Edge(S.WAIT_FINANCE_PAY, A.FINANCE_PAY, S.WAIT_SELLER_SEND),
        Edge(S.WAIT_SELLER_SEND, A.SHIP, S.WAIT_BUYER_CONFIRM),
        Edge(S.WAIT_SELLER_SEND, A.CANCEL, S.CANCELLED),  # before shipment only; paid money goes back to the wallet
        Edge(S.WAIT_SELLER_SEND, A.CLOSE, S.CANCELLED),
        Edge(S.WAIT_BUYER_CONFIRM, A.CONFIRM, S.FINISHED),
        Edge(S.WAIT_SELLER_SEND, A.REFUND_CLOSE, S.CANCELLED),
        Edge(S.WAIT_BUYER_CONFIRM, A.REFUND_CLOSE, S.CANCELLED),
        Edge(S.FINISHED, A.REFUND_CLOSE, S.CANCELLED),  # an after-sale refund of a received line
    ),
)

if set(WIRE_CODE) != set(OrderState) or set(RAW_STATUS) != set(OrderState):
    raise RuntimeError("Taobao order states: every state needs a wire code and a raw status")

# Progress order used to derive the main status: the least advanced live sub-order decides.
_PROGRESS: tuple[OrderState, ...] = (
    S.BUILDING, S.WAIT_BUYER_PAY, S.VOUCHER_UPLOADED, S.FINANCE_REFUSED, S.FINANCE_PASSED, S.WAIT_FINANCE_PAY,
    S.WAIT_SELLER_SEND, S.WAIT_BUYER_CONFIRM, S.FINISHED,
)  # fmt: skip


def derive_status(sub_states: list[OrderState]) -> OrderState:
    """The main order's state: CANCELLED when every sub-order is, else the least advanced live sub-order's."""
    live = [s for s in sub_states if s is not S.CANCELLED]
    if not live:
        return S.CANCELLED
    return min(live, key=_PROGRESS.index)
