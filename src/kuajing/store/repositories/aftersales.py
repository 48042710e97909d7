"""Refunds of both platforms on SQL (and their uploaded vouchers), with per-line totals that hold the two money rules in the schema:
``refunded_fen <= paid_fen`` (a CHECK constraint) and one open refund per line (``open_refund_pk``, claimed with a
conditional UPDATE, so two concurrent requests cannot both win)."""

from __future__ import annotations

import json
from typing import Any

from kuajing.domain.aftersales.model import Refund, RefundLine, StateChange, TimeoutType
from kuajing.domain.aftersales.ports import HistoryRow, RefundNote, RefundQuery
from kuajing.domain.aftersales.states import RefundState
from kuajing.domain.errors import BusinessRefusalError, ConcurrentUpdateError
from kuajing.domain.line_refunds import LineTotal, Platform
from kuajing.protocol.codes import Code
from kuajing.store.db import IntegrityError, Row, Tx

_COLUMNS = (
    "platform", "develop_id", "user_id", "order_id", "state", "needs_return", "goods_status", "reason_id",
    "reason_desc", "description", "images", "lines", "first_line_id", "goods_fen", "carriage_fen", "currency",
    "seller_refuse_reason", "seller_refuse_desc", "seller_agree_desc", "return_company_code", "return_company_name",
    "return_no", "return_desc", "buyer_phone", "timeout_type", "timeout_at_ms", "created_at_ms", "updated_at_ms",
    "finished_at_ms",
)  # fmt: skip


def _row(r: Refund) -> dict[str, Any]:
    return {
        "platform": r.platform.value, "develop_id": r.develop_id, "user_id": r.user_id, "order_id": r.order_id,
        "state": r.state.value, "needs_return": int(r.needs_return), "goods_status": r.goods_status,
        "reason_id": r.reason_id, "reason_desc": r.reason_desc, "description": r.description,
        "images": json.dumps(r.images, ensure_ascii=False),
        "lines": json.dumps([{"line_id": ln.line_id, "fen": ln.fen, "quantity": ln.quantity} for ln in r.lines]),
        "first_line_id": r.lines[0].line_id, "goods_fen": r.goods_fen, "carriage_fen": r.carriage_fen,
        "currency": r.currency, "seller_refuse_reason": r.seller_refuse_reason,
        "seller_refuse_desc": r.seller_refuse_desc, "seller_agree_desc": r.seller_agree_desc,
        "return_company_code": r.return_company_code, "return_company_name": r.return_company_name,
        "return_no": r.return_no, "return_desc": r.return_desc, "buyer_phone": r.buyer_phone,
        "timeout_type": r.timeout_type.value if r.timeout_type else None, "timeout_at_ms": r.timeout_at_ms,
        "created_at_ms": r.created_at_ms, "updated_at_ms": r.updated_at_ms, "finished_at_ms": r.finished_at_ms,
    }  # fmt: skip


def _refund(row: Row) -> Refund:
    return Refund(
        platform=Platform(row["platform"]), develop_id=row["develop_id"], user_id=row["user_id"],
        order_id=row["order_id"],
        lines=[RefundLine(d["line_id"], d["fen"], d["quantity"]) for d in json.loads(row["lines"])],
        needs_return=bool(row["needs_return"]), goods_status=row["goods_status"], reason_id=row["reason_id"],
        reason_desc=row["reason_desc"], description=row["description"], images=json.loads(row["images"]),
        carriage_fen=row["carriage_fen"], currency=row["currency"], state=RefundState(row["state"]),
        seller_refuse_reason=row["seller_refuse_reason"], seller_refuse_desc=row["seller_refuse_desc"],
        seller_agree_desc=row["seller_agree_desc"], return_company_code=row["return_company_code"],
        return_company_name=row["return_company_name"], return_no=row["return_no"], return_desc=row["return_desc"],
        buyer_phone=row["buyer_phone"],
        timeout_type=TimeoutType(row["timeout_type"]) if row["timeout_type"] else None,
        timeout_at_ms=row["timeout_at_ms"], created_at_ms=row["created_at_ms"], updated_at_ms=row["updated_at_ms"],
        finished_at_ms=row["finished_at_ms"], version=row["version"], id=row["id"],
    )  # fmt: skip


class SqlRefundRepository:
    def __init__(self, tx: Tx) -> None:
        self._tx = tx

    def add(self, refund: Refund) -> Refund:
        cols = ", ".join(_COLUMNS)
        params = ", ".join(f":{c}" for c in _COLUMNS)
        pk = self._tx.scalar(
            f"INSERT INTO aftersales_refunds ({cols}, version) VALUES ({params}, 1) RETURNING id", _row(refund)
        )
        refund.id, refund.version = int(pk), 1
        return refund

    def get(self, platform: Platform, develop_id: str, pk: int) -> Refund | None:
        lock = " FOR UPDATE" if self._tx.dialect == "postgresql" and self._tx.writable else ""
        row = self._tx.one(
            f"SELECT * FROM aftersales_refunds WHERE id = :id AND platform = :p AND develop_id = :d{lock}",
            {"id": pk, "p": platform.value, "d": develop_id},
        )
        return _refund(row) if row else None

    def save(self, refund: Refund) -> None:
        sets = ", ".join(f"{c} = :{c}" for c in _COLUMNS)
        changed = self._tx.execute(
            f"UPDATE aftersales_refunds SET {sets}, version = version + 1 WHERE id = :id AND version = :version",
            {**_row(refund), "id": refund.id, "version": refund.version},
        )
        if changed == 0:
            raise ConcurrentUpdateError(f"refund {refund.refund_id} was changed concurrently", field="refundId")
        refund.version += 1

    def add_history(self, refund: Refund, changes: list[StateChange]) -> None:
        self._tx.execute_many(
            "INSERT INTO aftersales_history (refund_pk, action, old_state, new_state, note, at_ms)"
            " VALUES (:r, :a, :o, :n, :note, :at)",
            [{"r": refund.id, "a": c.action.value, "o": c.old.value if c.old else None, "n": c.new.value,
              "note": c.note, "at": c.at_ms} for c in changes],
        )  # fmt: skip

    def history(self, pk: int) -> list[HistoryRow]:
        rows = self._tx.all("SELECT * FROM aftersales_history WHERE refund_pk = :r ORDER BY id", {"r": pk})
        return [HistoryRow(r["action"], r["old_state"], r["new_state"], r["note"], r["at_ms"]) for r in rows]

    def page(self, develop_id: str, query: RefundQuery) -> tuple[int, list[Refund]]:
        where = ["develop_id = :d", "platform = :p"]
        params: dict[str, Any] = {"d": develop_id, "p": query.platform.value}
        if query.refund_pk is not None:
            where.append("id = :id")
            params["id"] = query.refund_pk
        if query.order_id is not None:
            where.append("order_id = :o")
            params["o"] = query.order_id
        if query.order_ids is not None:
            if not query.order_ids:
                return 0, []
            names = {f"oi{i}": v for i, v in enumerate(query.order_ids)}
            where.append(f"order_id IN ({', '.join(':' + n for n in names)})")
            params.update(names)
        if query.state is not None:
            where.append("state = :s")
            params["s"] = query.state.value
        if query.created_from_ms is not None:
            where.append("created_at_ms >= :f")
            params["f"] = query.created_from_ms
        if query.created_to_ms is not None:
            where.append("created_at_ms <= :t")
            params["t"] = query.created_to_ms
        clause = " AND ".join(where)
        total = int(self._tx.scalar(f"SELECT COUNT(*) AS n FROM aftersales_refunds WHERE {clause}", params))
        rows = self._tx.all(
            f"SELECT * FROM aftersales_refunds WHERE {clause} ORDER BY created_at_ms DESC, id DESC"
            " LIMIT :limit OFFSET :offset",
            {**params, "limit": query.page_size, "offset": (query.page_no - 1) * query.page_size},
        )
        return total, [_refund(r) for r in rows]

    def latest_for_line(self, platform: Platform, develop_id: str, line_id: str) -> Refund | None:
        row = self._tx.one(
            "SELECT * FROM aftersales_refunds WHERE platform = :p AND develop_id = :d AND first_line_id = :l"
            " ORDER BY id DESC LIMIT 1",
            {"p": platform.value, "d": develop_id, "l": line_id},
        )
        return _refund(row) if row else None

    def line_totals(self, platform: Platform, line_ids: list[str]) -> dict[str, LineTotal]:
        if not line_ids:
            return {}
        names = {f"l{i}": v for i, v in enumerate(line_ids)}
        rows = self._tx.all(
            f"SELECT * FROM aftersales_lines WHERE platform = :p AND line_id IN ({', '.join(':' + n for n in names)})",
            {"p": platform.value, **names},
        )
        return {r["line_id"]: LineTotal(r["paid_fen"], r["refunded_fen"], r["open_refund_pk"]) for r in rows}

    def order_totals(self, platform: Platform, develop_id: str, order_id: str) -> dict[str, LineTotal]:
        rows = self._tx.all(
            "SELECT * FROM aftersales_lines WHERE platform = :p AND develop_id = :d AND order_id = :o",
            {"p": platform.value, "d": develop_id, "o": order_id},
        )
        return {r["line_id"]: LineTotal(r["paid_fen"], r["refunded_fen"], r["open_refund_pk"]) for r in rows}

    def claim_lines(
        self, platform: Platform, *, develop_id: str, order_id: str, paid: dict[str, int], refund_pk: int
    ) -> bool:
        for line_id, paid_fen in paid.items():
            self._tx.execute(
                "INSERT INTO aftersales_lines (platform, line_id, develop_id, order_id, paid_fen, refunded_fen,"
                " open_refund_pk) VALUES (:p, :l, :d, :o, :paid, 0, NULL) ON CONFLICT (platform, line_id) DO NOTHING",
                {"p": platform.value, "l": line_id, "d": develop_id, "o": order_id, "paid": paid_fen},
            )
            claimed = self._tx.execute(
                "UPDATE aftersales_lines SET open_refund_pk = :r, paid_fen = :paid"
                " WHERE platform = :p AND line_id = :l AND open_refund_pk IS NULL",
                {"r": refund_pk, "p": platform.value, "l": line_id, "paid": paid_fen},
            )
            if claimed == 0:
                return False
        return True

    def release_lines(self, platform: Platform, *, refund_pk: int, refunded: dict[str, int]) -> None:
        rows = self._tx.all(
            "SELECT line_id FROM aftersales_lines WHERE platform = :p AND open_refund_pk = :r",
            {"p": platform.value, "r": refund_pk},
        )
        for row in rows:
            try:
                self._tx.execute(
                    "UPDATE aftersales_lines SET open_refund_pk = NULL, refunded_fen = refunded_fen + :fen"
                    " WHERE platform = :p AND line_id = :l AND open_refund_pk = :r",
                    {"fen": refunded.get(row["line_id"], 0), "p": platform.value, "l": row["line_id"], "r": refund_pk},
                )
            except IntegrityError as exc:  # the CHECK refunded_fen <= paid_fen
                raise BusinessRefusalError(f"line {row['line_id']}: refunds would exceed what was paid",
                                           code=Code.LIMIT_EXCEEDED, field="refundFee") from exc  # fmt: skip

    def add_note(self, *, refund_pk: int, sender: str, content: str, images: list[str], now_ms: int) -> RefundNote:
        images_json = json.dumps(images, ensure_ascii=False)
        pk = self._tx.scalar(
            "INSERT INTO aftersales_notes (refund_pk, sender, content, images, at_ms)"
            " VALUES (:r, :s, :c, :i, :at) RETURNING id",
            {"r": refund_pk, "s": sender, "c": content, "i": images_json, "at": now_ms},
        )
        return RefundNote(int(pk), refund_pk, sender, content, images, now_ms)

    def notes(self, refund_pk: int) -> list[RefundNote]:
        rows = self._tx.all("SELECT * FROM aftersales_notes WHERE refund_pk = :r ORDER BY id", {"r": refund_pk})
        return [RefundNote(r["id"], r["refund_pk"], r["sender"], r["content"], json.loads(r["images"]), r["at_ms"])
                for r in rows]  # fmt: skip

    def add_voucher(self, *, name: str, data: bytes, develop_id: str, now_ms: int) -> None:
        self._tx.execute(
            "INSERT INTO refund_vouchers (name, data, develop_id, created_at_ms) VALUES (:n, :d, :dev, :at)"
            " ON CONFLICT (name) DO NOTHING",
            {"n": name, "d": data, "dev": develop_id, "at": now_ms},
        )

    def voucher_bytes(self, name: str) -> bytes | None:
        value = self._tx.scalar("SELECT data FROM refund_vouchers WHERE name = :n", {"n": name})
        return bytes(value) if value is not None else None

    def alibaba_order_of_entry(self, develop_id: str, entry_id: int) -> int | None:
        value = self._tx.scalar(
            "SELECT e.order_id FROM alibaba_order_entries e JOIN alibaba_orders o ON o.id = e.order_id"
            " WHERE e.id = :e AND o.develop_id = :d",
            {"e": entry_id, "d": develop_id},
        )
        return int(value) if value is not None else None
