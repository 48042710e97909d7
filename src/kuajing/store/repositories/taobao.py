"""Taobao cart and purchase orders on SQL. An order loads with its sub-orders in two statements; a page of orders
in two statements too (no N+1)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from kuajing.domain.aftersales.model import refund_id
from kuajing.domain.aftersales.states import TAOBAO_CODE, RefundState
from kuajing.domain.catalog.model import SkuProperty
from kuajing.domain.errors import ConcurrentUpdateError, DuplicateError
from kuajing.domain.line_refunds import Platform as AftersalesPlatform
from kuajing.domain.taobao_cart.model import CartItem
from kuajing.domain.taobao_orders.events import Event, PriceModified, ReceiverChanged, StateChanged
from kuajing.domain.taobao_orders.model import PurchaseOrder, Receiver, SubOrder, purchase_order_id
from kuajing.domain.taobao_orders.ports import HistoryRow, OrderQuery
from kuajing.domain.taobao_orders.states import OrderState
from kuajing.store.db import IntegrityError, Row, Tx


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_ORDER_COLS = (
    "develop_id, user_id, seller_id, supplier_nick, outer_purchase_id, order_source, receiver, currency, state,"
    " post_fee_fen, budget_fen, paid_fen, refunded_fen, pay_method, voucher_url, voucher_note, close_reason,"
    " paid_at_ms, next_close_at_ms, created_at_ms, updated_at_ms"
)
_SUB_COLS = (
    "order_pk, position, product_id, sku_pk, item_id, sku_id, mp_id, mp_sku_id, order_line_no, title, sku_desc,"
    " sku_props, image,"
    " remark, quantity, unit_price_fen, state, close_reason, carrier_code, carrier_name, tracking_number, paid_at_ms,"
    " shipped_at_ms, confirmed_at_ms, closed_at_ms"
)


def _values(cols: str) -> str:
    return ", ".join(":" + c.strip() for c in cols.split(","))


def _sets(cols: str, skip: tuple[str, ...]) -> str:
    return ", ".join(f"{c} = :{c}" for c in (c.strip() for c in cols.split(",")) if c not in skip)


_INSERT_ORDER = (
    f"INSERT INTO taobao_purchase_orders ({_ORDER_COLS}, version) VALUES ({_values(_ORDER_COLS)}, 1) RETURNING id"
)
_INSERT_SUB = f"INSERT INTO taobao_sub_orders ({_SUB_COLS}) VALUES ({_values(_SUB_COLS)}) RETURNING id"
_UPDATE_ORDER = (
    f"UPDATE taobao_purchase_orders SET {_sets(_ORDER_COLS, ('develop_id', 'created_at_ms'))}, version = version + 1"
    " WHERE id = :id AND version = :version"
)
_UPDATE_SUB = f"UPDATE taobao_sub_orders SET {_sets(_SUB_COLS, ('order_pk', 'position'))} WHERE id = :id"


class SqlPurchaseOrderRepository:
    def __init__(self, tx: Tx) -> None:
        self._tx = tx

    def add(self, order: PurchaseOrder) -> PurchaseOrder:
        try:
            with self._tx.savepoint():
                row = self._tx.one(_INSERT_ORDER, _order_row(order))
        except IntegrityError as exc:
            raise DuplicateError(f"purchase order {order.outer_purchase_id!r} already exists",
                                 field="sellerOrderNumber") from exc  # fmt: skip
        assert row is not None
        order.id, order.version = row["id"], 1
        for position, sub in enumerate(order.subs):
            sub_row = self._tx.one(_INSERT_SUB, _sub_row(order.id, position, sub))
            assert sub_row is not None
            sub.id = sub_row["id"]
        return order

    def get(self, develop_id: str, pk: int) -> PurchaseOrder | None:
        # PostgreSQL: a write locks the order row for the transaction, so a cancel and an after-sales request (which
        # both load the order first) take turns instead of both acting on the line under READ COMMITTED; a read
        # locks nothing. SQLite's write transactions are already serialised (BEGIN IMMEDIATE).
        lock = " FOR UPDATE" if self._tx.dialect == "postgresql" and self._tx.writable else ""
        row = self._tx.one(f"SELECT * FROM taobao_purchase_orders WHERE id = :id AND develop_id = :d{lock}",
                           {"id": pk, "d": develop_id})  # fmt: skip
        return self._load([row])[0] if row else None

    def find_by_outer(self, develop_id: str, outer_purchase_id: str) -> list[PurchaseOrder]:
        rows = self._tx.all(
            "SELECT * FROM taobao_purchase_orders WHERE develop_id = :d AND outer_purchase_id = :o ORDER BY id",
            {"d": develop_id, "o": outer_purchase_id},
        )
        return self._load(rows)

    def find_by_sub(self, develop_id: str, sub_pk: int) -> PurchaseOrder | None:
        pk = self._tx.scalar("SELECT order_pk FROM taobao_sub_orders WHERE id = :id", {"id": sub_pk})
        return self.get(develop_id, int(pk)) if pk is not None else None

    def save(self, order: PurchaseOrder) -> None:
        changed = self._tx.execute(_UPDATE_ORDER, {**_order_row(order), "id": order.id, "version": order.version})
        if changed != 1:
            raise ConcurrentUpdateError(f"purchase order {order.purchase_order_id} was changed concurrently; retry")
        order.version += 1
        for position, sub in enumerate(order.subs):
            self._tx.execute(_UPDATE_SUB, {**_sub_row(order.id, position, sub), "id": sub.id})

    def add_history(self, order: PurchaseOrder, events: list[Event]) -> None:
        rows: list[Mapping[str, Any]] = [_history_row(order, e) for e in events]
        self._tx.execute_many(
            "INSERT INTO taobao_order_history (order_pk, sub_pk, action, old_state, new_state, note, at_ms)"
            " VALUES (:order_pk, :sub_pk, :action, :old_state, :new_state, :note, :at_ms)",
            rows,
        )

    def history(self, pk: int) -> list[HistoryRow]:
        rows = self._tx.all("SELECT * FROM taobao_order_history WHERE order_pk = :p ORDER BY id", {"p": pk})
        return [HistoryRow(r["sub_pk"], r["action"], r["old_state"], r["new_state"], r["note"], r["at_ms"])
                for r in rows]  # fmt: skip

    def page(self, develop_id: str, query: OrderQuery) -> tuple[int, list[PurchaseOrder]]:
        where = ["develop_id = :d"]
        params: dict[str, Any] = {"d": develop_id}
        if query.states:
            names = [f"s{i}" for i in range(len(query.states))]
            where.append(f"state IN ({', '.join(':' + n for n in names)})")
            params.update({n: s.value for n, s in zip(names, query.states, strict=True)})
        if query.outer_purchase_id:
            where.append("outer_purchase_id = :o")
            params["o"] = query.outer_purchase_id
        if query.purchase_pks:
            names = [f"p{i}" for i in range(len(query.purchase_pks))]
            where.append(f"id IN ({', '.join(':' + n for n in names)})")
            params.update(dict(zip(names, query.purchase_pks, strict=True)))
        if query.modified_from_ms is not None:
            where.append("updated_at_ms >= :mfrom")
            params["mfrom"] = query.modified_from_ms
        if query.modified_to_ms is not None:
            where.append("updated_at_ms <= :mto")
            params["mto"] = query.modified_to_ms
        clause = " AND ".join(where)
        total = int(self._tx.scalar(f"SELECT COUNT(*) AS n FROM taobao_purchase_orders WHERE {clause}", params))
        order_by = "DESC" if query.descending else "ASC"
        rows = self._tx.all(
            f"SELECT * FROM taobao_purchase_orders WHERE {clause} ORDER BY id {order_by} LIMIT :lim OFFSET :off",
            {**params, "lim": query.page_size, "off": (query.page_no - 1) * query.page_size},
        )
        return total, self._load(rows)

    def _load(self, rows: list[Row]) -> list[PurchaseOrder]:
        if not rows:
            return []
        names = [f"o{i}" for i in range(len(rows))]
        sub_rows = self._tx.all(
            f"SELECT * FROM taobao_sub_orders WHERE order_pk IN ({', '.join(':' + n for n in names)})"
            " ORDER BY order_pk, position",
            {n: r["id"] for n, r in zip(names, rows, strict=True)},
        )
        by_order: dict[int, list[SubOrder]] = {}
        for r in sub_rows:
            by_order.setdefault(r["order_pk"], []).append(_sub(r))
        self._load_refunds(rows, by_order)
        return [_order(r, by_order.get(r["id"], [])) for r in rows]

    def _load_refunds(self, rows: list[Row], by_order: dict[int, list[SubOrder]]) -> None:
        """Each sub-order's latest reverse order (``refundId``, ``refundStatus`` of the order views)."""
        ids = {f"p{i}": str(purchase_order_id(r["id"])) for i, r in enumerate(rows)}
        refunds = self._tx.all(
            "SELECT id, first_line_id, state FROM aftersales_refunds WHERE platform = :platform"
            f" AND order_id IN ({', '.join(':' + n for n in ids)}) ORDER BY id",
            {"platform": AftersalesPlatform.TAOBAO.value, **ids},
        )
        latest = {r["first_line_id"]: r for r in refunds}
        for subs in by_order.values():
            for sub in subs:
                found = latest.get(str(sub.sub_purchase_order_id))
                if found is not None:
                    sub.refund_id = refund_id(AftersalesPlatform.TAOBAO, found["id"])
                    sub.refund_status = TAOBAO_CODE[RefundState(found["state"])]


def _order_row(o: PurchaseOrder) -> dict[str, Any]:
    return {
        "develop_id": o.develop_id, "user_id": o.user_id, "seller_id": o.seller_id, "supplier_nick": o.supplier_nick,
        "outer_purchase_id": o.outer_purchase_id, "order_source": o.order_source, "receiver": _j(asdict(o.receiver)),
        "currency": o.currency, "state": o.state.value, "post_fee_fen": o.post_fee_fen, "budget_fen": o.budget_fen,
        "paid_fen": o.paid_fen, "refunded_fen": o.refunded_fen, "pay_method": o.pay_method,
        "voucher_url": o.voucher_url, "voucher_note": o.voucher_note, "close_reason": o.close_reason,
        "paid_at_ms": o.paid_at_ms, "next_close_at_ms": o.next_close_at_ms, "created_at_ms": o.created_at_ms,
        "updated_at_ms": o.updated_at_ms,
    }  # fmt: skip


def _order(r: Row, subs: list[SubOrder]) -> PurchaseOrder:
    return PurchaseOrder(
        develop_id=r["develop_id"], user_id=r["user_id"], seller_id=r["seller_id"], supplier_nick=r["supplier_nick"],
        receiver=Receiver(**json.loads(r["receiver"])), subs=subs, outer_purchase_id=r["outer_purchase_id"],
        order_source=r["order_source"], currency=r["currency"], post_fee_fen=r["post_fee_fen"],
        budget_fen=r["budget_fen"], state=OrderState(r["state"]), paid_fen=r["paid_fen"],
        refunded_fen=r["refunded_fen"], pay_method=r["pay_method"], voucher_url=r["voucher_url"],
        voucher_note=r["voucher_note"], close_reason=r["close_reason"], paid_at_ms=r["paid_at_ms"],
        next_close_at_ms=r["next_close_at_ms"], created_at_ms=r["created_at_ms"], updated_at_ms=r["updated_at_ms"],
        version=r["version"], id=r["id"],
    )  # fmt: skip


def _sub_row(order_pk: int, position: int, s: SubOrder) -> dict[str, Any]:
    return {
        "order_pk": order_pk, "position": position, "product_id": s.product_id, "sku_pk": s.sku_pk,
        "item_id": s.item_id, "sku_id": s.sku_id, "mp_id": s.mp_id, "mp_sku_id": s.mp_sku_id,
        "order_line_no": s.order_line_no, "title": s.title, "sku_desc": _j(s.sku_desc),
        "sku_props": _j([[p.prop_id, p.prop_names, p.value_id, p.value_names] for p in s.sku_properties]),
        "image": s.image,
        "remark": s.remark, "quantity": s.quantity, "unit_price_fen": s.unit_price_fen, "state": s.state.value,
        "close_reason": s.close_reason, "carrier_code": s.carrier_code, "carrier_name": s.carrier_name,
        "tracking_number": s.tracking_number, "paid_at_ms": s.paid_at_ms, "shipped_at_ms": s.shipped_at_ms,
        "confirmed_at_ms": s.confirmed_at_ms, "closed_at_ms": s.closed_at_ms,
    }  # fmt: skip


def _sub(r: Row) -> SubOrder:
    return SubOrder(
        product_id=r["product_id"], sku_pk=r["sku_pk"], item_id=r["item_id"], sku_id=r["sku_id"],
        quantity=r["quantity"], unit_price_fen=r["unit_price_fen"], title=r["title"], mp_id=r["mp_id"],
        mp_sku_id=r["mp_sku_id"], order_line_no=r["order_line_no"], sku_desc=json.loads(r["sku_desc"]),
        sku_properties=[SkuProperty(a, b, c, d) for a, b, c, d in json.loads(r["sku_props"])], image=r["image"], remark=r["remark"], state=OrderState(r["state"]), close_reason=r["close_reason"],
        carrier_code=r["carrier_code"], carrier_name=r["carrier_name"], tracking_number=r["tracking_number"],
        paid_at_ms=r["paid_at_ms"], shipped_at_ms=r["shipped_at_ms"], confirmed_at_ms=r["confirmed_at_ms"],
        closed_at_ms=r["closed_at_ms"], id=r["id"],
    )  # fmt: skip


def _history_row(order: PurchaseOrder, e: Event) -> dict[str, Any]:
    base = {"order_pk": order.id, "sub_pk": None, "note": "", "at_ms": e.at_ms}
    if isinstance(e, StateChanged):
        sub_pk = order.subs[e.sub_index].id if e.sub_index is not None else None
        return {**base, "sub_pk": sub_pk, "action": e.action, "old_state": e.old.value if e.old else None,
                "new_state": e.new.value, "note": e.note}  # fmt: skip
    if isinstance(e, PriceModified):
        return {**base, "sub_pk": order.subs[e.sub_index].id, "action": "modify_price", "old_state": order.state.value,
                "new_state": order.state.value, "note": f"{e.old_unit_fen} -> {e.new_unit_fen} fen"}  # fmt: skip
    assert isinstance(e, ReceiverChanged)
    return {**base, "action": "modify_receiver", "old_state": order.state.value, "new_state": order.state.value}


class SqlTaobaoCartRepository:
    def __init__(self, tx: Tx) -> None:
        self._tx = tx

    def add_or_increase(self, item: CartItem) -> CartItem:
        row = self._tx.one(
            "INSERT INTO taobao_cart_items (develop_id, user_id, product_id, sku_pk, quantity, added_price_fen,"
            " created_at_ms, updated_at_ms) VALUES (:d, :u, :p, :s, :q, :price, :now, :now)"
            " ON CONFLICT (develop_id, user_id, sku_pk) DO UPDATE SET quantity = taobao_cart_items.quantity + :q,"
            " updated_at_ms = :now RETURNING *",
            {"d": item.develop_id, "u": item.user_id, "p": item.product_id, "s": item.sku_pk, "q": item.quantity,
             "price": item.added_price_fen, "now": item.updated_at_ms},
        )  # fmt: skip
        assert row is not None
        return _cart(row)

    def list_items(self, develop_id: str, user_id: str) -> list[CartItem]:
        rows = self._tx.all(
            "SELECT * FROM taobao_cart_items WHERE develop_id = :d AND user_id = :u ORDER BY id DESC",
            {"d": develop_id, "u": user_id},
        )
        return [_cart(r) for r in rows]

    def get_many(self, develop_id: str, user_id: str, ids: list[int]) -> list[CartItem]:
        if not ids:
            return []
        names = [f"i{n}" for n in range(len(ids))]
        rows = self._tx.all(
            f"SELECT * FROM taobao_cart_items WHERE develop_id = :d AND user_id = :u"
            f" AND id IN ({', '.join(':' + n for n in names)}) ORDER BY id",
            {"d": develop_id, "u": user_id, **dict(zip(names, ids, strict=True))},
        )
        return [_cart(r) for r in rows]

    def delete(self, develop_id: str, user_id: str, ids: list[int]) -> int:
        if not ids:
            return 0
        names = [f"i{n}" for n in range(len(ids))]
        return self._tx.execute(
            f"DELETE FROM taobao_cart_items WHERE develop_id = :d AND user_id = :u"
            f" AND id IN ({', '.join(':' + n for n in names)})",
            {"d": develop_id, "u": user_id, **dict(zip(names, ids, strict=True))},
        )

    def set_quantity(self, develop_id: str, user_id: str, item_id: int, quantity: int, now_ms: int) -> bool:
        return (
            self._tx.execute(
                "UPDATE taobao_cart_items SET quantity = :q, updated_at_ms = :now"
                " WHERE id = :id AND develop_id = :d AND user_id = :u",
                {"q": quantity, "now": now_ms, "id": item_id, "d": develop_id, "u": user_id},
            )
            == 1
        )


def _cart(r: Row) -> CartItem:
    return CartItem(r["develop_id"], r["user_id"], r["product_id"], r["sku_pk"], r["quantity"], r["added_price_fen"],
                    r["created_at_ms"], r["updated_at_ms"], r["id"])  # fmt: skip
