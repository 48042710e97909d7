"""The purchase order aggregate: one main order (采购主单) per seller with its sub-orders (采购子单).

Only the aggregate's methods change states; each looks the transition up in :mod:`.states`, records events, and
returns the money the caller must move (charge or refund), so the service can write the ledger in the same
transaction. Ids on the wire are derived from the internal primary keys (:data:`PURCHASE_ID_BASE`,
:data:`SUB_ID_BASE`), 12 digits like the spec's ``200002638011``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kuajing.domain.catalog.model import SkuProperty
from kuajing.domain.errors import IllegalTransitionError, InvalidInputError, NotFoundError
from kuajing.domain.money import CNY
from kuajing.domain.taobao_orders.events import Event, PriceModified, ReceiverChanged, StateChanged
from kuajing.domain.taobao_orders.states import ORDER, PAID, UNPAID, Action, OrderState, derive_status

PURCHASE_ID_BASE = 200_000_000_000
SUB_ID_BASE = 200_500_000_000
OUTER_ORDER_BASE = 3_682_557_000_000_000_000  # the Taobao-side order numbers (purchase_order_outer_id), 19 digits


def purchase_order_id(pk: int) -> int:
    return PURCHASE_ID_BASE + pk


def purchase_order_pk(purchase_id: int) -> int:
    return purchase_id - PURCHASE_ID_BASE


def sub_purchase_order_id(pk: int) -> int:
    return SUB_ID_BASE + pk


def sub_purchase_order_pk(sub_id: int) -> int:
    return sub_id - SUB_ID_BASE


@dataclass(slots=True)
class Receiver:
    """The China-warehouse address the seller ships to (upstream: ``warehouse_address_info``)."""

    name: str
    address: str
    country: str = "中国"
    state: str = ""
    city: str = ""
    district: str = ""
    zip: str = ""
    phone: str = ""
    mobile_phone: str = ""


@dataclass(slots=True)
class SubOrder:
    product_id: int
    sku_pk: int
    item_id: int
    sku_id: int
    quantity: int
    unit_price_fen: int
    title: str
    mp_id: int | None = None
    mp_sku_id: int | None = None
    order_line_no: str = ""
    sku_desc: dict[str, str] = field(default_factory=dict)  # language → "颜色:红色;尺码:M"
    sku_properties: list[SkuProperty] = field(default_factory=list)  # the SKU's sale properties when it was bought
    image: str = ""
    remark: str = ""
    state: OrderState = OrderState.BUILDING
    close_reason: str = ""
    carrier_code: str = ""
    carrier_name: str = ""
    tracking_number: str = ""
    paid_at_ms: int | None = None
    shipped_at_ms: int | None = None
    confirmed_at_ms: int | None = None
    closed_at_ms: int | None = None
    id: int = 0  # internal pk
    # The latest after-sales reverse order of the line (read-only here: the store loads it from after-sales).
    refund_id: str = ""
    refund_status: int = 0  # §4.2 code; 0 = no refund applied

    @property
    def sub_purchase_order_id(self) -> int:
        return sub_purchase_order_id(self.id)

    @property
    def product_fen(self) -> int:
        return self.unit_price_fen * self.quantity

    @property
    def stock_owner(self) -> str:
        return f"tb-line:{self.sub_purchase_order_id}"

    @property
    def is_live(self) -> bool:
        return self.state is not OrderState.CANCELLED


@dataclass(slots=True)
class PurchaseOrder:
    develop_id: str
    user_id: str
    seller_id: int
    supplier_nick: str
    receiver: Receiver
    subs: list[SubOrder]
    outer_purchase_id: str | None = None  # sellerOrderNumber: the idempotency key of create
    order_source: str = ""
    currency: str = CNY
    post_fee_fen: int = 0
    budget_fen: int | None = None
    state: OrderState = OrderState.BUILDING
    paid_fen: int = 0  # what the wallet was charged (0 until paid)
    refunded_fen: int = 0
    pay_method: str = ""  # "wallet" | "voucher"
    voucher_url: str = ""
    voucher_note: str = ""  # finance's rejection reason
    close_reason: str = ""
    paid_at_ms: int | None = None
    next_close_at_ms: int | None = None
    created_at_ms: int = 0
    updated_at_ms: int = 0
    version: int = 0
    id: int = 0  # internal pk
    events: list[Event] = field(default_factory=list)

    # -- reading --------------------------------------------------------------------------------------------------
    @property
    def purchase_order_id(self) -> int:
        return purchase_order_id(self.id)

    @property
    def live_subs(self) -> list[SubOrder]:
        return [s for s in self.subs if s.is_live]

    @property
    def product_fen(self) -> int:
        return sum(s.product_fen for s in self.live_subs)

    @property
    def total_fen(self) -> int:
        """What paying costs now: live lines plus postage (none once every line is cancelled)."""
        return self.product_fen + (self.post_fee_fen if self.live_subs else 0)

    def index_of(self, sub: SubOrder) -> int:
        return next(i for i, s in enumerate(self.subs) if s is sub)

    def sub(self, sub_id: int) -> SubOrder:
        for s in self.subs:
            if s.sub_purchase_order_id == sub_id:
                return s
        raise NotFoundError(f"sub-order {sub_id} is not part of purchase order {self.purchase_order_id}",
                            field="subPurchaseOrderId")  # fmt: skip

    # -- changing -------------------------------------------------------------------------------------------------
    def _move(self, action: Action, subs: Iterable[SubOrder], now_ms: int, note: str = "") -> list[SubOrder]:
        """Apply ``action`` to every given sub-order (all or none: targets are checked first), then derive the main
        status."""
        targets = list({id(s): s for s in subs}.values())  # a sub-order named twice moves once
        if not targets:
            ORDER.next_state(self.state, action)  # nothing live to move: refused with the main order's own state
            raise IllegalTransitionError(self.state.value, action.value)
        targets_next = [(s, ORDER.next_state(s.state, action)) for s in targets]
        for s, new in targets_next:
            self.events.append(StateChanged(self.index_of(s), s.state, new, action.value, now_ms, note))
            s.state = new
        main = derive_status([s.state for s in self.subs])
        if main is not self.state:
            self.events.append(StateChanged(None, self.state, main, action.value, now_ms, note))
            self.state = main
        self.updated_at_ms = now_ms
        return targets

    def start(self, now_ms: int) -> None:
        """Record creation (12) and the end of building (12 → 0); called once, before the first save."""
        self.created_at_ms = self.updated_at_ms = now_ms
        self.events.append(StateChanged(None, None, OrderState.BUILDING, "create", now_ms))
        self._move(Action.BUILD, self.subs, now_ms)

    def pay(self, now_ms: int, *, method: str = "wallet") -> int:
        """Mark the order paid; returns the amount to charge."""
        action = Action.PAY if method == "wallet" else Action.FINANCE_PAY
        self._move(action, self.live_subs, now_ms)
        self.paid_fen = self.total_fen
        self.pay_method = method
        self.paid_at_ms = now_ms
        for s in self.live_subs:
            s.paid_at_ms = now_ms
        return self.paid_fen

    def upload_voucher(self, url: str, now_ms: int) -> None:
        if not url.strip():
            raise InvalidInputError("a voucher image URL is required", field="voucherUrl")
        self._move(Action.UPLOAD_VOUCHER, self.live_subs, now_ms)
        self.voucher_url = url.strip()
        self.voucher_note = ""

    def review_voucher(self, *, approved: bool, note: str, now_ms: int) -> None:
        if approved:
            self._move(Action.APPROVE_VOUCHER, self.live_subs, now_ms, note)
            self._move(Action.QUEUE_FINANCE_PAY, self.live_subs, now_ms)
        else:
            self._move(Action.REJECT_VOUCHER, self.live_subs, now_ms, note)
        self.voucher_note = note

    def ship(self, subs: list[SubOrder], *, carrier_code: str, carrier_name: str, tracking: str, now_ms: int) -> None:
        self._move(Action.SHIP, subs, now_ms)
        for s in subs:
            s.carrier_code, s.carrier_name, s.tracking_number = carrier_code, carrier_name, tracking
            s.shipped_at_ms = now_ms

    def confirm(self, now_ms: int) -> list[SubOrder]:
        shipped = [s for s in self.subs if s.state is OrderState.WAIT_BUYER_CONFIRM]
        if not shipped:
            ORDER.next_state(self.state, Action.CONFIRM)  # raises with the order's own state
        done = self._move(Action.CONFIRM, shipped, now_ms)
        for s in done:
            s.confirmed_at_ms = now_ms
        return done

    def cancel(self, subs: list[SubOrder], *, action: Action, reason: str, now_ms: int) -> int:
        """Cancel (buyer) or close (seller, timeout) these sub-orders; returns the amount to refund (0 if unpaid)."""
        was_paid = self.state in PAID
        done = self._move(action, subs, now_ms, reason)
        refund = 0
        for s in done:
            s.close_reason = reason
            s.closed_at_ms = now_ms
            if was_paid:
                refund += s.product_fen
        if was_paid and not self.live_subs:
            refund += self.post_fee_fen
        if self.state is OrderState.CANCELLED:
            self.close_reason = reason
        self.refunded_fen += refund
        return refund

    def refund_close(self, subs: list[SubOrder], *, refunded_fen: int, reason: str, now_ms: int) -> None:
        """After-sales refunded money (``refunded_fen``); ``subs`` are fully refunded and close (→ 4)."""
        self.refunded_fen += refunded_fen
        self.updated_at_ms = now_ms
        if subs:
            self._move(Action.REFUND_CLOSE, subs, now_ms, reason)
            for s in subs:
                s.close_reason, s.closed_at_ms = reason, now_ms
            if self.state is OrderState.CANCELLED:
                self.close_reason = reason

    def modify_price(self, sub: SubOrder, unit_fen: int, now_ms: int) -> None:
        if self.state not in UNPAID or not sub.is_live:
            raise IllegalTransitionError(self.state.value, "modify_price")  # prices change only before payment
        if unit_fen <= 0:
            raise InvalidInputError("the unit price must be a positive number of fen", field="price")
        self.events.append(PriceModified(self.index_of(sub), sub.unit_price_fen, unit_fen, now_ms))
        sub.unit_price_fen = unit_fen
        self.updated_at_ms = now_ms

    def change_receiver(self, receiver: Receiver, now_ms: int) -> None:
        self.receiver = receiver
        self.events.append(ReceiverChanged(now_ms))
        self.updated_at_ms = now_ms

    def take_events(self) -> list[Event]:
        events, self.events = self.events, []
        return events
