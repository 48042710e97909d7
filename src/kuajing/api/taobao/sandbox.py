"""Sandbox seller actions for Taobao orders (sandbox mode only): force what the embedded sellers and finance do on
the clock — ship now, reprice, close, approve/reject a voucher, confirm receipt — and configure a seller's
behaviour (docs/taobao-orders.md lists the keys)."""

from __future__ import annotations

from typing import Any

from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.api.taobao import render as r
from kuajing.api.taobao.orders import id_or_not_found
from kuajing.domain.taobao_orders import cancellation, fulfilment, service
from kuajing.domain.taobao_orders.states import Action
from kuajing.market import taobao_sellers
from kuajing.protocol.wire.taobao_orders import OrderRef, PurchaseOrderInfo
from kuajing.protocol.wire.taobao_sandbox import (
    SandboxClose,
    SandboxPriceModify,
    SandboxShip,
    SandboxVoucherReview,
    TaobaoSandboxSellerBehaviour,
    TaobaoSellerBehaviourInfo,
)

TAG = "Sandbox"


def _order_id(value: str) -> int:
    return id_or_not_found(value, "purchaseOrderId")


async def ship(call: Call[SandboxShip]) -> PurchaseOrderInfo:
    order = await call.run(taobao_sellers.ship_now, develop_id=call.develop_id, purchase_order_id=_order_id(call.params.purchase_order_id),
                           sub_purchase_order_ids=[id_or_not_found(i, "subPurchaseOrderIdList")
                                                   for i in call.params.sub_purchase_order_id_list],
                           now_ms=call.clock.now_ms())  # fmt: skip
    return r.render_order(call, order)


async def modify_price(call: Call[SandboxPriceModify]) -> PurchaseOrderInfo:
    p = call.params
    order = await call.run(fulfilment.modify_price, develop_id=call.develop_id, purchase_order_id=_order_id(p.purchase_order_id),
                           sub_purchase_order_id=id_or_not_found(p.sub_purchase_order_id, "subPurchaseOrderId"), unit_price_fen=p.price,
                           now_ms=call.clock.now_ms())  # fmt: skip
    return r.render_order(call, order)


async def close(call: Call[SandboxClose]) -> PurchaseOrderInfo:
    order = await call.run(cancellation.cancel_order, develop_id=call.develop_id,
                           purchase_order_id=_order_id(call.params.purchase_order_id), sub_purchase_order_ids=[],
                           reason=call.params.reason, now_ms=call.clock.now_ms(), action=Action.CLOSE)  # fmt: skip
    return r.render_order(call, order)


async def _review(call: Call[SandboxVoucherReview], approved: bool) -> PurchaseOrderInfo:
    order = await call.run(service.review_voucher, develop_id=call.develop_id,
                           purchase_order_id=_order_id(call.params.purchase_order_id), approved=approved,
                           note=call.params.remark, now_ms=call.clock.now_ms())  # fmt: skip
    return r.render_order(call, order)


async def approve_voucher(call: Call[SandboxVoucherReview]) -> PurchaseOrderInfo:
    return await _review(call, True)


async def reject_voucher(call: Call[SandboxVoucherReview]) -> PurchaseOrderInfo:
    return await _review(call, False)


async def confirm(call: Call[OrderRef]) -> PurchaseOrderInfo:
    order = await call.run(fulfilment.confirm_receipt, develop_id=call.develop_id,
                           purchase_order_id=_order_id(call.params.purchase_order_id), now_ms=call.clock.now_ms())  # fmt: skip
    return r.render_order(call, order)


async def seller_behaviour(call: Call[TaobaoSandboxSellerBehaviour]) -> TaobaoSellerBehaviourInfo:
    p = call.params
    seller = await call.run(taobao_sellers.configure_seller, shop_id=p.shop_id, nick=p.user_nick, changes=p.behaviour)
    return TaobaoSellerBehaviourInfo(shop_id=seller.shop_id, user_nick=seller.nick, behaviour=seller.behaviour)


def _ep(path: str, handler: Any, params: Any, summary: str, response: Any = PurchaseOrderInfo) -> Endpoint:
    return Endpoint("POST", (f"/sandbox/taobao/{path}",), handler, params=params, response=response, summary=summary,
                    tag=TAG, sandbox_only=True, spec_ref="§4.1")  # fmt: skip


ENDPOINTS = [
    _ep("order/ship", ship, SandboxShip, "Seller ships now (all paid sub-orders, or the ones named)"),
    _ep("order/price/modify", modify_price, SandboxPriceModify, "Seller changes a sub-order's unit price (unpaid)"),
    _ep("order/close", close, SandboxClose, "Seller closes the order (refunds a paid, unshipped order)"),
    _ep("order/voucher/approve", approve_voucher, SandboxVoucherReview, "Finance approves the payment voucher"),
    _ep("order/voucher/reject", reject_voucher, SandboxVoucherReview, "Finance rejects the payment voucher"),
    _ep("order/confirm", confirm, OrderRef, "Confirm receipt now (as auto-confirm would)"),
    _ep(
        "seller/behaviour",
        seller_behaviour,
        TaobaoSandboxSellerBehaviour,
        "Merge keys into a seller's behaviour",
        TaobaoSellerBehaviourInfo,
    ),
]
