"""In-memory Taobao purchase orders, cart rows and after-sales' line totals (domain/taobao_orders/ports.py,
domain/taobao_cart/ports.py, domain/line_refunds.py)."""

from __future__ import annotations

import copy

from kuajing.domain.errors import ConcurrentUpdateError, DuplicateError
from kuajing.domain.line_refunds import LineTotal, Platform
from kuajing.domain.taobao_cart.model import CartItem
from kuajing.domain.taobao_orders.events import Event, PriceModified, ReceiverChanged, StateChanged
from kuajing.domain.taobao_orders.model import PurchaseOrder
from kuajing.domain.taobao_orders.ports import HistoryRow, OrderQuery
from tests.fakes.tables import Tables


def _stored(order: PurchaseOrder) -> PurchaseOrder:
    """The row as the store keeps it: events are not part of it (the service writes them as history)."""
    row = copy.deepcopy(order)
    row.events = []
    return row


def _history_row(order: PurchaseOrder, e: Event) -> HistoryRow:
    """The store's history row of an event."""
    if isinstance(e, StateChanged):
        sub_pk = order.subs[e.sub_index].id if e.sub_index is not None else None
        return HistoryRow(sub_pk, e.action, e.old.value if e.old else None, e.new.value, e.note, e.at_ms)
    state = order.state.value
    if isinstance(e, PriceModified):
        note = f"{e.old_unit_fen} -> {e.new_unit_fen} fen"
        return HistoryRow(order.subs[e.sub_index].id, "modify_price", state, state, note, e.at_ms)
    assert isinstance(e, ReceiverChanged)
    return HistoryRow(None, "modify_receiver", state, state, "", e.at_ms)


class FakePurchaseOrderRepository:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def add(self, order: PurchaseOrder) -> PurchaseOrder:
        key = (order.develop_id, order.outer_purchase_id, order.seller_id)
        taken = {(o.develop_id, o.outer_purchase_id, o.seller_id) for o in self._t.taobao_orders.values()}
        if order.outer_purchase_id is not None and key in taken:
            raise DuplicateError(
                f"purchase order {order.outer_purchase_id!r} already exists", field="sellerOrderNumber"
            )
        order.id, order.version = self._t.next_id("taobao_orders"), 1
        for sub in order.subs:
            sub.id = self._t.next_id("taobao_sub_orders")
        self._t.taobao_orders[order.id] = _stored(order)
        return order

    def get(self, develop_id: str, pk: int) -> PurchaseOrder | None:
        found = self._t.taobao_orders.get(pk)
        return copy.deepcopy(found) if found is not None and found.develop_id == develop_id else None

    def find_by_outer(self, develop_id: str, outer_purchase_id: str) -> list[PurchaseOrder]:
        return [
            copy.deepcopy(o)
            for _, o in sorted(self._t.taobao_orders.items())
            if (o.develop_id, o.outer_purchase_id) == (develop_id, outer_purchase_id)
        ]

    def find_by_sub(self, develop_id: str, sub_pk: int) -> PurchaseOrder | None:
        found = (o for o in self._t.taobao_orders.values() if any(s.id == sub_pk for s in o.subs))
        order = next(found, None)
        return self.get(develop_id, order.id) if order is not None else None

    def save(self, order: PurchaseOrder) -> None:
        stored = self._t.taobao_orders.get(order.id)
        if stored is None or stored.version != order.version:
            raise ConcurrentUpdateError(f"purchase order {order.purchase_order_id} was changed concurrently; retry")
        order.version += 1
        self._t.taobao_orders[order.id] = _stored(order)

    def add_history(self, order: PurchaseOrder, events: list[Event]) -> None:
        self._t.taobao_history.extend((order.id, _history_row(order, e)) for e in events)

    def history(self, pk: int) -> list[HistoryRow]:
        return [row for order_pk, row in self._t.taobao_history if order_pk == pk]

    def page(self, develop_id: str, query: OrderQuery) -> tuple[int, list[PurchaseOrder]]:
        def wanted(o: PurchaseOrder) -> bool:
            return (
                o.develop_id == develop_id
                and (not query.states or o.state in query.states)
                and (not query.outer_purchase_id or o.outer_purchase_id == query.outer_purchase_id)
                and (not query.purchase_pks or o.id in query.purchase_pks)
                and (query.modified_from_ms is None or o.updated_at_ms >= query.modified_from_ms)
                and (query.modified_to_ms is None or o.updated_at_ms <= query.modified_to_ms)
            )

        rows = [o for _, o in sorted(self._t.taobao_orders.items(), reverse=query.descending) if wanted(o)]
        start = (query.page_no - 1) * query.page_size
        return len(rows), [copy.deepcopy(o) for o in rows[start : start + query.page_size]]


class FakeTaobaoCartRepository:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def add_or_increase(self, item: CartItem) -> CartItem:
        same = (item.develop_id, item.user_id, item.sku_pk)
        row = next((r for r in self._t.cart_items.values() if (r.develop_id, r.user_id, r.sku_pk) == same), None)
        if row is None:
            row = copy.deepcopy(item)
            row.id, row.created_at_ms = self._t.next_id("cart_items"), item.updated_at_ms
            self._t.cart_items[row.id] = row
        else:
            row.quantity += item.quantity
            row.updated_at_ms = item.updated_at_ms
        return copy.deepcopy(row)

    def list_items(self, develop_id: str, user_id: str) -> list[CartItem]:
        rows = sorted(self._t.cart_items.items(), reverse=True)
        return [copy.deepcopy(r) for _, r in rows if (r.develop_id, r.user_id) == (develop_id, user_id)]

    def get_many(self, develop_id: str, user_id: str, ids: list[int]) -> list[CartItem]:
        rows = [self._t.cart_items[i] for i in sorted(set(ids)) if i in self._t.cart_items]
        return [copy.deepcopy(r) for r in rows if (r.develop_id, r.user_id) == (develop_id, user_id)]

    def delete(self, develop_id: str, user_id: str, ids: list[int]) -> int:
        gone = [r.id for r in self.get_many(develop_id, user_id, ids)]
        for i in gone:
            del self._t.cart_items[i]
        return len(gone)

    def set_quantity(self, develop_id: str, user_id: str, item_id: int, quantity: int, now_ms: int) -> bool:
        if not self.get_many(develop_id, user_id, [item_id]):
            return False
        row = self._t.cart_items[item_id]
        row.quantity, row.updated_at_ms = quantity, now_ms
        return True


class FakeLineRefunds:
    """After-sales' totals per order line, as a test sets them in ``Tables.line_totals``."""

    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def line_totals(self, platform: Platform, line_ids: list[str]) -> dict[str, LineTotal]:
        known = {line: self._t.line_totals.get((platform, line)) for line in line_ids}
        return {line: row[2] for line, row in known.items() if row is not None}

    def order_totals(self, platform: Platform, develop_id: str, order_id: str) -> dict[str, LineTotal]:
        return {
            line: total
            for (p, line), (d, o, total) in self._t.line_totals.items()
            if (p, d, o) == (platform, develop_id, order_id)
        }
