"""Sandbox seller actions for 1688 orders (sandbox mode only): ship now, change the price, close, configure
failures and the developer's protocol pay switch."""

from __future__ import annotations

from kuajing.api.alibaba.common import order_id, render_order
from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.domain.alibaba_orders import cancellation, fulfilment, payment
from kuajing.market import alibaba_sellers
from kuajing.protocol.wire.alibaba_order_view import AlibabaOrderView
from kuajing.protocol.wire.alibaba_sandbox import (
    AlibabaSandboxSellerBehaviour,
    AlibabaSellerBehaviourInfo,
    SandboxModifyPrice,
    SandboxOrderAction,
    SandboxProtocolPay,
)

TAG = "Sandbox 1688"


async def ship(call: Call[SandboxOrderAction]) -> AlibabaOrderView:
    p = call.params
    order = await call.run(
        alibaba_sellers.ship, develop_id=call.develop_id, order_id=order_id(p.order_id),
        company_no=p.logistics_company_no, bill_no=p.logistics_bill_no, now_ms=call.clock.now_ms(),
    )  # fmt: skip
    return render_order(call, order, call.clock.now_ms())


async def close(call: Call[SandboxOrderAction]) -> AlibabaOrderView:
    p = call.params
    order = await call.run(
        cancellation.close_order, develop_id=call.develop_id, order_id=order_id(p.order_id), by_seller=True,
        reason=p.reason, now_ms=call.clock.now_ms(),
    )  # fmt: skip
    return render_order(call, order, call.clock.now_ms())


async def modify_price(call: Call[SandboxModifyPrice]) -> AlibabaOrderView:
    p = call.params
    order = await call.run(
        fulfilment.modify_price, develop_id=call.develop_id, order_id=order_id(p.order_id),
        product_fen=p.product_amount, carriage_fen=p.shipping_fee, now_ms=call.clock.now_ms(),
    )  # fmt: skip
    return render_order(call, order, call.clock.now_ms())


async def seller_behaviour(call: Call[AlibabaSandboxSellerBehaviour]) -> AlibabaSellerBehaviourInfo:
    seller = await call.run(
        alibaba_sellers.configure_seller, open_id=call.params.seller_open_id, changes=call.params.behaviour
    )
    return AlibabaSellerBehaviourInfo(seller_open_id=seller.open_id, behaviour=seller.behaviour)


async def protocol_pay(call: Call[SandboxProtocolPay]) -> bool:
    return await call.run(
        payment.set_protocol_pay, develop_id=call.develop_id, enabled=call.params.enabled, now_ms=call.clock.now_ms()
    )


ENDPOINTS = [
    Endpoint(
        "POST", ("/sandbox/1688/order/ship",), ship, params=SandboxOrderAction, response=AlibabaOrderView, tag=TAG,
        sandbox_only=True, summary="The seller ships a paid order now (optional carrier and tracking number)",
    ),
    Endpoint(
        "POST", ("/sandbox/1688/order/close",), close, params=SandboxOrderAction, response=AlibabaOrderView, tag=TAG,
        sandbox_only=True, summary="The seller closes an unpaid order (stock released)",
    ),
    Endpoint(
        "POST", ("/sandbox/1688/order/modify-price",), modify_price, params=SandboxModifyPrice,
        response=AlibabaOrderView, tag=TAG, sandbox_only=True,
        summary="The seller changes the goods amount and/or postage (fen) of an unpaid order",
    ),
    Endpoint(
        "POST", ("/sandbox/1688/seller/behaviour",), seller_behaviour, params=AlibabaSandboxSellerBehaviour,
        response=AlibabaSellerBehaviourInfo, tag=TAG, sandbox_only=True,
        summary="Configure a 1688 seller (delays, forced failures, postage); null resets a key",
    ),
    Endpoint(
        "POST", ("/sandbox/1688/protocol-pay",), protocol_pay, params=SandboxProtocolPay, response=bool, tag=TAG,
        sandbox_only=True, summary="Switch the developer's protocol (password-free) payment on or off",
    ),
]  # fmt: skip
