"""1688 orders and the 1688 cart on SQL. An order loads with its entries in two statements; a page of orders in
two statements too (no N+1)."""

from __future__ import annotations

import json
from typing import Any

from kuajing.domain.alibaba_orders.model import Address, AlibabaOrder, EntryStatus, OrderEntry, Shipment
from kuajing.domain.alibaba_orders.ports import CartRow, HistoryRow
from kuajing.domain.alibaba_orders.states import OrderStatus
from kuajing.domain.errors import ConcurrentUpdateError
from kuajing.store.db import Row, Tx


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class SqlAlibabaOrderRepository:
    def __init__(self, tx: Tx) -> None:
        self._tx = tx

    def add(self, order: AlibabaOrder) -> None:
        self._tx.execute(
            "INSERT INTO alibaba_orders (id, develop_id, user_id, seller_id, seller_open_id, seller_nick, order_no,"
            " status, flow, trade_type, message, address, currency, product_fen, carriage_fen, paid_fen, pay_time_ms,"
            " shipment, receive_time_ms, complete_time_ms, cancel_reason, close_reason, created_at_ms, updated_at_ms,"
            " version) VALUES (:id, :develop_id, :user_id, :seller_id, :seller_open_id, :seller_nick, :order_no,"
            " :status, :flow, :trade_type, :message, :address, :currency, :product_fen, :carriage_fen, :paid_fen,"
            " :pay_time_ms, :shipment, :receive_time_ms, :complete_time_ms, :cancel_reason, :close_reason,"
            " :created_at_ms, :updated_at_ms, 1)",
            _order_row(order),
        )
        order.version = 1
        self._tx.execute_many(
            "INSERT INTO alibaba_order_entries (id, order_id, position, product_id, sku_pk, offer_id, spec_id, sku_id,"
            " title, image, unit, sku_text, quantity, unit_price_fen, status) VALUES (:id, :order_id, :position,"
            " :product_id, :sku_pk, :offer_id, :spec_id, :sku_id, :title, :image, :unit, :sku_text, :quantity,"
            " :unit_price_fen, :status)",
            [_entry_row(order.id, i, e) for i, e in enumerate(order.entries)],
        )
        self._history(order.id, "", order.status.value, "create", "", order.created_at_ms)
        self._write_changes(order)

    def get(self, develop_id: str, order_id: int, *, lock: bool = False) -> AlibabaOrder | None:
        suffix = " FOR UPDATE" if lock and self._tx.dialect == "postgresql" else ""
        row = self._tx.one(
            f"SELECT * FROM alibaba_orders WHERE id = :id AND develop_id = :d{suffix}",
            {"id": order_id, "d": develop_id},
        )
        if row is None:
            return None
        return self._with_entries([row])[0]

    def save(self, order: AlibabaOrder) -> None:
        changed = self._tx.execute(
            "UPDATE alibaba_orders SET status = :status, message = :message, address = :address,"
            " product_fen = :product_fen, carriage_fen = :carriage_fen, paid_fen = :paid_fen,"
            " pay_time_ms = :pay_time_ms, shipment = :shipment, receive_time_ms = :receive_time_ms,"
            " complete_time_ms = :complete_time_ms, cancel_reason = :cancel_reason, close_reason = :close_reason,"
            " updated_at_ms = :updated_at_ms, version = version + 1 WHERE id = :id AND version = :version",
            {**_order_row(order), "version": order.version},
        )
        if changed != 1:
            raise ConcurrentUpdateError(f"order {order.id} was changed concurrently")
        order.version += 1
        self._tx.execute_many(
            "UPDATE alibaba_order_entries SET status = :status WHERE id = :id",
            [{"id": e.id, "status": e.status.value} for e in order.entries],
        )
        self._write_changes(order)

    def _write_changes(self, order: AlibabaOrder) -> None:
        for c in order.changes:
            self._history(order.id, c.from_status.value, c.to_status.value, c.action.value, c.detail, c.at_ms)
        order.changes.clear()

    def _history(self, order_id: int, old: str, new: str, action: str, detail: str, at_ms: int) -> None:
        self._tx.execute(
            "INSERT INTO alibaba_order_history (order_id, from_status, to_status, action, detail, at_ms)"
            " VALUES (:o, :f, :t, :a, :d, :at)",
            {"o": order_id, "f": old, "t": new, "a": action, "d": detail, "at": at_ms},
        )

    def page(
        self,
        develop_id: str,
        *,
        status: OrderStatus | None,
        start_ms: int | None,
        end_ms: int | None,
        offset: int,
        limit: int,
    ) -> tuple[list[AlibabaOrder], int]:
        where = ["develop_id = :d"]
        params: dict[str, Any] = {"d": develop_id, "limit": limit, "offset": offset}
        if status is not None:
            where.append("status = :s")
            params["s"] = status.value
        if start_ms is not None:
            where.append("created_at_ms >= :start")
            params["start"] = start_ms
        if end_ms is not None:
            where.append("created_at_ms <= :end")
            params["end"] = end_ms
        cond = " AND ".join(where)
        total = int(self._tx.scalar(f"SELECT COUNT(*) AS n FROM alibaba_orders WHERE {cond}", params))
        rows = self._tx.all(
            f"SELECT * FROM alibaba_orders WHERE {cond} ORDER BY created_at_ms DESC, id DESC LIMIT :limit OFFSET :offset",
            params,
        )
        return self._with_entries(rows), total

    def _with_entries(self, rows: list[Row]) -> list[AlibabaOrder]:
        if not rows:
            return []
        ids = {f"o{i}": r["id"] for i, r in enumerate(rows)}
        entry_rows = self._tx.all(
            f"SELECT * FROM alibaba_order_entries WHERE order_id IN ({', '.join(':' + k for k in ids)})"
            " ORDER BY order_id, position",
            ids,
        )
        by_order: dict[int, list[OrderEntry]] = {}
        for e in entry_rows:
            by_order.setdefault(e["order_id"], []).append(_entry(e))
        return [_order(r, by_order.get(r["id"], [])) for r in rows]

    def history(self, order_id: int) -> list[HistoryRow]:
        rows = self._tx.all("SELECT * FROM alibaba_order_history WHERE order_id = :o ORDER BY id", {"o": order_id})
        return [
            HistoryRow(r["order_id"], r["from_status"], r["to_status"], r["action"], r["at_ms"], r["detail"])
            for r in rows
        ]

    # previews --------------------------------------------------------------------------------------------------
    def record_preview(self, *, develop_id: str, key: str, quote: dict[str, Any], now_ms: int) -> None:
        self._tx.execute(
            "INSERT INTO alibaba_previews (develop_id, key, quote, at_ms) VALUES (:d, :k, :q, :at)"
            " ON CONFLICT (develop_id, key) DO UPDATE SET quote = excluded.quote, at_ms = excluded.at_ms",
            {"d": develop_id, "k": key, "q": _j(quote), "at": now_ms},
        )

    def find_preview(self, *, develop_id: str, key: str) -> tuple[dict[str, Any], int] | None:
        row = self._tx.one(
            "SELECT quote, at_ms FROM alibaba_previews WHERE develop_id = :d AND key = :k", {"d": develop_id, "k": key}
        )
        return (json.loads(row["quote"]), int(row["at_ms"])) if row else None

    # cashier tokens --------------------------------------------------------------------------------------------
    def add_pay_token(
        self, *, token: str, develop_id: str, order_ids: list[int], now_ms: int, expires_at_ms: int
    ) -> None:
        self._tx.execute(
            "INSERT INTO alibaba_pay_tokens (token, develop_id, order_ids, created_at_ms, expires_at_ms)"
            " VALUES (:t, :d, :o, :now, :exp)",
            {"t": token, "d": develop_id, "o": _j([str(i) for i in order_ids]), "now": now_ms, "exp": expires_at_ms},
        )

    def peek_pay_token(self, token: str, *, now_ms: int) -> tuple[str, list[int]] | None:
        row = self._tx.one(
            "SELECT develop_id, order_ids FROM alibaba_pay_tokens WHERE token = :t AND used_at_ms IS NULL"
            " AND expires_at_ms > :now",
            {"t": token, "now": now_ms},
        )
        return (row["develop_id"], [int(i) for i in json.loads(row["order_ids"])]) if row else None

    def pay_token_owner(self, token: str) -> str | None:
        value = self._tx.scalar("SELECT develop_id FROM alibaba_pay_tokens WHERE token = :t", {"t": token})
        return str(value) if value is not None else None

    def use_pay_token(self, token: str, *, now_ms: int) -> bool:
        return (
            self._tx.execute(
                "UPDATE alibaba_pay_tokens SET used_at_ms = :now WHERE token = :t AND used_at_ms IS NULL"
                " AND expires_at_ms > :now",
                {"t": token, "now": now_ms},
            )
            == 1
        )

    # settings --------------------------------------------------------------------------------------------------
    def protocol_pay_enabled(self, develop_id: str) -> bool:
        value = self._tx.scalar(
            "SELECT protocol_pay FROM alibaba_buyer_settings WHERE develop_id = :d", {"d": develop_id}
        )
        return True if value is None else bool(value)

    def set_protocol_pay(self, develop_id: str, enabled: bool, *, now_ms: int) -> None:
        self._tx.execute(
            "INSERT INTO alibaba_buyer_settings (develop_id, protocol_pay, updated_at_ms) VALUES (:d, :e, :at)"
            " ON CONFLICT (develop_id) DO UPDATE SET protocol_pay = excluded.protocol_pay,"
            " updated_at_ms = excluded.updated_at_ms",
            {"d": develop_id, "e": enabled, "at": now_ms},
        )


class SqlAlibabaCartRepository:
    def __init__(self, tx: Tx) -> None:
        self._tx = tx

    def add_or_increment(
        self, *, develop_id: str, user_id: str, product_id: int, sku_pk: int, quantity: int, now_ms: int
    ) -> int:
        row = self._tx.one(
            "INSERT INTO alibaba_cart_items (develop_id, user_id, product_id, sku_pk, quantity, created_at_ms,"
            " updated_at_ms) VALUES (:d, :u, :p, :s, :q, :now, :now) ON CONFLICT (develop_id, user_id, sku_pk)"
            " DO UPDATE SET quantity = alibaba_cart_items.quantity + excluded.quantity,"
            " updated_at_ms = excluded.updated_at_ms RETURNING id",
            {"d": develop_id, "u": user_id, "p": product_id, "s": sku_pk, "q": quantity, "now": now_ms},
        )
        assert row is not None
        return int(row["id"])

    def items(self, develop_id: str, user_id: str) -> list[CartRow]:
        rows = self._tx.all(
            "SELECT * FROM alibaba_cart_items WHERE develop_id = :d AND user_id = :u ORDER BY id",
            {"d": develop_id, "u": user_id},
        )
        return [_cart(r) for r in rows]

    def get_many(self, develop_id: str, user_id: str, ids: list[int]) -> list[CartRow]:
        if not ids:
            return []
        named = {f"i{n}": v for n, v in enumerate(ids)}
        rows = self._tx.all(
            "SELECT * FROM alibaba_cart_items WHERE develop_id = :d AND user_id = :u"
            f" AND id IN ({', '.join(':' + k for k in named)}) ORDER BY id",
            {"d": develop_id, "u": user_id, **named},
        )
        return [_cart(r) for r in rows]

    def set_quantity(self, *, develop_id: str, user_id: str, cart_id: int, quantity: int, now_ms: int) -> bool:
        return (
            self._tx.execute(
                "UPDATE alibaba_cart_items SET quantity = :q, updated_at_ms = :now"
                " WHERE id = :id AND develop_id = :d AND user_id = :u",
                {"q": quantity, "now": now_ms, "id": cart_id, "d": develop_id, "u": user_id},
            )
            == 1
        )

    def delete(self, develop_id: str, user_id: str, ids: list[int]) -> int:
        if not ids:
            return 0
        named = {f"i{n}": v for n, v in enumerate(ids)}
        return self._tx.execute(
            "DELETE FROM alibaba_cart_items WHERE develop_id = :d AND user_id = :u"
            f" AND id IN ({', '.join(':' + k for k in named)})",
            {"d": develop_id, "u": user_id, **named},
        )


def _order_row(o: AlibabaOrder) -> dict[str, Any]:
    s = o.shipment
    shipment = (
        _j({"companyNo": s.company_no, "companyName": s.company_name, "billNo": s.bill_no,
            "logisticsId": s.logistics_id, "shippedAt": s.shipped_at_ms})
        if s else None
    )  # fmt: skip
    return {
        "id": o.id, "develop_id": o.develop_id, "user_id": o.user_id, "seller_id": o.seller_id,
        "seller_open_id": o.seller_open_id, "seller_nick": o.seller_nick, "order_no": o.order_no,
        "status": o.status.value, "flow": o.flow, "trade_type": o.trade_type, "message": o.message,
        "address": _address_column(o.address), "currency": o.currency, "product_fen": o.product_fen,
        "carriage_fen": o.carriage_fen, "paid_fen": o.paid_fen, "pay_time_ms": o.pay_time_ms, "shipment": shipment,
        "receive_time_ms": o.receive_time_ms, "complete_time_ms": o.complete_time_ms,
        "cancel_reason": o.cancel_reason, "close_reason": o.close_reason, "created_at_ms": o.created_at_ms,
        "updated_at_ms": o.updated_at_ms,
    }  # fmt: skip


#: the address column's keys (``addressParam``'s, as the column has always held them), each with its Address field
_ADDRESS_KEYS = (
    ("fullName", "full_name"), ("mobile", "mobile"), ("phone", "phone"), ("postCode", "post_code"),
    ("provinceText", "province_text"), ("cityText", "city_text"), ("areaText", "area_text"),
    ("townText", "town_text"), ("address", "address"), ("districtCode", "district_code"),
)  # fmt: skip


def _address_column(a: Address | None) -> str:
    """The order's address as the column's JSON object (``{}`` for an order created without one)."""
    return _j({key: getattr(a, field) for key, field in _ADDRESS_KEYS} if a is not None else {})


def _address(column: dict[str, Any]) -> Address | None:
    if not column:
        return None
    return Address(**{field: str(column.get(key, "")) for key, field in _ADDRESS_KEYS})


def _order(r: Row, entries: list[OrderEntry]) -> AlibabaOrder:
    shipment = None
    if r["shipment"]:
        s = json.loads(r["shipment"])
        shipment = Shipment(s["companyNo"], s["companyName"], s["billNo"], s["logisticsId"], s["shippedAt"])
    return AlibabaOrder(
        id=r["id"], develop_id=r["develop_id"], user_id=r["user_id"], seller_id=r["seller_id"],
        seller_open_id=r["seller_open_id"], seller_nick=r["seller_nick"], order_no=r["order_no"],
        flow=r["flow"], trade_type=r["trade_type"], message=r["message"], address=_address(json.loads(r["address"])),
        entries=entries, carriage_fen=r["carriage_fen"], product_fen=r["product_fen"],
        created_at_ms=r["created_at_ms"], status=OrderStatus(r["status"]), currency=r["currency"],
        paid_fen=r["paid_fen"], pay_time_ms=r["pay_time_ms"], shipment=shipment,
        receive_time_ms=r["receive_time_ms"], complete_time_ms=r["complete_time_ms"],
        cancel_reason=r["cancel_reason"], close_reason=r["close_reason"], updated_at_ms=r["updated_at_ms"],
        version=r["version"],
    )  # fmt: skip


def _entry_row(order_id: int, position: int, e: OrderEntry) -> dict[str, Any]:
    return {
        "id": e.id, "order_id": order_id, "position": position, "product_id": e.product_id, "sku_pk": e.sku_pk,
        "offer_id": e.offer_id, "spec_id": e.spec_id, "sku_id": e.sku_id, "title": e.title, "image": e.image,
        "unit": e.unit, "sku_text": e.sku_text, "quantity": e.quantity, "unit_price_fen": e.unit_price_fen,
        "status": e.status.value,
    }  # fmt: skip


def _entry(r: Row) -> OrderEntry:
    return OrderEntry(
        id=r["id"], product_id=r["product_id"], sku_pk=r["sku_pk"], offer_id=r["offer_id"], spec_id=r["spec_id"],
        sku_id=r["sku_id"], title=r["title"], image=r["image"], unit=r["unit"], quantity=r["quantity"],
        unit_price_fen=r["unit_price_fen"], sku_text=r["sku_text"], status=EntryStatus(r["status"]),
    )  # fmt: skip


def _cart(r: Row) -> CartRow:
    return CartRow(
        r["id"],
        r["develop_id"],
        r["user_id"],
        r["product_id"],
        r["sku_pk"],
        r["quantity"],
        r["created_at_ms"],
        r["updated_at_ms"],
    )
