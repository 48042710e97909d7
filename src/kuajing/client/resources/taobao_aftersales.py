"""Taobao after-sales (reverse orders D1–D10) and the sandbox seller actions on them."""

from __future__ import annotations

from typing import Any

from kuajing.client._base import Effect, Operation
from kuajing.client.resources import AsyncResource, SyncResource
from kuajing.protocol.wire.taobao_aftersales import (
    CancelRefundOrderVO,
    RefundDetail,
    RefundMessage,
    RefundPage,
    ReturnLogisticsRenderVO,
)
from kuajing.protocol.wire.taobao_refund_render import RefundRenderVO

_V1, _V2 = "/open/order/refund/", "/v2/taobao/order/refund/"


def _op(method: str, tail: str, returns: Any, effect: Effect | None = None) -> Operation[Any]:
    return Operation(method, _V1 + tail, _V2 + tail, returns, effect=effect)


LIST: Operation[RefundPage] = _op("POST", "queryList", RefundPage, "read")
RENDER: Operation[RefundRenderVO] = _op("POST", "render", RefundRenderVO, "read")
LOGISTICS_RENDER: Operation[ReturnLogisticsRenderVO] = _op("GET", "logistics/render", ReturnLogisticsRenderVO)
LOGISTICS_SUBMIT: Operation[RefundDetail] = _op("POST", "logistics/submit", RefundDetail)
# withdrawing a reverse order is a GET (spec D5) that acts, so it is not sent again once it may have arrived
CANCEL: Operation[CancelRefundOrderVO] = _op("GET", "cancel/{refundId}", CancelRefundOrderVO, "write")
SUBMIT_MESSAGE: Operation[RefundMessage] = _op("POST", "submit/message", RefundMessage, "keyed")
SUBMIT: Operation[RefundDetail] = _op("POST", "submit", RefundDetail, "keyed")
MESSAGES: Operation[list[RefundMessage]] = _op("POST", "message/list", list[RefundMessage], "read")
MODIFY: Operation[RefundDetail] = _op("POST", "modify", RefundDetail)
QUERY: Operation[RefundDetail] = _op("GET", "query", RefundDetail)


def _sandbox(action: str) -> Operation[RefundDetail]:
    return Operation("POST", f"/sandbox/taobao/refund/{action}", None, RefundDetail)


SB_AGREE, SB_REFUSE, SB_RECEIVE, SB_REJECT, SB_DEADLINE = (
    _sandbox(a) for a in ("agree", "refuse", "receive", "reject", "deadline")
)


_Images = list[str] | None
_Messages = list[RefundMessage]


def _drop_none(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


class TaobaoRefunds(SyncResource):
    """``client.taobao_refunds``: reverse orders. Amounts are fen; ``refund_id`` is the 12-digit ``refundId``."""

    def list(self, *, page_size: int = 20, page_no: int = 1, refund_id: str | None = None,
             purchase_order_id: str | None = None, sales_order_id: str | None = None, refund_status: int | None = None,
             start_ms: int | None = None, end_ms: int | None = None) -> RefundPage:  # fmt: skip
        return self._client.request(LIST, _drop_none(
            pageSize=page_size, pageNo=page_no, refundId=refund_id, purchaseOrderId=purchase_order_id,
            salesOrderId=sales_order_id, refundStatus=refund_status, refundStartTime=start_ms, refundEndTime=end_ms,
        ))  # fmt: skip

    def render(self, *, sub_order_id: str, refund_type: int, goods_status: int) -> RefundRenderVO:
        return self._client.request(RENDER, {"subOrderId": sub_order_id, "refundType": refund_type,
                                             "goodsStatus": goods_status})  # fmt: skip

    def submit(self, *, sub_order_id: str, refund_type: int, goods_status: int, reason_id: int, refund_fee: int,
               refund_qty: int | None = None, description: str = "", images: _Images = None,
               idempotency_key: str | None = None) -> RefundDetail:  # fmt: skip
        return self._client.request(SUBMIT, _drop_none(
            subOrderId=sub_order_id, refundType=refund_type, goodsStatus=goods_status, reasonId=reason_id,
            refundFee=refund_fee, refundQty=refund_qty, refundDesc=description, refundImages=images or [],
        ), idempotency_key=idempotency_key)  # fmt: skip

    def query(self, refund_id: str) -> RefundDetail:
        return self._client.request(QUERY, {"refundId": refund_id})

    def cancel(self, refund_id: str) -> CancelRefundOrderVO:
        return self._client.request(CANCEL, path_params={"refundId": refund_id})

    def modify(self, refund_id: str, *, reason_id: int | None = None, refund_fee: int | None = None,
               description: str | None = None, images: _Images = None) -> RefundDetail:  # fmt: skip
        return self._client.request(MODIFY, _drop_none(refundId=refund_id, reasonId=reason_id, refundFee=refund_fee,
                                                       refundDesc=description, refundImages=images))  # fmt: skip

    def return_logistics(self, refund_id: str) -> ReturnLogisticsRenderVO:
        return self._client.request(LOGISTICS_RENDER, {"refundId": refund_id})

    def submit_return(self, refund_id: str, *, company_code: str, logistics_no: str, description: str = "",
                      buyer_phone: str = "") -> RefundDetail:  # fmt: skip
        return self._client.request(LOGISTICS_SUBMIT, {"refundId": refund_id, "logisticsCompanyCode": company_code,
                                                       "logisticsNo": logistics_no, "returnGoodsDesc": description,
                                                       "buyerPhone": buyer_phone})  # fmt: skip

    def send_message(
        self, refund_id: str, message: str, *, images: _Images = None, idempotency_key: str | None = None
    ) -> RefundMessage:
        return self._client.request(SUBMIT_MESSAGE, {"refundId": refund_id, "refundMessage": message,
                                                     "refundImages": images or []},
                                    idempotency_key=idempotency_key)  # fmt: skip

    def messages(self, refund_id: str) -> _Messages:
        return self._client.request(MESSAGES, {"refundId": refund_id})


class AsyncTaobaoRefunds(AsyncResource):
    async def list(self, *, page_size: int = 20, page_no: int = 1, refund_id: str | None = None,
                   purchase_order_id: str | None = None, sales_order_id: str | None = None,
                   refund_status: int | None = None, start_ms: int | None = None,
                   end_ms: int | None = None) -> RefundPage:  # fmt: skip
        return await self._client.request(LIST, _drop_none(
            pageSize=page_size, pageNo=page_no, refundId=refund_id, purchaseOrderId=purchase_order_id,
            salesOrderId=sales_order_id, refundStatus=refund_status, refundStartTime=start_ms, refundEndTime=end_ms,
        ))  # fmt: skip

    async def render(self, *, sub_order_id: str, refund_type: int, goods_status: int) -> RefundRenderVO:
        return await self._client.request(RENDER, {"subOrderId": sub_order_id, "refundType": refund_type,
                                                   "goodsStatus": goods_status})  # fmt: skip

    async def submit(self, *, sub_order_id: str, refund_type: int, goods_status: int, reason_id: int,
                     refund_fee: int, refund_qty: int | None = None, description: str = "",
                     images: _Images = None, idempotency_key: str | None = None) -> RefundDetail:  # fmt: skip
        return await self._client.request(SUBMIT, _drop_none(
            subOrderId=sub_order_id, refundType=refund_type, goodsStatus=goods_status, reasonId=reason_id,
            refundFee=refund_fee, refundQty=refund_qty, refundDesc=description, refundImages=images or [],
        ), idempotency_key=idempotency_key)  # fmt: skip

    async def query(self, refund_id: str) -> RefundDetail:
        return await self._client.request(QUERY, {"refundId": refund_id})

    async def cancel(self, refund_id: str) -> CancelRefundOrderVO:
        return await self._client.request(CANCEL, path_params={"refundId": refund_id})

    async def modify(self, refund_id: str, *, reason_id: int | None = None, refund_fee: int | None = None,
                     description: str | None = None, images: _Images = None) -> RefundDetail:  # fmt: skip
        return await self._client.request(MODIFY, _drop_none(refundId=refund_id, reasonId=reason_id,
                                                             refundFee=refund_fee, refundDesc=description,
                                                             refundImages=images))  # fmt: skip

    async def return_logistics(self, refund_id: str) -> ReturnLogisticsRenderVO:
        return await self._client.request(LOGISTICS_RENDER, {"refundId": refund_id})

    async def submit_return(self, refund_id: str, *, company_code: str, logistics_no: str, description: str = "",
                            buyer_phone: str = "") -> RefundDetail:  # fmt: skip
        return await self._client.request(LOGISTICS_SUBMIT, {"refundId": refund_id,
                                                             "logisticsCompanyCode": company_code,
                                                             "logisticsNo": logistics_no,
                                                             "returnGoodsDesc": description,
                                                             "buyerPhone": buyer_phone})  # fmt: skip

    async def send_message(
        self, refund_id: str, message: str, *, images: _Images = None, idempotency_key: str | None = None
    ) -> RefundMessage:
        return await self._client.request(SUBMIT_MESSAGE, {"refundId": refund_id, "refundMessage": message,
                                                           "refundImages": images or []},
                                          idempotency_key=idempotency_key)  # fmt: skip

    async def messages(self, refund_id: str) -> _Messages:
        return await self._client.request(MESSAGES, {"refundId": refund_id})
