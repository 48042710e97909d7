"""The 1688 order aggregate: one order per seller, with its entries (sub-orders, ``orderEntryId``).

Money is integer fen (CNY). ``product_fen`` is the sum of the entries unless the seller modified the price, then it
is the seller's figure; ``total_fen = product_fen + carriage_fen``. Only :meth:`AlibabaOrder.apply` changes
``status``; each change is kept in :attr:`AlibabaOrder.changes` for the repository to write as history rows.
The delivery address is an :class:`Address` value: the API maps the request's ``addressParam`` to it and the
store maps it to its column, so the domain never reads a wire name.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from enum import StrEnum

from kuajing.domain.alibaba_orders.states import ORDER, Action, OrderStatus


class EntryStatus(StrEnum):
    OPEN = "open"  # not shipped
    SHIPPED = "shipped"
    RECEIVED = "received"
    CANCELLED = "cancelled"


@dataclass(slots=True)
class OrderEntry:
    id: int  # orderEntryId (19 digits)
    product_id: int
    sku_pk: int
    offer_id: int
    spec_id: str
    sku_id: int
    title: str
    image: str
    unit: str
    quantity: int
    unit_price_fen: int
    sku_text: str = ""  # "颜色:红色;尺码:M"
    status: EntryStatus = EntryStatus.OPEN

    @property
    def amount_fen(self) -> int:
        return self.unit_price_fen * self.quantity

    @property
    def stock_owner(self) -> str:
        return f"1688-entry:{self.id}"


@dataclass(frozen=True, slots=True)
class StateChange:
    from_status: OrderStatus
    to_status: OrderStatus
    action: Action
    at_ms: int
    detail: str = ""


@dataclass(slots=True)
class Shipment:
    company_no: str  # logisticsCompanyNo, e.g. "ZTO"
    company_name: str
    bill_no: str  # mailNo / logisticsBillNo
    logistics_id: str  # "LP" + digits
    shipped_at_ms: int


@dataclass(frozen=True, slots=True)
class Address:
    """Where the seller ships the order: the buyer's contact and the address as the buyer wrote it (the texts of
    province, city, area and town, the street address, and the administrative division code)."""

    full_name: str
    mobile: str
    address: str
    phone: str = ""
    post_code: str = ""
    province_text: str = ""
    city_text: str = ""
    area_text: str = ""
    town_text: str = ""
    district_code: str = ""


@dataclass(slots=True)
class AlibabaOrder:
    id: int  # orderId, 19 digits
    develop_id: str
    user_id: str
    seller_id: int
    seller_open_id: str
    seller_nick: str
    order_no: str
    flow: str
    trade_type: str
    message: str
    address: Address | None  # None: the request gave no addressParam
    entries: list[OrderEntry]
    carriage_fen: int
    product_fen: int
    created_at_ms: int
    status: OrderStatus = OrderStatus.WAITBUYERPAY
    currency: str = "CNY"
    paid_fen: int = 0
    pay_time_ms: int | None = None
    shipment: Shipment | None = None
    receive_time_ms: int | None = None
    complete_time_ms: int | None = None
    cancel_reason: str = ""  # the buyer's text (H8) or the system's reason
    close_reason: str = ""  # buyer_cancel | seller_close | timeout_close
    updated_at_ms: int = 0
    version: int = 0
    changes: list[StateChange] = field(default_factory=list)

    @property
    def total_fen(self) -> int:
        return self.product_fen + self.carriage_fen

    @property
    def goods_fen(self) -> int:
        """The entries' sum at their unit prices (before any seller price change)."""
        return sum(e.amount_fen for e in self.entries)

    def apply(self, action: Action, now_ms: int, detail: str = "") -> OrderStatus:
        """The one writer of ``status``: looks the move up in the table and records it."""
        old = self.status
        new = ORDER.next_state(old, action)
        self.status = new
        self.updated_at_ms = now_ms
        self.changes.append(StateChange(old, new, action, now_ms, detail))
        return new

    def entry(self, entry_id: int) -> OrderEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)


def new_order_id() -> int:
    """A random 19-digit id below 2**63 (fits BIGINT); uniqueness is enforced by the primary key."""
    return 1_000_000_000_000_000_000 + secrets.randbelow(8_000_000_000_000_000_000)


def order_no(order_id: int, now_ms: int) -> str:
    """The platform order number of the message snapshot (``PO`` + Shanghai date + 6 digits of the id)."""
    import datetime as _dt

    day = _dt.datetime.fromtimestamp(now_ms / 1000, tz=_dt.timezone(_dt.timedelta(hours=8))).strftime("%Y%m%d")
    return f"PO{day}{order_id % 1_000_000:06d}"
