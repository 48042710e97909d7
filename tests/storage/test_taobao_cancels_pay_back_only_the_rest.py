"""Regressions found in review: a sub-order named twice acts once; a cancel after a partial after-sales refund keeps
the order's refunded total within what was paid and pays back only the rest."""

from __future__ import annotations

from kuajing.domain.accounts.model import Credentials
from kuajing.domain.aftersales import answers
from kuajing.domain.aftersales import service as aftersales
from kuajing.domain.aftersales.taobao_lines import TaobaoOrderLines
from kuajing.domain.line_refunds import Platform
from kuajing.domain.taobao_orders import cancellation, fulfilment, service
from kuajing.domain.taobao_orders.model import PurchaseOrder, Receiver
from kuajing.domain.taobao_orders.quote import LineRequest
from kuajing.runtime import Runtime
from tests.taobao_fixtures import RECEIVER, TbItem, add_taobao_item, balance_and_ledger


def _paid_order(runtime: Runtime, demo: Credentials, item: TbItem, qty: int) -> PurchaseOrder:
    now = runtime.clock.now_ms()
    with runtime.uow() as uow:
        created = service.create_orders(
            uow, develop_id=demo.develop_id, user_id=demo.user_id,
            lines=[LineRequest(str(item.mp_id), str(item.mp_sku_ids[0]), qty)], receiver=Receiver(**RECEIVER),
            outer_purchase_id=None, order_source="", budget_fen=None, now_ms=now,
        ).orders[0]  # fmt: skip
        service.pay_order(uow, develop_id=demo.develop_id, purchase_order_id=created.purchase_order_id, now_ms=now)
        uow.commit()
    return created


def test_cancel_after_a_partial_refund_pays_back_only_the_rest(runtime: Runtime, demo: Credentials) -> None:
    item = add_taobao_item(runtime, stock=5, price=1_000)
    order = _paid_order(runtime, demo, item, qty=1)
    po, sub = order.purchase_order_id, order.subs[0].sub_purchase_order_id
    before, _ = balance_and_ledger(runtime, demo.develop_id)
    now = runtime.clock.now_ms()
    with runtime.uow() as uow:
        refund = aftersales.submit(
            uow, TaobaoOrderLines(), develop_id=demo.develop_id, user_id=demo.user_id, order_id=str(po),
            requests=[aftersales.LineRequest(str(sub), 300, 1)], needs_return=False, goods_status="1", reason_id=1,
            reason_desc="x", description="", images=[], now_ms=now,
        )  # fmt: skip
        answers.agree(uow, TaobaoOrderLines(), platform=Platform.TAOBAO, develop_id=demo.develop_id,
                      wire_id=refund.refund_id, note="", now_ms=now)  # fmt: skip
        uow.commit()
    with runtime.uow() as uow:
        cancellation.cancel_order(uow, develop_id=demo.develop_id, purchase_order_id=po, sub_purchase_order_ids=[],
                                  reason="changed my mind", now_ms=now)  # fmt: skip
        uow.commit()
    with runtime.uow() as uow:
        stored = service.get_order(uow, develop_id=demo.develop_id, purchase_order_id=po)
    assert stored.refunded_fen <= stored.paid_fen
    balance, ledger = balance_and_ledger(runtime, demo.develop_id)
    assert balance == ledger == before + 1_000  # 300 by after-sales + 700 by the cancel, never more


def test_a_sub_order_named_twice_is_shipped_once_and_cancelled_once(runtime: Runtime, demo: Credentials) -> None:
    item = add_taobao_item(runtime, stock=10, price=1_000)
    shipped = _paid_order(runtime, demo, item, qty=2)
    po, sub = shipped.purchase_order_id, shipped.subs[0].sub_purchase_order_id
    now = runtime.clock.now_ms()
    with runtime.uow() as uow:
        fulfilment.ship_order(uow, develop_id=demo.develop_id, purchase_order_id=po, sub_purchase_order_ids=[sub, sub],
                              carrier_code="ZTO", carrier_name="中通", tracking_number="ZT1", now_ms=now)  # fmt: skip
        uow.commit()
    with runtime.uow() as uow:
        parcels = uow.warehouse.find_parcels_by_source(demo.develop_id, "taobao", str(po))
    assert sum(i.quantity for p in parcels for i in p.items) == 2

    cancelled = _paid_order(runtime, demo, item, qty=2)
    before, _ = balance_and_ledger(runtime, demo.develop_id)
    sub2 = cancelled.subs[0].sub_purchase_order_id
    with runtime.uow() as uow:
        cancellation.cancel_order(uow, develop_id=demo.develop_id, purchase_order_id=cancelled.purchase_order_id,
                                  sub_purchase_order_ids=[sub2, sub2], reason="twice", now_ms=now)  # fmt: skip
        uow.commit()
    balance, ledger = balance_and_ledger(runtime, demo.develop_id)
    assert balance == ledger == before + 2_000


def test_a_cancel_racing_an_after_sales_request_never_pays_back_more_than_was_paid(
    runtime: Runtime, demo: Credentials
) -> None:
    from kuajing.domain.errors import DomainError
    from tests.concurrency import race

    item = add_taobao_item(runtime, stock=40, price=1_000)
    for _ in range(5):
        order = _paid_order(runtime, demo, item, qty=1)
        po, sub = order.purchase_order_id, order.subs[0].sub_purchase_order_id
        before, _ = balance_and_ledger(runtime, demo.develop_id)
        now = runtime.clock.now_ms()

        def act(i: int, po: int = po, sub: int = sub, now: int = now) -> object:
            with runtime.uow() as uow:
                if i == 0:
                    cancellation.cancel_order(uow, develop_id=demo.develop_id, purchase_order_id=po,
                                              sub_purchase_order_ids=[], reason="race", now_ms=now)  # fmt: skip
                else:
                    refund = aftersales.submit(
                        uow, TaobaoOrderLines(), develop_id=demo.develop_id, user_id=demo.user_id, order_id=str(po),
                        requests=[aftersales.LineRequest(str(sub), 1_000, 1)], needs_return=False, goods_status="1",
                        reason_id=1, reason_desc="x", description="", images=[], now_ms=now,
                    )  # fmt: skip
                    answers.agree(uow, TaobaoOrderLines(), platform=Platform.TAOBAO, develop_id=demo.develop_id,
                                  wire_id=refund.refund_id, note="", now_ms=now)  # fmt: skip
                uow.commit()
            return i

        outcomes = race(2, act)
        assert all(isinstance(o, int | DomainError) for o in outcomes), outcomes
        balance, ledger = balance_and_ledger(runtime, demo.develop_id)
        assert balance == ledger and before <= balance <= before + 1_000
