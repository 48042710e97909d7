"""The warehouse on SQL. Saves are version-checked; each recorded state change becomes a history row."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kuajing.domain.errors import ConcurrentUpdateError
from kuajing.domain.warehouse.events import PARCEL_AGGREGATE, SHIPMENT_AGGREGATE
from kuajing.domain.warehouse.model import (
    Channel,
    FeeLine,
    FeeType,
    Parcel,
    ParcelItem,
    Receiver,
    Shipment,
    StateChange,
    TraceNode,
)
from kuajing.domain.warehouse.states import ParcelState, ShipmentState
from kuajing.store.db import Row, Tx


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class SqlWarehouseRepository:
    def __init__(self, tx: Tx) -> None:
        self._tx = tx

    # channels --------------------------------------------------------------------------------------------------
    def list_channels(self, *, active_only: bool) -> list[Channel]:
        where = " WHERE active = :a" if active_only else ""
        rows = self._tx.all(f"SELECT * FROM warehouse_channels{where} ORDER BY code", {"a": True})
        return [_channel(r) for r in rows]

    def get_channel(self, code: str) -> Channel | None:
        row = self._tx.one("SELECT * FROM warehouse_channels WHERE code = :c", {"c": code})
        return _channel(row) if row else None

    _CHANNEL_COLS = (
        "code, name, countries, currency, first_weight_g, first_weight_fen, step_g, step_fen, volumetric_divisor,"
        " max_weight_g, max_length_cm, max_girth_cm, prohibited, handling_fen_per_parcel, transit_days, active,"
        " updated_at_ms"
    )
    _CHANNEL_VALUES = (
        ":code, :name, :countries, :currency, :first_weight_g, :first_weight_fen, :step_g, :step_fen,"
        " :volumetric_divisor, :max_weight_g, :max_length_cm, :max_girth_cm, :prohibited, :handling_fen_per_parcel,"
        " :transit_days, :active, :updated_at_ms"
    )

    def upsert_channel(self, channel: Channel) -> None:
        cols = [c.strip() for c in self._CHANNEL_COLS.split(",") if c.strip() != "code"]
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols)
        self._tx.execute(
            f"INSERT INTO warehouse_channels ({self._CHANNEL_COLS}) VALUES ({self._CHANNEL_VALUES})"
            f" ON CONFLICT (code) DO UPDATE SET {updates}",
            _channel_row(channel),
        )

    def seed_channels(self, channels: Sequence[Channel]) -> int:
        added = 0
        for channel in channels:
            added += self._tx.execute(
                f"INSERT INTO warehouse_channels ({self._CHANNEL_COLS}) VALUES ({self._CHANNEL_VALUES})"
                " ON CONFLICT (code) DO NOTHING",
                _channel_row(channel),
            )
        return added

    # parcels ---------------------------------------------------------------------------------------------------
    def add_parcel(self, parcel: Parcel) -> Parcel | None:
        row = self._tx.one(
            "INSERT INTO warehouse_parcels (develop_id, carrier_code, carrier_name, tracking_no, tracking_key, items,"
            " source_platform, source_order_id, origin, remark, state, weight_g, length_cm, width_cm, height_cm, photos,"
            " condition, received_at_ms, shipped_out_at_ms, shipment_id, version, created_at_ms, updated_at_ms)"
            " VALUES (:develop_id, :carrier_code, :carrier_name, :tracking_no, :tracking_key, :items, :source_platform,"
            " :source_order_id, :origin, :remark, :state, :weight_g, :length_cm, :width_cm, :height_cm, :photos,"
            " :condition, :received_at_ms, :shipped_out_at_ms, :shipment_id, 1, :created_at_ms, :updated_at_ms)"
            " ON CONFLICT (tracking_key, develop_id) DO NOTHING RETURNING id",
            _parcel_row(parcel),
        )
        if row is None:
            return None
        parcel.id = row["id"]
        parcel.version = 1
        self._history(PARCEL_AGGREGATE, parcel.id, parcel.changes)
        return parcel

    def get_parcel(self, develop_id: str, parcel_id: int) -> Parcel | None:
        row = self._tx.one(
            "SELECT * FROM warehouse_parcels WHERE id = :id AND develop_id = :d", {"id": parcel_id, "d": develop_id}
        )
        return _parcel(row) if row else None

    def get_parcels(self, develop_id: str, parcel_ids: Sequence[int]) -> list[Parcel]:
        if not parcel_ids:
            return []
        params: dict[str, Any] = {f"p{i}": pid for i, pid in enumerate(parcel_ids)}
        params["d"] = develop_id
        marks = ", ".join(f":p{i}" for i in range(len(parcel_ids)))
        rows = self._tx.all(
            f"SELECT * FROM warehouse_parcels WHERE develop_id = :d AND id IN ({marks}) ORDER BY id", params
        )
        return [_parcel(r) for r in rows]

    def find_parcel_by_tracking(self, develop_id: str, carrier_code: str, tracking_no: str) -> Parcel | None:
        row = self._tx.one(
            "SELECT * FROM warehouse_parcels WHERE tracking_key = :k AND develop_id = :d",
            {"k": _tracking_key(carrier_code, tracking_no), "d": develop_id},
        )
        return _parcel(row) if row else None

    def parcels_with_tracking(self, carrier_code: str, tracking_no: str) -> list[Parcel]:
        rows = self._tx.all(
            "SELECT * FROM warehouse_parcels WHERE tracking_key = :k ORDER BY id",
            {"k": _tracking_key(carrier_code, tracking_no)},
        )
        return [_parcel(r) for r in rows]

    def find_parcels_by_source(self, develop_id: str, source_platform: str, source_order_id: str) -> list[Parcel]:
        rows = self._tx.all(
            "SELECT * FROM warehouse_parcels WHERE develop_id = :d AND source_platform = :p AND source_order_id = :o"
            " ORDER BY id",
            {"d": develop_id, "p": source_platform, "o": source_order_id},
        )
        return [_parcel(r) for r in rows]

    def list_parcels(
        self, develop_id: str | None, *, states: Sequence[ParcelState], limit: int, offset: int
    ) -> tuple[list[Parcel], int]:
        clauses: list[str] = []
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        if develop_id is not None:
            clauses.append("develop_id = :d")
            params["d"] = develop_id
        if states:
            clauses.append("state IN (" + ", ".join(f":s{i}" for i in range(len(states))) + ")")
            params.update({f"s{i}": s.value for i, s in enumerate(states)})
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        total = int(self._tx.scalar(f"SELECT COUNT(*) AS n FROM warehouse_parcels{where}", params))
        rows = self._tx.all(
            f"SELECT * FROM warehouse_parcels{where} ORDER BY id DESC LIMIT :limit OFFSET :offset", params
        )
        return [_parcel(r) for r in rows], total

    def save_parcel(self, parcel: Parcel) -> None:
        changed = self._tx.execute(
            "UPDATE warehouse_parcels SET carrier_code = :carrier_code, carrier_name = :carrier_name,"
            " tracking_no = :tracking_no, tracking_key = :tracking_key, items = :items, origin = :origin, remark = :remark,"
            " state = :state, weight_g = :weight_g, length_cm = :length_cm, width_cm = :width_cm,"
            " height_cm = :height_cm, photos = :photos, condition = :condition, received_at_ms = :received_at_ms,"
            " shipped_out_at_ms = :shipped_out_at_ms, shipment_id = :shipment_id, version = version + 1,"
            " updated_at_ms = :updated_at_ms WHERE id = :id AND version = :version",
            {**_parcel_row(parcel), "id": parcel.id, "version": parcel.version},
        )
        if changed != 1:
            raise ConcurrentUpdateError(f"parcel {parcel.id} was changed concurrently; retry", field="parcelIds")
        parcel.version += 1
        self._history(PARCEL_AGGREGATE, parcel.id, parcel.changes)

    # shipments -------------------------------------------------------------------------------------------------
    def add_shipment(self, shipment: Shipment) -> Shipment | None:
        row = self._tx.one(
            "INSERT INTO warehouse_shipments (develop_id, channel_code, receiver, parcel_ids, actual_weight_g,"
            " volumetric_weight_g, chargeable_weight_g, fees, total_fen, currency, remark, state, trace, paid_at_ms,"
            " delivered_at_ms, intl_tracking_no, version, created_at_ms, updated_at_ms) VALUES (:develop_id,"
            " :channel_code, :receiver, :parcel_ids, :actual_weight_g, :volumetric_weight_g, :chargeable_weight_g,"
            " :fees, :total_fen, :currency, :remark, :state, :trace, :paid_at_ms, :delivered_at_ms, :intl_tracking_no,"
            " 1, :created_at_ms, :updated_at_ms) ON CONFLICT (intl_tracking_no) DO NOTHING RETURNING id",
            _shipment_row(shipment),
        )
        if row is None:
            return None
        shipment.id = row["id"]
        shipment.version = 1
        return shipment

    def get_shipment(self, develop_id: str, shipment_id: int) -> Shipment | None:
        row = self._tx.one(
            "SELECT * FROM warehouse_shipments WHERE id = :id AND develop_id = :d", {"id": shipment_id, "d": develop_id}
        )
        return _shipment(row) if row else None

    def list_shipments(self, develop_id: str, *, limit: int, offset: int) -> tuple[list[Shipment], int]:
        params = {"d": develop_id, "limit": limit, "offset": offset}
        total = int(self._tx.scalar("SELECT COUNT(*) AS n FROM warehouse_shipments WHERE develop_id = :d", params))
        rows = self._tx.all(
            "SELECT * FROM warehouse_shipments WHERE develop_id = :d ORDER BY id DESC LIMIT :limit OFFSET :offset",
            params,
        )
        return [_shipment(r) for r in rows], total

    def save_shipment(self, shipment: Shipment) -> None:
        changed = self._tx.execute(
            "UPDATE warehouse_shipments SET state = :state, trace = :trace, delivered_at_ms = :delivered_at_ms,"
            " version = version + 1, updated_at_ms = :updated_at_ms WHERE id = :id AND version = :version",
            {**_shipment_row(shipment), "id": shipment.id, "version": shipment.version},
        )
        if changed != 1:
            raise ConcurrentUpdateError(f"shipment {shipment.id} was changed concurrently; retry", field="shipmentId")
        shipment.version += 1
        self._history(SHIPMENT_AGGREGATE, shipment.id, shipment.changes)

    # history ---------------------------------------------------------------------------------------------------
    def _history(self, aggregate_type: str, aggregate_id: int, changes: list[StateChange]) -> None:
        self._tx.execute_many(
            "INSERT INTO warehouse_state_history (aggregate_type, aggregate_id, from_state, to_state, action, at_ms)"
            " VALUES (:t, :i, :f, :s, :a, :at)",
            [
                {
                    "t": aggregate_type,
                    "i": aggregate_id,
                    "f": c.from_state,
                    "s": c.to_state,
                    "a": c.action,
                    "at": c.at_ms,
                }
                for c in changes
            ],
        )
        changes.clear()

    def history(self, aggregate_type: str, aggregate_id: int) -> list[StateChange]:
        rows = self._tx.all(
            "SELECT * FROM warehouse_state_history WHERE aggregate_type = :t AND aggregate_id = :i ORDER BY id",
            {"t": aggregate_type, "i": aggregate_id},
        )
        return [StateChange(r["from_state"], r["to_state"], r["action"], r["at_ms"]) for r in rows]


def _tracking_key(carrier_code: str, tracking_no: str) -> str:
    return f"{carrier_code}:{tracking_no}"


def _channel_row(c: Channel) -> dict[str, Any]:
    return {
        "code": c.code, "name": c.name, "countries": _j(c.countries), "currency": c.currency,
        "first_weight_g": c.first_weight_g, "first_weight_fen": c.first_weight_fen, "step_g": c.step_g,
        "step_fen": c.step_fen, "volumetric_divisor": c.volumetric_divisor, "max_weight_g": c.max_weight_g,
        "max_length_cm": c.max_length_cm, "max_girth_cm": c.max_girth_cm, "prohibited": _j(c.prohibited),
        "handling_fen_per_parcel": c.handling_fen_per_parcel, "transit_days": c.transit_days, "active": c.active,
        "updated_at_ms": c.updated_at_ms,
    }  # fmt: skip


def _channel(r: Row) -> Channel:
    return Channel(
        code=r["code"], name=r["name"], countries=json.loads(r["countries"]), currency=r["currency"],
        first_weight_g=r["first_weight_g"], first_weight_fen=r["first_weight_fen"], step_g=r["step_g"],
        step_fen=r["step_fen"], volumetric_divisor=r["volumetric_divisor"], max_weight_g=r["max_weight_g"],
        max_length_cm=r["max_length_cm"], max_girth_cm=r["max_girth_cm"], prohibited=json.loads(r["prohibited"]),
        handling_fen_per_parcel=r["handling_fen_per_parcel"], transit_days=r["transit_days"],
        active=bool(r["active"]), updated_at_ms=r["updated_at_ms"],
    )  # fmt: skip


def _parcel_row(p: Parcel) -> dict[str, Any]:
    active = p.state is not ParcelState.CANCELLED
    return {
        "develop_id": p.develop_id, "carrier_code": p.carrier_code, "carrier_name": p.carrier_name,
        "tracking_no": p.tracking_no, "tracking_key": _tracking_key(p.carrier_code, p.tracking_no) if active else None,
        "items": _j([{"name": i.name, "quantity": i.quantity, "category": i.category, "skuId": i.sku_id}
                     for i in p.items]),
        "source_platform": p.source_platform, "source_order_id": p.source_order_id, "origin": p.origin,
        "remark": p.remark, "state": p.state.value, "weight_g": p.weight_g, "length_cm": p.length_cm,
        "width_cm": p.width_cm, "height_cm": p.height_cm, "photos": _j(p.photos), "condition": p.condition,
        "received_at_ms": p.received_at_ms, "shipped_out_at_ms": p.shipped_out_at_ms, "shipment_id": p.shipment_id,
        "created_at_ms": p.created_at_ms, "updated_at_ms": p.updated_at_ms,
    }  # fmt: skip


def _parcel(r: Row) -> Parcel:
    return Parcel(
        develop_id=r["develop_id"], carrier_code=r["carrier_code"], carrier_name=r["carrier_name"],
        tracking_no=r["tracking_no"],
        items=[ParcelItem(i["name"], i["quantity"], i["category"], i["skuId"]) for i in json.loads(r["items"])],
        source_platform=r["source_platform"], source_order_id=r["source_order_id"], origin=r["origin"],
        remark=r["remark"], state=ParcelState(r["state"]), weight_g=r["weight_g"], length_cm=r["length_cm"],
        width_cm=r["width_cm"], height_cm=r["height_cm"], photos=json.loads(r["photos"]), condition=r["condition"],
        received_at_ms=r["received_at_ms"], shipped_out_at_ms=r["shipped_out_at_ms"], shipment_id=r["shipment_id"],
        id=r["id"], version=r["version"], created_at_ms=r["created_at_ms"], updated_at_ms=r["updated_at_ms"],
    )  # fmt: skip


def _shipment_row(s: Shipment) -> dict[str, Any]:
    r = s.receiver
    return {
        "develop_id": s.develop_id, "channel_code": s.channel_code,
        "receiver": _j({"fullName": r.full_name, "mobile": r.mobile, "country": r.country, "address": r.address,
                        "provinceText": r.province_text, "cityText": r.city_text, "postCode": r.post_code}),
        "parcel_ids": _j(s.parcel_ids), "actual_weight_g": s.actual_weight_g,
        "volumetric_weight_g": s.volumetric_weight_g, "chargeable_weight_g": s.chargeable_weight_g,
        "fees": _j([{"type": f.type.value, "amountFen": f.amount_fen, "description": f.description} for f in s.fees]),
        "total_fen": s.total_fen, "currency": s.currency, "remark": s.remark, "state": s.state.value,
        "trace": _j([{"atMs": t.at_ms, "status": t.status, "description": t.description} for t in s.trace]),
        "paid_at_ms": s.paid_at_ms, "delivered_at_ms": s.delivered_at_ms, "intl_tracking_no": s.intl_tracking_no,
        "created_at_ms": s.created_at_ms, "updated_at_ms": s.updated_at_ms,
    }  # fmt: skip


def _shipment(r: Row) -> Shipment:
    rc = json.loads(r["receiver"])
    return Shipment(
        develop_id=r["develop_id"], channel_code=r["channel_code"],
        receiver=Receiver(rc["fullName"], rc["mobile"], rc["country"], rc["address"], rc["provinceText"],
                          rc["cityText"], rc["postCode"]),
        parcel_ids=json.loads(r["parcel_ids"]), actual_weight_g=r["actual_weight_g"],
        volumetric_weight_g=r["volumetric_weight_g"], chargeable_weight_g=r["chargeable_weight_g"],
        fees=[FeeLine(FeeType(f["type"]), f["amountFen"], f["description"]) for f in json.loads(r["fees"])],
        total_fen=r["total_fen"], currency=r["currency"], remark=r["remark"], state=ShipmentState(r["state"]),
        trace=[TraceNode(t["atMs"], t["status"], t["description"]) for t in json.loads(r["trace"])],
        paid_at_ms=r["paid_at_ms"], delivered_at_ms=r["delivered_at_ms"], intl_tracking_no=r["intl_tracking_no"],
        id=r["id"], version=r["version"],
        created_at_ms=r["created_at_ms"], updated_at_ms=r["updated_at_ms"],
    )  # fmt: skip
