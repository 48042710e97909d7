"""What the 1688 cart and order endpoints share: reading cargo lines and ids, rendering previews and buyerViews."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kuajing.api.alibaba.addresses import render_logistics_item, render_native_logistics, render_receiver_info
from kuajing.api.call import Call
from kuajing.api.errors import ApiError
from kuajing.api.images import render_picture_url
from kuajing.domain.alibaba_orders.behaviour import SellerBehaviour
from kuajing.domain.alibaba_orders.logistics import logistics_status
from kuajing.domain.alibaba_orders.model import AlibabaOrder, EntryStatus
from kuajing.domain.alibaba_orders.quote import CargoRequest, SellerQuote
from kuajing.domain.alibaba_orders.states import OrderStatus
from kuajing.protocol.codes import Code
from kuajing.protocol.ids import IdCodec, IdKind, InvalidIdError, numeric_id
from kuajing.protocol.wire.alibaba_order_view import AlibabaOrderView, BaseInfo, ProductItem, SkuInfo, TradeTerm
from kuajing.protocol.wire.alibaba_orders import CargoParam, OrderPreview, OrderPreviewResult, PreviewCargo, TradeModel

TRADE_MODEL = TradeModel(
    trade_way="alipay", name="担保交易", trade_type="assureTrade", description="买家付款后卖家发货，买家确认收货后交易成功",
    op_support=True,
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
        CargoRequest(
            offer_id_of(codec, c.offer_id, c.offer_map_id), c.spec_id or None, c.quantity, c.seller_open_id or None
        )
        for c in cargos
    ]


def order_id(value: str, field: str = "orderId") -> int:
    number = numeric_id(value)
    if number is None:
        raise ApiError(Code.INVALID_PARAMETER, "must be a 1688 order id (up to 19 digits)", field=field)
    return number


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
                    final_unit_price=c.unit_price_fen,
                    spec_id=c.sku.spec_id,
                    sku_id=c.sku.sku_id,
                    result_code=str(int(c.refusal)) if c.refusal else "",
                    offer_id=c.product.external_id,
                    offer_map_id=map_id,
                    open_offer_id=map_id,
                    quantity=c.request.quantity,
                )
            )
            if not SellerBehaviour(q.seller).cross_border_pay:
                unsupported.append(str(c.product.external_id))
        first = q.first_refusal
        if first is not None and error is None:
            assert first.refusal is not None
            error = (str(int(first.refusal)), f"offer {first.product.external_id}: {first.message}")
        previews.append(
            OrderPreview(
                trade_mode_name_list=["assureTrade"],
                status=q.ok,
                sum_payment=q.total_fen,
                sum_carriage=q.carriage_fen,
                sum_payment_no_carriage=q.goods_fen,
                flow_flag="general",
                cargo_list=cargo_list,
                message="" if q.ok else (first.message if first else ""),
                result_code="" if q.ok else (str(int(first.refusal)) if first and first.refusal else ""),
                trade_model_list=[TRADE_MODEL],
                seller_open_id=q.seller.open_id,
            )
        )
    return OrderPreviewResult(
        order_preview_result=previews, success=error is None, error_code=error[0] if error else None,
        error_msg=error[1] if error else None, unsupported_cross_border_pay_offer_list=unsupported,
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
    items = [
        ProductItem(
            cargo_number="",
            description=e.sku_text,
            item_amount=e.amount_fen,
            name=e.title,
            price=e.unit_price_fen,
            product_id=e.offer_id,
            offer_map_id=codec.encode(IdKind.ALIBABA_OFFER, e.offer_id),
            product_img_url=_pictures(call.runtime, e.image),
            quantity=e.quantity,
            sku_id=e.sku_id,
            spec_id=e.spec_id,
            status=_entry_status(order, e.status),
            sub_item_id=e.id,
            sub_item_id_string=str(e.id),
            unit=e.unit,
            logistics_status=_LOGISTICS_STATUS[e.status],
            sku_infos=[SkuInfo(name=n, value=v) for n, _, v in (p.partition(":") for p in e.sku_text.split(";") if p)],
        )
        for e in order.entries
    ]
    s = order.shipment
    logistics_items = []
    if s is not None:
        logistics_items.append(
            render_logistics_item(
                order.address,
                s,
                status=logistics_status(order, now_ms),
                sub_item_ids=",".join(str(e.id) for e in order.entries),
            )  # fmt: skip
        )
    paid = order.pay_time_ms is not None
    base = BaseInfo(
        id=str(order.id), id_of_str=str(order.id), order_no=order.order_no, status=order.status.value,
        trade_type=order.trade_type, flow_template_code=order.flow, buyer_id=order.user_id, seller_id=order.seller_open_id,
        seller_open_id=order.seller_open_id, seller_login_id=order.seller_nick,
        create_time=order.created_at_ms, modify_time=order.updated_at_ms,
        pay_time=order.pay_time_ms, all_delivered_time=s.shipped_at_ms if s else None,
        receiving_time=order.receive_time_ms, complete_time=order.complete_time_ms,
        total_amount=order.total_fen, sum_product_payment=order.product_fen,
        shipping_fee=order.carriage_fen, discount=order.goods_fen - order.product_fen,
        buyer_remark=order.message, close_reason=order.cancel_reason or None,
        close_remark=order.close_reason or None, close_operate_type=_CLOSE_TYPE.get(order.close_reason),
        receiver_info=render_receiver_info(order.address),
    )  # fmt: skip
    return AlibabaOrderView(
        order_id=str(order.id),
        seller_open_id=order.seller_open_id,
        base_info=base,
        product_items=items,
        native_logistics=render_native_logistics(
            order.address, company_no=s.company_no if s else None, items=logistics_items
        ),
        trade_terms=[
            TradeTerm(
                pay_status="2" if paid else "1",
                pay_time=order.pay_time_ms,
                pay_way="13" if paid else "",
                pay_way_desc="余额支付" if paid else "",
                phas_amount=order.total_fen,
            )
        ],
        guarantees_terms={"assuranceType": "assureTrade", "qualityAssuranceType": "担保交易"},
    )


def failure_view(seller_open_id: str, code: Code, message: str) -> AlibabaOrderView:
    return AlibabaOrderView(success=False, error_code=str(int(code)), error_msg=message, seller_open_id=seller_open_id)
