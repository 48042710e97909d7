"""Every after-sales method of the async SDK, over the real app (httpx's ASGI transport), on real orders."""

from __future__ import annotations

import asyncio
import base64

import httpx
from starlette.testclient import TestClient

from kuajing.api.app import create_app
from kuajing.client import AsyncClient
from kuajing.domain.accounts.model import Credentials
from kuajing.runtime import Runtime
from tests.aftersales_helpers import alibaba_order, jpeg, taobao_line


def test_async_refunds_on_both_platforms(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    _, sub = taobao_line(http, runtime, demo, stage="received")
    order_id, entries, _ = alibaba_order(http, runtime, demo, stage="received")

    async def flow() -> None:
        transport = httpx.ASGITransport(app=create_app(runtime))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as raw:
            kj = AsyncClient(base_url="http://testserver", access_key=demo.access_key,
                             access_secret=demo.access_secret, user_id=demo.user_id, http_client=raw,
                             max_retries=0)  # fmt: skip
            tb = kj.taobao.refunds
            assert (await tb.render(sub_order_id=sub, refund_type=2, goods_status=4)).sale_flag
            made = await tb.submit(sub_order_id=sub, refund_type=2, goods_status=4, reason_id=5, refund_fee=700)
            rid = made.refund_order_aggregate.refund_order.refund_id
            await kj.refund_sandbox.act("taobao", "refuse", rid, reason="请补充照片")
            assert (await tb.modify(rid, description="补充了照片", images=["x.jpg"])).refund_order_aggregate
            await kj.refund_sandbox.act("taobao", "agree", rid)
            assert (await tb.return_logistics(rid)).logistics_companies
            await tb.submit_return(rid, company_code="YTO", logistics_no="YT1")
            assert (await tb.send_message(rid, "已寄出")).content == "已寄出"
            assert [m.sender_role for m in await tb.messages(rid)] == ["seller", "buyer"]
            await kj.refund_sandbox.act("taobao", "receive", rid)
            assert (await tb.query(rid)).refund_order_aggregate.refund_order.refund_status == "100"
            assert (await tb.list(page_size=5)).results_total == 1
            second = await tb.submit(sub_order_id=sub, refund_type=1, goods_status=4, reason_id=1, refund_fee=100)
            assert (await tb.cancel(second.refund_order_aggregate.refund_order.refund_id)).cancel_success

            al = kj.alibaba.refunds
            reasons = await al.reasons(order_id, goods_status="refundBuyerReceived", entry_ids=entries)
            assert reasons.reasons
            voucher = await al.upload_voucher(base64.b64encode(jpeg()).decode())
            created = await al.create(order_id, dispute="returnRefund", apply_payment=500, reason_id=20005,
                                      description="少发了一件", goods_status="refundBuyerReceived",
                                      vouchers=[voucher.image_domain + voucher.image_relative_url])  # fmt: skip
            await kj.refund_sandbox.act("1688", "agree", created.refund_id)
            assert len(await al.logistics_companies()) > 3
            returned = await al.return_goods(created.refund_id, company_no="EMS", freight_bill="E1")
            assert returned.status == "waitsellerreceive"
            await kj.refund_sandbox.act("1688", "receive", created.refund_id)
            assert (await al.info(created.refund_id)).status == "refundsuccess"

    asyncio.run(flow())
