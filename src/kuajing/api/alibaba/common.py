"""What the 1688 cart and order endpoints share: reading cargo lines and ids, rendering previews and buyerViews."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kuajing.api.call import Call
from kuajing.api.errors import ApiError
from kuajing.api.images import render_picture_url
from kuajing.domain.alibaba_orders.logistics import logistics_status
from kuajing.domain.alibaba_orders.model import AlibabaOrder, EntryStatus
from kuajing.domain.alibaba_orders.service import CargoRequest, SellerQuote, behaviour
from kuajing.domain.alibaba_orders.states import OrderStatus
from kuajing.protocol.codes import Code
from kuajing.protocol.ids import IdCodec, IdKind, InvalidIdError, numeric_id
from kuajing.protocol.wire.alibaba_orders import (
    AddressParam,
    AlibabaOrderView,
    AlibabaReceiverInfo,
    BaseInfo,
    CargoParam,
    LogisticsItem,
    NativeLogistics,
    OrderPreview,
    OrderPreviewResult,
    PreviewCargo,
    ProductItem,
    SkuInfo,
    TradeModel,
    TradeTerm,
)

TRADE_MODEL = TradeModel(
    tradeWay="alipay", name="担保交易", tradeType="assureTrade", description="买家付款后卖家发货，买家确认收货后交易成功",
    opSupport=True,
)  # fmt: skip

if TYPE_CHECKING:
    from kuajing.runtime import Runtime


def offer_id_of(codec: IdCodec, offer_id: int | None, offer_map_id: str | None) -> int:
    """v1 ``offerId`` or v2 ``offerMapId`` (either accepted on both path families)."""
    if offer_map_id:
        try:
            return codec.decode_loose(IdKind.ALIBABA_OFFER, offer_map_id)
        except InvalidIdError as exc:
            raise ApiError(Code.INVALID_PARAMETER, str(exc), field="offerMapId") from None
    if offer_id is None:
        raise ApiError(Code.INVALID_PARAMETER, "offerId or offerMapId is required", field="offerId")
    return offer_id


def cargo_requests(call: Call[Any], cargos: list[CargoParam]) -> list[CargoRequest]:
    codec = call.runtime.id_codec
    return [
        CargoRequest(offer_id_of(codec, c.offerId, c.offerMapId), c.specId or None, c.quantity, c.sellerOpenId or None)
        for c in cargos
    ]


def order_id(value: str, field: str = "orderId") -> int:
    number = numeric_id(value)
    if number is None:
        raise ApiError(Code.INVALID_PARAMETER, "must be a 1688 order id (up to 19 digits)", field=field)
    return number


def address_dict(address: AddressParam | None) -> dict[str, Any]:
    return address.model_dump() if address is not None else {}


def render_preview(quotes: list[SellerQuote], codec: IdCodec) -> OrderPreviewResult:
    previews: list[OrderPreview] = []
    unsupported: list[str] = []
    error: tuple[str, str] | None = None
    for q in quotes:
        cargo_list = []
        for c in q.cargos:
            map_id = codec.encode(IdKind.ALIBABA_OFFER, c.product.external_id)
            cargo_list.append(
                PreviewCargo(
                    amount=c.amount_fen,
                    message=c.message,
                    finalUnitPrice=c.unit_price_fen,
                    specId=c.sku.spec_id,
                    skuId=c.sku.sku_id,
                    resultCode=str(int(c.refusal)) if c.refusal else "",
                    offerId=c.product.external_id,
                    offerMapId=map_id,
                    openOfferId=map_id,
                    quantity=c.request.quantity,
                )  # fmt: skip
            )
            if not behaviour(q.seller, "crossBorderPay"):
                unsupported.append(str(c.product.external_id))
        first = q.first_refusal
        if first is not None and error is None:
            assert first.refusal is not None
            error = (str(int(first.refusal)), f"offer {first.product.external_id}: {first.message}")
        previews.append(
            OrderPreview(
                tradeModeNameList=["assureTrade"],
                status=q.ok,
                sumPayment=q.total_fen,
                sumCarriage=q.carriage_fen,
                sumPaymentNoCarriage=q.goods_fen,
                flowFlag="general",
                cargoList=cargo_list,
                message="" if q.ok else (first.message if first else ""),
                resultCode="" if q.ok else (str(int(first.refusal)) if first and first.refusal else ""),
                tradeModelList=[TRADE_MODEL],
                sellerOpenId=q.seller.open_id,
            )  # fmt: skip
        )
    return OrderPreviewResult(
        orderPreviewResuslt=previews, success=error is None, errorCode=error[0] if error else None,
        errorMsg=error[1] if error else None, unsupportedCrossBorderPayOfferList=unsupported,
    )  # fmt: skip


_LOGISTICS_STATUS = {EntryStatus.OPEN: 1, EntryStatus.SHIPPED: 2, EntryStatus.RECEIVED: 3, EntryStatus.CANCELLED: 1}
_CLOSE_TYPE = {"buyer_cancel": "CLOSE_TRADE_BY_BUYER", "seller_close": "CLOSE_TRADE_BY_SELLER",
               "timeout_close": "CLOSE_TRADE_BY_SYSTEM"}  # fmt: skip


def _entry_status(order: AlibabaOrder, status: EntryStatus) -> str:
    if status is EntryStatus.RECEIVED and order.status is OrderStatus.WAITBUYERRECEIVE:
        return "confirm_goods"
    return order.status.value


def _pictures(runtime: Runtime, ref: str) -> list[str]:
    url = render_picture_url(runtime, ref)
    return [url] if url else []


def render_order(call: Call[Any], order: AlibabaOrder, now_ms: int) -> AlibabaOrderView:
    """The buyerView, with the order's id also at the top level (``orderId``) as upstream's create result has it."""
    codec = call.runtime.id_codec
    a = order.address
    area = " ".join(str(a.get(k) or "") for k in ("provinceText", "cityText", "areaText", "townText")).strip()
    items = [
        ProductItem(
            cargoNumber="",
            description=e.sku_text,
            itemAmount=e.amount_fen,
            name=e.title,
            price=e.unit_price_fen,
            productID=e.offer_id,
            offerMapId=codec.encode(IdKind.ALIBABA_OFFER, e.offer_id),
            productImgUrl=_pictures(call.runtime, e.image),
            quantity=e.quantity,
            skuID=e.sku_id,
            specId=e.spec_id,
            status=_entry_status(order, e.status),
            subItemID=e.id,
            subItemIDString=str(e.id),
            unit=e.unit,
            logisticsStatus=_LOGISTICS_STATUS[e.status],
            skuInfos=[SkuInfo(name=n, value=v) for n, _, v in (p.partition(":") for p in e.sku_text.split(";") if p)],
        )  # fmt: skip
        for e in order.entries
    ]
    logistics_items = []
    s = order.shipment
    if s is not None:
        logistics_items.append(
            LogisticsItem(
                id=s.logistics_id,
                logisticsCode=s.logistics_id,
                logisticsCompanyNo=s.company_no,
                logisticsCompanyName=s.company_name,
                logisticsBillNo=s.bill_no,
                status=logistics_status(order, now_ms),
                deliveredTime=s.shipped_at_ms,
                gmtCreate=s.shipped_at_ms,
                gmtModified=s.shipped_at_ms,
                subItemIds=",".join(str(e.id) for e in order.entries),
                toProvince=str(a.get("provinceText", "")),
                toCity=str(a.get("cityText", "")),
                toArea=str(a.get("areaText", "")),
                toAddress=str(a.get("address", "")),
                toContactPerson=str(a.get("fullName", "")),
                toMobile=str(a.get("mobile", "")),
            )  # fmt: skip
        )
    paid = order.pay_time_ms is not None
    base = BaseInfo(
        id=str(order.id), idOfStr=str(order.id), orderNo=order.order_no, status=order.status.value,
        tradeType=order.trade_type, flowTemplateCode=order.flow, buyerID=order.user_id, sellerID=order.seller_open_id,
        sellerOpenId=order.seller_open_id, sellerLoginId=order.seller_nick,
        createTime=order.created_at_ms, modifyTime=order.updated_at_ms,
        payTime=order.pay_time_ms, allDeliveredTime=s.shipped_at_ms if s else None,
        receivingTime=order.receive_time_ms, completeTime=order.complete_time_ms,
        totalAmount=order.total_fen, sumProductPayment=order.product_fen,
        shippingFee=order.carriage_fen, discount=order.goods_fen - order.product_fen,
        buyerRemark=order.message, closeReason=order.cancel_reason or None,
        closeRemark=order.close_reason or None, closeOperateType=_CLOSE_TYPE.get(order.close_reason),
        receiverInfo=AlibabaReceiverInfo(
            toFullName=str(a.get("fullName", "")), toMobile=str(a.get("mobile", "")), toPhone=str(a.get("phone", "")),
            toPost=str(a.get("postCode", "")), toArea=area, toDivisionCode=str(a.get("districtCode", "")),
        ),
    )  # fmt: skip
    return AlibabaOrderView(
        orderId=str(order.id),
        sellerOpenId=order.seller_open_id,
        baseInfo=base,
        productItems=items,
        nativeLogistics=NativeLogistics(
            address=str(a.get("address", "")),
            area=str(a.get("areaText", "")),
            areaCode=str(a.get("districtCode", "")),
            city=str(a.get("cityText", "")),
            contactPerson=str(a.get("fullName", "")),
            mobile=str(a.get("mobile", "")),
            province=str(a.get("provinceText", "")),
            telephone=str(a.get("phone", "")),
            zip=str(a.get("postCode", "")),
            town=str(a.get("townText", "")),
            realLogisticsCompanyNo=s.company_no if s else None,
            logisticsItems=logistics_items,
        ),  # fmt: skip
        tradeTerms=[
            TradeTerm(
                payStatus="2" if paid else "1",
                payTime=order.pay_time_ms,
                payWay="13" if paid else "",
                payWayDesc="余额支付" if paid else "",
                phasAmount=order.total_fen,
            )  # fmt: skip
        ],
        guaranteesTerms={"assuranceType": "assureTrade", "qualityAssuranceType": "担保交易"},
    )


def failure_view(seller_open_id: str, code: Code, message: str) -> AlibabaOrderView:
    return AlibabaOrderView(success=False, errorCode=str(int(code)), errorMsg=message, sellerOpenId=seller_open_id)
