"""The rows of an in-memory database: what a fake unit of work reads, changes, commits or throws away."""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field

from kuajing.domain.accounts.model import AccessKey, Address, Developer, LedgerEntry, SubAccount
from kuajing.domain.catalog.model import Category, Product, Seller
from kuajing.domain.line_refunds import LineTotal
from kuajing.domain.line_refunds import Platform as LinePlatform
from kuajing.domain.messages import OutgoingMessage
from kuajing.domain.taobao_cart.model import CartItem
from kuajing.domain.taobao_orders.model import PurchaseOrder
from kuajing.domain.taobao_orders.ports import HistoryRow
from kuajing.domain.warehouse.model import Channel, Parcel, Shipment, StateChange


@dataclass(frozen=True, slots=True)
class Timer:
    """A pending timer, as ``Transaction.schedule`` sets it."""

    develop_id: str
    kind: str
    ref: str
    due_at_ms: int


@dataclass(frozen=True, slots=True)
class Published:
    """A message written to the outbox, with the id ``Transaction.publish`` answered."""

    message_id: str
    message: OutgoingMessage


@dataclass(slots=True)
class Reservation:
    """Stock an owner (a sub-order's ``tb-line:<id>``) holds: ``active`` until released or consumed."""

    sku_pk: int
    owner: str
    quantity: int
    state: str = "active"


@dataclass(frozen=True, slots=True)
class Embedding:
    id: int
    product_id: int
    model: str
    dim: int
    vector: bytes


@dataclass
class Tables:
    # accounts
    developers: dict[str, Developer] = field(default_factory=dict)
    keys: dict[str, AccessKey] = field(default_factory=dict)
    sub_accounts: dict[str, SubAccount] = field(default_factory=dict)
    addresses: dict[int, Address] = field(default_factory=dict)
    balances: dict[tuple[str, str], int] = field(default_factory=dict)  # (develop_id, currency) -> fen
    ledger: list[LedgerEntry] = field(default_factory=list)
    # platform
    nonces: dict[tuple[str, str], int] = field(default_factory=dict)  # (access_key, nonce) -> expires_at_ms
    materials: dict[tuple[str, str], int] = field(default_factory=dict)  # (access_key, material) -> expires_at_ms
    buckets: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> (milli-tokens, updated_at_ms)
    clock_offsets: dict[str, int] = field(default_factory=dict)
    gateway_version: int = 1
    # catalog
    categories: dict[int, Category] = field(default_factory=dict)
    sellers: dict[int, Seller] = field(default_factory=dict)
    products: dict[int, Product] = field(default_factory=dict)  # with their SKUs; stock moves by reservation only
    reservations: list[Reservation] = field(default_factory=list)
    embeddings: list[Embedding] = field(default_factory=list)
    # Taobao orders and cart; after-sales' totals per (platform, line id, develop_id, order id)
    taobao_orders: dict[int, PurchaseOrder] = field(default_factory=dict)
    taobao_history: list[tuple[int, HistoryRow]] = field(default_factory=list)  # (order pk, row)
    cart_items: dict[int, CartItem] = field(default_factory=dict)
    line_totals: dict[tuple[LinePlatform, str], tuple[str, str, LineTotal]] = field(default_factory=dict)
    # warehouse
    channels: dict[str, Channel] = field(default_factory=dict)
    parcels: dict[int, Parcel] = field(default_factory=dict)
    shipments: dict[int, Shipment] = field(default_factory=dict)
    history: list[tuple[str, int, StateChange]] = field(default_factory=list)  # (aggregate type, id, change)
    # the transaction's own
    outbox: list[Published] = field(default_factory=list)
    timers: list[Timer] = field(default_factory=list)
    last_ids: dict[str, int] = field(default_factory=dict)

    def next_id(self, table: str) -> int:
        """The table's next id, counted from 1 as a database sequence does."""
        self.last_ids[table] = self.last_ids.get(table, 0) + 1
        return self.last_ids[table]

    def copy(self) -> Tables:
        return copy.deepcopy(self)

    def restore(self, saved: Tables) -> None:
        """Become ``saved`` again, in place: the repositories holding this object see the restored rows."""
        for f in dataclasses.fields(self):
            setattr(self, f.name, copy.deepcopy(getattr(saved, f.name)))
