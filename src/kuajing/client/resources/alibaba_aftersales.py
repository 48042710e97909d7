"""1688 after-sales (I1–I6) and the sandbox seller actions on Taobao and 1688 refunds."""

from __future__ import annotations

from typing import Any

from kuajing.client._base import Operation
from kuajing.client.resources import AsyncResource, SyncResource
from kuajing.protocol.wire.alibaba_aftersales import (
    AlibabaRefundCreateVO,
    AlibabaRefundInfo,
    LogisticsCompanyInfo,
    RefundReasons,
    VoucherInfo,
)
from kuajing.protocol.wire.taobao_aftersales import RefundDetail

INFO: Operation[AlibabaRefundInfo] = Operation("POST", "/alibaba/refund/info", "/v2/alibaba/refund/info",
                                               AlibabaRefundInfo, effect="read")  # fmt: skip
REASONS: Operation[RefundReasons] = Operation("POST", "/alibaba/refund/reasons", "/v2/alibaba/refund/reasons",
                                              RefundReasons, effect="read")  # fmt: skip
VOUCHER: Operation[VoucherInfo] = Operation("POST", "/alibaba/refund/voucher/upload",
                                            "/v2/alibaba/refund/voucher/upload", VoucherInfo,
                                            effect="read")  # content-addressed: a repeat stores nothing new  # fmt: skip
#: An uploaded voucher (unsigned, the stored bytes): ``imageDomain + imageRelativeUrl`` of the upload's answer.
VOUCHER_PICTURE: Operation[bytes] = Operation("GET", "/images/vouchers/{name}", None, bytes, signed=False)
CREATE: Operation[AlibabaRefundCreateVO] = Operation("POST", "/alibaba/refund/detail/create",
                                                     "/v2/alibaba/refund/detail/create", AlibabaRefundCreateVO,
                                                     effect="keyed")  # fmt: skip
RETURN_GOODS: Operation[AlibabaRefundInfo] = Operation("POST", "/alibaba/refund/goods/return",
                                                       "/v2/alibaba/refund/goods/return", AlibabaRefundInfo)  # fmt: skip
COMPANIES: Operation[list[LogisticsCompanyInfo]] = Operation(
    "GET", "/alibaba/refund/logistics/companies", "/v2/alibaba/refund/logistics/companies", list[LogisticsCompanyInfo]
)
SANDBOX_ACTIONS = ("agree", "refuse", "receive", "reject", "deadline")


def _create_body(order_id: str, entry_ids: list[str] | None, dispute: str, apply_payment: int, apply_carriage: int,
                 reason_id: int, description: str, goods_status: str, vouchers: list[str] | None,
                 entry_counts: dict[str, int] | None) -> dict[str, Any]:  # fmt: skip
    body: dict[str, Any] = {
        "orderId": order_id, "orderEntryIds": entry_ids or [], "disputeRequest": dispute,
        "applyPayment": apply_payment, "applyCarriage": apply_carriage, "applyReasonId": reason_id,
        "description": description, "goodsStatus": goods_status,
    }  # fmt: skip
    if vouchers:
        body["vouchers"] = vouchers
    if entry_counts:
        body["orderEntryCountList"] = [{"id": k, "count": v} for k, v in entry_counts.items()]
    return body


def _sandbox_op(platform: str, action: str) -> Operation[Any]:
    if action not in SANDBOX_ACTIONS:
        raise ValueError(f"action is one of {SANDBOX_ACTIONS}")
    returns = RefundDetail if platform == "taobao" else AlibabaRefundInfo
    return Operation("POST", f"/sandbox/{platform}/refund/{action}", None, returns)


class AlibabaRefunds(SyncResource):
    """``client.alibaba_refunds``: 1688 refunds; amounts in fen, ``refund_id`` starts with ``TQ``."""

    def info(self, refund_id: str) -> AlibabaRefundInfo:
        return self._client.request(INFO, {"refundId": refund_id})

    def reasons(self, order_id: str, *, goods_status: str, entry_ids: list[str] | None = None) -> RefundReasons:
        return self._client.request(REASONS, {"orderId": order_id, "orderEntryIds": entry_ids or [],
                                              "goodsStatus": goods_status})  # fmt: skip

    def upload_voucher(self, image_base64: str) -> VoucherInfo:
        return self._client.request(VOUCHER, {"imageData": image_base64})

    def create(self, order_id: str, *, dispute: str, apply_payment: int, reason_id: int, description: str,
               goods_status: str, apply_carriage: int = 0, entry_ids: list[str] | None = None,
               vouchers: list[str] | None = None, entry_counts: dict[str, int] | None = None,
               idempotency_key: str | None = None) -> AlibabaRefundCreateVO:  # fmt: skip
        return self._client.request(CREATE, _create_body(order_id, entry_ids, dispute, apply_payment, apply_carriage,
                                                         reason_id, description, goods_status, vouchers,
                                                         entry_counts), idempotency_key=idempotency_key)  # fmt: skip

    def return_goods(self, refund_id: str, *, company_no: str, freight_bill: str, description: str | None = None,
                     vouchers: list[str] | None = None) -> AlibabaRefundInfo:  # fmt: skip
        return self._client.request(RETURN_GOODS, {"refundId": refund_id, "logisticsCompanyNo": company_no,
                                                   "freightBill": freight_bill, "description": description,
                                                   "vouchers": vouchers})  # fmt: skip

    def logistics_companies(self) -> list[LogisticsCompanyInfo]:
        return self._client.request(COMPANIES)


class AsyncAlibabaRefunds(AsyncResource):
    async def info(self, refund_id: str) -> AlibabaRefundInfo:
        return await self._client.request(INFO, {"refundId": refund_id})

    async def reasons(self, order_id: str, *, goods_status: str, entry_ids: list[str] | None = None) -> RefundReasons:
        return await self._client.request(REASONS, {"orderId": order_id, "orderEntryIds": entry_ids or [],
                                                    "goodsStatus": goods_status})  # fmt: skip

    async def upload_voucher(self, image_base64: str) -> VoucherInfo:
        return await self._client.request(VOUCHER, {"imageData": image_base64})

    async def create(self, order_id: str, *, dispute: str, apply_payment: int, reason_id: int, description: str,
                     goods_status: str, apply_carriage: int = 0, entry_ids: list[str] | None = None,
                     vouchers: list[str] | None = None,
                     entry_counts: dict[str, int] | None = None,
                     idempotency_key: str | None = None) -> AlibabaRefundCreateVO:  # fmt: skip
        return await self._client.request(CREATE, _create_body(order_id, entry_ids, dispute, apply_payment,
                                                               apply_carriage, reason_id, description, goods_status,
                                                               vouchers, entry_counts),
                                          idempotency_key=idempotency_key)  # fmt: skip

    async def return_goods(self, refund_id: str, *, company_no: str, freight_bill: str,
                           description: str | None = None, vouchers: list[str] | None = None) -> AlibabaRefundInfo:  # fmt: skip
        return await self._client.request(RETURN_GOODS, {"refundId": refund_id, "logisticsCompanyNo": company_no,
                                                         "freightBill": freight_bill, "description": description,
                                                         "vouchers": vouchers})  # fmt: skip

    async def logistics_companies(self) -> list[LogisticsCompanyInfo]:
        return await self._client.request(COMPANIES)


class RefundSandbox(SyncResource):
    """``client.refund_sandbox``: force a seller's answer or a deadline (sandbox mode only).
    ``platform`` is ``"taobao"`` (returns RefundDetail) or ``"1688"`` (returns AlibabaRefundInfo)."""

    def act(self, platform: str, action: str, refund_id: str, *, reason: str = "", describe: str = "") -> Any:
        return self._client.request(_sandbox_op(platform, action), {"refundId": refund_id, "reason": reason,
                                                                    "describe": describe})  # fmt: skip


class AsyncRefundSandbox(AsyncResource):
    async def act(self, platform: str, action: str, refund_id: str, *, reason: str = "", describe: str = "") -> Any:
        return await self._client.request(_sandbox_op(platform, action), {"refundId": refund_id, "reason": reason,
                                                                          "describe": describe})  # fmt: skip
