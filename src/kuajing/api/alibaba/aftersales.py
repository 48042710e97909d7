"""1688 after-sales: I1–I6 (spec §2.I). Refund ids start with ``TQ``; statuses are §4.4's strings."""

from __future__ import annotations

from typing import Any

from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.api.images import VOUCHER_PREFIX
from kuajing.domain.aftersales import alibaba, logistics, service, vouchers
from kuajing.domain.aftersales.model import Refund
from kuajing.domain.aftersales.states import ALIBABA_STATUS, RefundState
from kuajing.domain.line_refunds import Platform
from kuajing.domain.uow import UnitOfWork
from kuajing.protocol.wire.alibaba_aftersales import (
    AlibabaRefundCreateVO,
    AlibabaRefundInfo,
    AlibabaVoucherUpload,
    LogisticsCompanyInfo,
    RefundCreate,
    RefundInfoQuery,
    RefundReasonInfo,
    RefundReasons,
    RefundReasonsQuery,
    ReturnGoods,
    VoucherInfo,
)

TAG = "1688 after-sales"
_P = "§2.I"
AL = Platform.ALIBABA
LINES = alibaba.LINES
_IN_SALE = frozenset({"refundWaitSellerSend", "refundWaitBuyerReceive", "refundBuyerReceived"})


def refund_info(refund: Refund, now_ms: int) -> AlibabaRefundInfo:
    done = refund.state is RefundState.SUCCEEDED
    due = refund.timeout_at_ms
    return AlibabaRefundInfo(
        id=refund.id, create_by=refund.user_id, create_by_id=refund.user_id, create_time=refund.created_at_ms,
        update_by=refund.user_id, update_by_id=refund.user_id, update_time=refund.updated_at_ms, remark=None,
        alipay_payment_id=f"RP{refund.refund_id}" if done else None, apply_carriage=refund.carriage_fen,
        apply_expect=None, apply_payment=refund.goods_fen, apply_reason=refund.reason_desc,
        apply_reason_id=refund.reason_id, apply_sub_reason=None, apply_sub_reason_id=None, buyer_alipay_id=None,
        buyer_logistics_name=refund.return_company_name or None, buyer_member_id=refund.develop_id,
        buyer_send_goods=bool(refund.return_no), buyer_user_id=refund.user_id,
        can_refund_payment=refund.total_fen if refund.state in (RefundState.REQUESTED, RefundState.RETURN_SHIPPED)
        else 0,
        dispute_request="returnRefund" if refund.needs_return else "refund",
        dispute_type=1 if refund.goods_status in _IN_SALE else 2,
        ext_info={}, freight_bill=refund.return_no or None, frozen_fund=0 if refund.state in (RefundState.SUCCEEDED,
        RefundState.CLOSED) else refund.total_fen, gmt_apply=refund.created_at_ms,
        gmt_completed=refund.finished_at_ms, refund_id=refund.refund_id, status=ALIBABA_STATUS[refund.state],
        order_id=refund.order_id, order_entry_ids=refund.line_ids, goods_status=refund.goods_status,
        description=refund.description, vouchers=refund.images,
        refund_payment=refund.goods_fen if done else 0, refund_carriage=refund.carriage_fen if done else 0,
        seller_refuse_reason=refund.seller_refuse_reason or None,
        logistics_company_no=refund.return_company_code or None,
        timeout_type=refund.timeout_type.value if refund.timeout_type else None, timeout_time=due,
    )  # fmt: skip


def _info(uow: UnitOfWork, *, develop_id: str, refund_id: str) -> Refund:
    return service.get_refund(uow, platform=AL, develop_id=develop_id, wire_id=refund_id)


def _return(uow: UnitOfWork, *, develop_id: str, p: ReturnGoods, now_ms: int) -> Refund:
    carrier = logistics.carrier(p.logistics_company_no, field="logisticsCompanyNo")
    return service.ship_return(uow, LINES, platform=AL, develop_id=develop_id, wire_id=p.refund_id,
                               company_code=carrier.code, company_name=carrier.name, tracking_no=p.freight_bill,
                               description=p.description or "", buyer_phone="", now_ms=now_ms)  # fmt: skip


def _create(uow: UnitOfWork, **kwargs: Any) -> Refund:
    return alibaba.create(uow, **kwargs)


async def refund_detail(call: Call[RefundInfoQuery]) -> AlibabaRefundInfo:
    refund = await call.read(_info, develop_id=call.develop_id, refund_id=call.params.refund_id)
    return refund_info(refund, call.clock.now_ms())


async def refund_reasons(call: Call[RefundReasonsQuery]) -> RefundReasons:
    p = call.params
    found = await call.read(alibaba.reasons, develop_id=call.develop_id, order_id=p.order_id,
                            entry_ids=p.order_entry_ids, goods_status=p.goods_status)  # fmt: skip
    return RefundReasons(reasons=[RefundReasonInfo(id=r.id, name=r.name, need_voucher=r.need_voucher,
                                                   no_refund_carriage=r.no_refund_carriage, tip=r.tip)
                                  for r in found])  # fmt: skip


async def upload_voucher(call: Call[AlibabaVoucherUpload]) -> VoucherInfo:
    """I3: the picture is kept; ``imageDomain + imageRelativeUrl`` is a URL this server answers with its bytes."""
    name = await call.run(vouchers.upload_voucher, develop_id=call.develop_id, image_data=call.params.image_data,
                          now_ms=call.clock.now_ms())  # fmt: skip
    return VoucherInfo(image_domain=call.runtime.settings.base_url, image_relative_url=VOUCHER_PREFIX + name)


async def create_refund(call: Call[RefundCreate]) -> AlibabaRefundCreateVO:
    p = call.params
    refund = await call.run(
        _create, develop_id=call.develop_id, user_id=call.user_id, order_id=p.order_id, entry_ids=p.order_entry_ids,
        dispute=p.dispute_request, apply_payment=p.apply_payment, apply_carriage=p.apply_carriage,
        reason_id=p.apply_reason_id, description=p.description, goods_status=p.goods_status, vouchers=p.vouchers or [],
        counts={c.id: c.count for c in p.order_entry_count_list or []}, now_ms=call.clock.now_ms(),
    )  # fmt: skip
    return AlibabaRefundCreateVO(refund_id=refund.refund_id)


async def return_goods(call: Call[ReturnGoods]) -> AlibabaRefundInfo:
    refund = await call.run(_return, develop_id=call.develop_id, p=call.params, now_ms=call.clock.now_ms())
    return refund_info(refund, call.clock.now_ms())


async def logistics_companies(call: Call[Any]) -> list[LogisticsCompanyInfo]:
    return [LogisticsCompanyInfo(id=c.id, company_name=c.name, company_no=c.code, company_phone=c.phone,
                                 support_print=True, spelling=c.code.lower()) for c in logistics.CARRIERS]  # fmt: skip


ENDPOINTS = [
    Endpoint("POST", ("/alibaba/refund/info", "/v2/alibaba/refund/info"), refund_detail, params=RefundInfoQuery,
             response=AlibabaRefundInfo, summary="A refund's detail (refundId starts with TQ)", tag=TAG,
             provisional=("/v2/alibaba/refund/info",), spec_ref=f"{_P} I1"),
    Endpoint("POST", ("/alibaba/refund/reasons", "/v2/alibaba/refund/reasons"), refund_reasons,
             params=RefundReasonsQuery, response=RefundReasons, summary="Refund reasons for an order's entries",
             tag=TAG, provisional=("/alibaba/refund/reasons", "/v2/alibaba/refund/reasons"), spec_ref=f"{_P} I2"),
    Endpoint("POST", ("/alibaba/refund/voucher/upload", "/v2/alibaba/refund/voucher/upload"), upload_voucher,
             params=AlibabaVoucherUpload, response=VoucherInfo, summary="Upload a voucher image (base64) for a refund",
             tag=TAG, provisional=("/alibaba/refund/voucher/upload", "/v2/alibaba/refund/voucher/upload"),
             spec_ref=f"{_P} I3"),
    Endpoint("POST", ("/alibaba/refund/detail/create", "/v2/alibaba/refund/detail/create"), create_refund,
             params=RefundCreate, response=AlibabaRefundCreateVO, summary="Create a refund or return-and-refund",
             tag=TAG, spec_ref=f"{_P} I4", idempotent=True),
    Endpoint("POST", ("/alibaba/refund/goods/return", "/v2/alibaba/refund/goods/return"), return_goods,
             params=ReturnGoods, response=AlibabaRefundInfo, summary="Submit the return shipment (waitbuyersend → "
             "waitsellerreceive)", tag=TAG, provisional=("/v2/alibaba/refund/goods/return",), spec_ref=f"{_P} I5"),
    Endpoint("GET", ("/alibaba/refund/logistics/companies", "/v2/alibaba/refund/logistics/companies"),
             logistics_companies, response=list[LogisticsCompanyInfo], summary="Every logistics company", tag=TAG,
             provisional=("/alibaba/refund/logistics/companies", "/v2/alibaba/refund/logistics/companies"),
             spec_ref=f"{_P} I6"),
]  # fmt: skip
