"""1688 order use cases. Each function runs inside the caller's unit of work and raises DomainErrors.

Per seller and per call: one transaction. Stock is reserved at creation (owner ``1688-entry:<orderEntryId>``),
released at cancel/close and consumed at shipping; every payment is a wallet ledger row with the entry key
``pay:1688:<orderId>``, so a second payment of the same order cannot charge twice even if the state check raced.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kuajing.domain.accounts import wallet
from kuajing.domain.accounts.model import Status
from kuajing.domain.alibaba_orders import events
from kuajing.domain.alibaba_orders.behaviour import SellerBehaviour
from kuajing.domain.alibaba_orders.model import (
    Address,
    AlibabaOrder,
    EntryStatus,
    OrderEntry,
    Shipment,
    new_order_id,
    order_no,
)
from kuajing.domain.alibaba_orders.states import Action, OrderStatus
from kuajing.domain.catalog.model import CatalogPlatform, Product, ProductStatus, Seller, Sku
from kuajing.domain.errors import (
    AuthError,
    BusinessRefusalError,
    IllegalTransitionError,
    InvalidInputError,
    LimitError,
    NotFoundError,
)
from kuajing.domain.line_refunds import Platform as AftersalesPlatform
from kuajing.domain.money import CNY, Money
from kuajing.protocol.codes import Code

if TYPE_CHECKING:
    from kuajing.domain.alibaba_orders.ports import UnitOfWork

JOB_CLOSE_UNPAID = "1688.close_unpaid"
JOB_SHIP = "1688.ship"
JOB_AUTO_CONFIRM = "1688.auto_confirm"
JOB_COMPLETE = "1688.complete"

FLOWS = frozenset({"general", "fenxiao", "fenxiaonew", "saleproxy", "paired", "boutiquefenxiao", "boutiquepifa"})
MAX_PAY_ORDERS = 30  # upstream: one pay link for at most 30 orders
PREVIEW_VALID_MS = 3_600_000  # create compares prices with a preview of the same cargo made within the last hour
PAY_TOKEN_VALID_MS = 86_400_000


# -- quoting --------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CargoRequest:
    offer_id: int
    spec_id: str | None
    quantity: int
    seller_open_id: str | None = None


@dataclass(slots=True)
class CargoQuote:
    request: CargoRequest
    product: Product
    sku: Sku
    unit_price_fen: int
    refusal: Code | None = None
    message: str = ""

    @property
    def amount_fen(self) -> int:
        return self.unit_price_fen * self.request.quantity


@dataclass(slots=True)
class SellerQuote:
    seller: Seller
    cargos: list[CargoQuote] = field(default_factory=list)

    @property
    def goods_fen(self) -> int:
        return sum(c.amount_fen for c in self.cargos)

    @property
    def carriage_fen(self) -> int:
        b = SellerBehaviour(self.seller)
        free_over = b.free_carriage_over_fen
        if free_over and self.goods_fen >= free_over:
            return 0
        return b.carriage_fen

    @property
    def total_fen(self) -> int:
        return self.goods_fen + self.carriage_fen

    @property
    def ok(self) -> bool:
        return all(c.refusal is None for c in self.cargos)

    @property
    def first_refusal(self) -> CargoQuote | None:
        return next((c for c in self.cargos if c.refusal is not None), None)

    def key(self, develop_id: str) -> str:
        lines = sorted((c.request.offer_id, c.sku.spec_id, c.request.quantity) for c in self.cargos)
        raw = json.dumps([develop_id, self.seller.id, lines], separators=(",", ":"))
        return hashlib.sha256(raw.encode()).hexdigest()[:40]

    def prices(self) -> dict[str, Any]:
        return {
            "lines": {f"{c.sku.id}:{c.request.quantity}": c.unit_price_fen for c in self.cargos},
            "carriage": self.carriage_fen,
        }


def _resolve(uow: UnitOfWork, cargo: CargoRequest) -> tuple[Product, Sku, Seller]:
    if cargo.quantity < 1:
        raise InvalidInputError("quantity must be at least 1", field="quantity")
    product = uow.catalog.find_product(CatalogPlatform.ALIBABA, cargo.offer_id)
    if product is None:
        raise NotFoundError(f"offer {cargo.offer_id} does not exist", field="offerId")
    if cargo.spec_id:
        sku = product.sku(spec_id=cargo.spec_id)
        if sku is None:
            raise NotFoundError(f"offer {cargo.offer_id} has no specId {cargo.spec_id}", field="specId")
    elif len(product.skus) == 1:
        sku = product.skus[0]
    else:
        raise InvalidInputError(f"offer {cargo.offer_id} has several specs: give specId", field="specId")
    seller = uow.catalog.get_seller(product.seller_id)
    assert seller is not None
    if cargo.seller_open_id and cargo.seller_open_id != seller.open_id:
        raise InvalidInputError(
            f"offer {cargo.offer_id} is not sold by seller {cargo.seller_open_id}", field="sellerOpenId"
        )
    return product, sku, seller


def unit_price_fen(product: Product, sku: Sku, quantity: int) -> int:
    """Quantity price ranges apply to every spec of the offer; without ranges the spec's own price counts."""
    return product.unit_price_fen(quantity) if product.price_ranges else sku.price_fen


def availability(product: Product, sku: Sku, quantity: int) -> tuple[Code, str] | None:
    """Why this quantity of this spec cannot be bought now, or None."""
    if product.status is not ProductStatus.ACTIVE or sku.status is not ProductStatus.ACTIVE:
        return Code.NOT_PURCHASABLE, "the offer is offline"
    if quantity < product.min_order_quantity:
        return Code.NOT_PURCHASABLE, f"below the minimum order quantity {product.min_order_quantity}"
    if sku.stock < quantity:
        return Code.OUT_OF_STOCK, f"only {sku.stock} left"
    return None


def quote(uow: UnitOfWork, cargos: list[CargoRequest]) -> list[SellerQuote]:
    """Price and check cargo lines, split per seller in the order sellers first appear."""
    if not cargos:
        raise InvalidInputError("cargoParamList must not be empty", field="cargoParamList")
    groups: dict[int, SellerQuote] = {}
    for cargo in cargos:
        product, sku, seller = _resolve(uow, cargo)
        group = groups.setdefault(seller.id, SellerQuote(seller))
        line = CargoQuote(cargo, product, sku, unit_price_fen(product, sku, cargo.quantity))
        refusal = availability(product, sku, cargo.quantity)
        if refusal is not None:
            line.refusal, line.message = refusal
        group.cargos.append(line)
    return list(groups.values())


def split_by_seller(uow: UnitOfWork, cargos: list[CargoRequest]) -> list[tuple[str, list[int]]]:
    """H3/G6: the sellers of the cargo lines, each with the indexes of its lines (unknown offers are refused)."""
    groups: dict[str, list[int]] = {}
    for i, cargo in enumerate(cargos):
        _, _, seller = _resolve(uow, cargo)
        groups.setdefault(seller.open_id, []).append(i)
    return list(groups.items())


def preview(uow: UnitOfWork, *, develop_id: str, cargos: list[CargoRequest], now_ms: int) -> list[SellerQuote]:
    """H6/H2/G5: quote and remember what was quoted, so a create can honour it."""
    quotes = quote(uow, cargos)
    for q in quotes:
        if q.ok:
            uow.alibaba_orders.record_preview(
                develop_id=develop_id, key=q.key(develop_id), quote=q.prices(), now_ms=now_ms
            )
    return quotes


# -- create ---------------------------------------------------------------------------------------------------------
def create_order(
    uow: UnitOfWork,
    *,
    develop_id: str,
    user_id: str,
    cargos: list[CargoRequest],
    address: Address | None,
    flow: str,
    message: str = "",
    trade_type: str = "",
    cart_ids: list[int] | None = None,
    now_ms: int,
) -> AlibabaOrder:
    """H7 (and one seller of H3/G6): one order for one seller, stock reserved, or a refusal with no side effect."""
    if flow not in FLOWS:
        raise InvalidInputError(f"flow must be one of {', '.join(sorted(FLOWS))}", field="flow")
    quotes = quote(uow, cargos)
    if len(quotes) != 1:
        raise InvalidInputError(
            "cargoParamList holds offers of several sellers: use the batch create", field="cargoParamList"
        )
    q = quotes[0]
    seller = q.seller
    if SellerBehaviour(seller).fails_out_of_stock_at_create:
        raise BusinessRefusalError("the seller reports the goods out of stock", code=Code.OUT_OF_STOCK)
    if SellerBehaviour(seller).fails_price_change_at_create:
        raise BusinessRefusalError("the seller changed the price since the preview", code=Code.PRICE_CHANGED)
    refused = q.first_refusal
    if refused is not None:
        assert refused.refusal is not None
        raise BusinessRefusalError(
            f"offer {refused.request.offer_id} spec {refused.sku.spec_id}: {refused.message}",
            code=refused.refusal,
            field="cargoParamList",
        )
    previewed = uow.alibaba_orders.find_preview(develop_id=develop_id, key=q.key(develop_id))
    if previewed is not None and now_ms - previewed[1] <= PREVIEW_VALID_MS and previewed[0] != q.prices():
        raise BusinessRefusalError(
            "the price changed since the preview: preview again", code=Code.PRICE_CHANGED, field="cargoParamList"
        )
    order_id = new_order_id()
    entries = [
        OrderEntry(
            id=new_order_id(),
            product_id=c.product.id,
            sku_pk=c.sku.id,
            offer_id=c.product.external_id,
            spec_id=c.sku.spec_id,
            sku_id=c.sku.sku_id,
            title=c.product.titles.get("zh", ""),
            image=c.sku.image or (c.product.images[0] if c.product.images else ""),
            unit=c.product.unit,
            quantity=c.request.quantity,
            unit_price_fen=c.unit_price_fen,
            sku_text=";".join(f"{p.prop_names.get('zh', '')}:{p.value_names.get('zh', '')}" for p in c.sku.properties),
        )
        for c in q.cargos
    ]
    for entry in entries:
        if not uow.catalog.reserve_stock(sku_pk=entry.sku_pk, quantity=entry.quantity, owner=entry.stock_owner,
                                         now_ms=now_ms):  # fmt: skip
            raise BusinessRefusalError(
                f"offer {entry.offer_id} spec {entry.spec_id}: not enough stock", code=Code.OUT_OF_STOCK,
                field="cargoParamList",
            )  # fmt: skip
    order = AlibabaOrder(
        id=order_id,
        develop_id=develop_id,
        user_id=user_id,
        seller_id=seller.id,
        seller_open_id=seller.open_id,
        seller_nick=seller.nick,
        order_no=order_no(order_id, now_ms),
        flow=flow,
        trade_type=trade_type or "assureTrade",
        message=message,
        address=address,
        entries=entries,
        carriage_fen=q.carriage_fen,
        product_fen=q.goods_fen,
        created_at_ms=now_ms,
        updated_at_ms=now_ms,
    )
    uow.alibaba_orders.add(order)
    if cart_ids:
        uow.alibaba_cart.delete(develop_id, user_id, cart_ids)
    _publish(uow, order, events.ORDER_CREATE)
    timeout_ms = SellerBehaviour(seller).unpaid_timeout_ms
    uow.schedule(develop_id=develop_id, kind=JOB_CLOSE_UNPAID, ref=str(order_id), due_at_ms=now_ms + timeout_ms)
    return order


# -- reading --------------------------------------------------------------------------------------------------------
def get_order(uow: UnitOfWork, *, develop_id: str, order_id: int, lock: bool = False) -> AlibabaOrder:
    order = uow.alibaba_orders.get(develop_id, order_id, lock=lock)
    if order is None:
        raise NotFoundError(f"order {order_id} does not exist", field="orderId")
    return order


def page_orders(
    uow: UnitOfWork,
    *,
    develop_id: str,
    status: OrderStatus | None,
    start_ms: int | None,
    end_ms: int | None,
    page: int,
    page_size: int,
) -> tuple[list[AlibabaOrder], int]:
    return uow.alibaba_orders.page(
        develop_id, status=status, start_ms=start_ms, end_ms=end_ms, offset=(page - 1) * page_size, limit=page_size
    )


def _seller_of(uow: UnitOfWork, order: AlibabaOrder) -> Seller:
    seller = uow.catalog.get_seller(order.seller_id)
    assert seller is not None
    return seller


# -- paying ---------------------------------------------------------------------------------------------------------
def _pay(uow: UnitOfWork, order: AlibabaOrder, *, via: str, now_ms: int) -> None:
    order.apply(Action.PAY, now_ms, detail=via)
    wallet.charge(
        uow, develop_id=order.develop_id, amount=Money(order.total_fen, CNY), kind="1688-pay",
        entry_key=f"pay:1688:{order.id}", memo=f"1688 order {order.id} ({via})", now_ms=now_ms,
    )  # fmt: skip
    order.paid_fen = order.total_fen
    order.pay_time_ms = now_ms
    uow.alibaba_orders.save(order)
    _publish(uow, order, events.ORDER_PAY_SUCCESS)
    uow.cancel_jobs(JOB_CLOSE_UNPAID, ref=str(order.id))
    delay_ms = SellerBehaviour(_seller_of(uow, order)).ship_delay_ms
    uow.schedule(develop_id=order.develop_id, kind=JOB_SHIP, ref=str(order.id), due_at_ms=now_ms + delay_ms)


@dataclass(slots=True)
class PayOutcome:
    order_ids: list[int]  # the payable orders this answer is about
    protocol_paid: bool
    pay_url: str
    cant_pay: list[int]


def request_payment(
    uow: UnitOfWork, *, develop_id: str, order_ids: list[int], cashier_base_url: str, now_ms: int, strict: bool = False
) -> PayOutcome:
    """H9/H1. Rule: when the developer's protocol pay is on (default) and the wallet covers every payable order,
    the wallet pays them now (``protocolPaySuccess``); otherwise a one-time cashier link pays them later.
    Orders that are unknown or not awaiting payment are listed in ``cantPayOrderList`` and left alone."""
    if not order_ids:
        raise InvalidInputError("orderIds must not be empty", field="orderIds")
    if len(order_ids) > MAX_PAY_ORDERS:
        raise LimitError(f"at most {MAX_PAY_ORDERS} orders per pay link", field="orderIds")
    payable: list[AlibabaOrder] = []
    cant: list[int] = []
    for oid in sorted(set(order_ids)):  # one lock order for every caller: no deadlock between batches
        order = uow.alibaba_orders.get(develop_id, oid, lock=True)
        if order is None and strict:
            raise NotFoundError(f"order {oid} does not exist", field="orderId")
        if order is None or order.status is not OrderStatus.WAITBUYERPAY:
            cant.append(oid)
        else:
            payable.append(order)
    if not payable:
        return PayOutcome([], False, "", cant)
    total = sum(o.total_fen for o in payable)
    if uow.alibaba_orders.protocol_pay_enabled(develop_id) and uow.wallets.balance_fen(develop_id, CNY) >= total:
        for order in payable:
            _pay(uow, order, via="protocol", now_ms=now_ms)
        return PayOutcome([o.id for o in payable], True, "", cant)
    token = secrets.token_urlsafe(24)
    uow.alibaba_orders.add_pay_token(
        token=token, develop_id=develop_id, order_ids=[o.id for o in payable], now_ms=now_ms,
        expires_at_ms=now_ms + PAY_TOKEN_VALID_MS,
    )  # fmt: skip
    return PayOutcome([o.id for o in payable], False, f"{cashier_base_url.rstrip('/')}/cashier/1688/{token}", cant)


def cashier_orders(uow: UnitOfWork, *, token: str, now_ms: int) -> tuple[str, list[AlibabaOrder]]:
    """What the cashier page shows; NotFoundError when the token is unknown, used or expired. A disabled developer's
    links are refused like their keys: the page is a way into their wallet."""
    found = uow.alibaba_orders.peek_pay_token(token, now_ms=now_ms)
    if found is None:
        raise NotFoundError("this payment link is unknown, already used or expired", field="token")
    develop_id, ids = found
    developer = uow.accounts.get_developer(develop_id)
    if developer is not None and developer.status is not Status.ACTIVE:
        raise AuthError("the developer account is disabled", code=Code.DEVELOPER_DISABLED, field="token")
    return develop_id, [get_order(uow, develop_id=develop_id, order_id=i) for i in ids]


def cashier_pay(uow: UnitOfWork, *, token: str, now_ms: int) -> list[AlibabaOrder]:
    """The cashier page's pay button: uses the token once and pays its orders still awaiting payment from the
    wallet. Insufficient balance refuses the whole payment and leaves the token usable."""
    develop_id, orders = cashier_orders(uow, token=token, now_ms=now_ms)
    if not uow.alibaba_orders.use_pay_token(token, now_ms=now_ms):
        raise NotFoundError("this payment link was used already", field="token")
    paid = []
    for shown in orders:
        order = get_order(uow, develop_id=develop_id, order_id=shown.id, lock=True)
        if order.status is OrderStatus.WAITBUYERPAY:
            _pay(uow, order, via="cashier", now_ms=now_ms)
            paid.append(order)
    return paid


def set_protocol_pay(uow: UnitOfWork, *, develop_id: str, enabled: bool, now_ms: int) -> bool:
    uow.alibaba_orders.set_protocol_pay(develop_id, enabled, now_ms=now_ms)
    return enabled


# -- cancelling -----------------------------------------------------------------------------------------------------
def _close(uow: UnitOfWork, order: AlibabaOrder, action: Action, *, reason: str, close_reason: str,
           now_ms: int) -> None:  # fmt: skip
    order.apply(action, now_ms, detail=reason)
    for entry in order.entries:
        uow.catalog.release_stock(owner=entry.stock_owner, now_ms=now_ms)
        entry.status = EntryStatus.CANCELLED
    order.cancel_reason = reason
    order.close_reason = close_reason
    uow.alibaba_orders.save(order)
    _publish(uow, order, events.ORDER_CANCEL)
    uow.cancel_jobs(JOB_CLOSE_UNPAID, ref=str(order.id))


def cancel_order(
    uow: UnitOfWork, *, develop_id: str, order_id: int, web_site: str, reason: str, remark: str = "", now_ms: int
) -> bool:
    """H8: the buyer cancels before payment; the stock goes back."""
    if web_site != "1688":
        raise InvalidInputError('webSite must be "1688"', field="webSite")
    if not reason.strip():
        raise InvalidInputError("cancelReason is required", field="cancelReason")
    order = get_order(uow, develop_id=develop_id, order_id=order_id, lock=True)
    text = reason if not remark else f"{reason} ({remark})"
    _close(uow, order, Action.CANCEL, reason=text, close_reason="buyer_cancel", now_ms=now_ms)
    return True


def close_order(uow: UnitOfWork, *, develop_id: str, order_id: int, by_seller: bool, reason: str,
                now_ms: int) -> AlibabaOrder:  # fmt: skip
    """The unpaid timeout (timer) or the seller (sandbox) closes an order awaiting payment."""
    order = get_order(uow, develop_id=develop_id, order_id=order_id, lock=True)
    close_reason = "seller_close" if by_seller else "timeout_close"
    _close(uow, order, Action.CLOSE, reason=reason or close_reason, close_reason=close_reason, now_ms=now_ms)
    return order


# -- the seller -----------------------------------------------------------------------------------------------------
def modify_price(
    uow: UnitOfWork, *, develop_id: str, order_id: int, product_fen: int | None, carriage_fen: int | None,
    now_ms: int,
) -> AlibabaOrder:  # fmt: skip
    """The seller changes the goods amount and/or postage of an unpaid order."""
    order = get_order(uow, develop_id=develop_id, order_id=order_id, lock=True)
    new_product = order.product_fen if product_fen is None else product_fen
    new_carriage = order.carriage_fen if carriage_fen is None else carriage_fen
    if new_product < 0 or new_carriage < 0 or new_product + new_carriage <= 0:
        raise InvalidInputError("the new amounts must be non-negative with a positive total", field="productAmount")
    order.apply(Action.MODIFY_PRICE, now_ms, detail=f"{order.total_fen}->{new_product + new_carriage}")
    order.product_fen, order.carriage_fen = new_product, new_carriage
    uow.alibaba_orders.save(order)
    _publish(uow, order, events.ORDER_PRICE_MODIFY)
    return order


def ship_order(uow: UnitOfWork, *, develop_id: str, order_id: int, shipment: Shipment, now_ms: int) -> AlibabaOrder:
    """The seller ships a paid order: stock is consumed, the auto-confirm timer starts."""
    order = get_order(uow, develop_id=develop_id, order_id=order_id, lock=True)
    order.apply(Action.SHIP, now_ms, detail=f"{shipment.company_no} {shipment.bill_no}")
    order.shipment = shipment
    for entry in order.entries:
        uow.catalog.consume_stock(owner=entry.stock_owner, now_ms=now_ms)
        entry.status = EntryStatus.SHIPPED
    uow.alibaba_orders.save(order)
    _publish(uow, order, events.ORDER_SHIPPED)
    uow.cancel_jobs(JOB_SHIP, ref=str(order.id))
    days = SellerBehaviour(_seller_of(uow, order)).auto_confirm_days
    uow.schedule(develop_id=develop_id, kind=JOB_AUTO_CONFIRM, ref=str(order.id), due_at_ms=now_ms + days * 86_400_000)
    return order


def confirm_receipt(
    uow: UnitOfWork, *, develop_id: str, order_id: int, entry_ids: list[int] | None, now_ms: int, auto: bool = False
) -> AlibabaOrder:
    """H10 (or auto-confirm): the chosen entries (all when none are named) are received; when every entry is,
    the order moves to ``confirm_goods`` and completes after ``completeDelaySeconds``."""
    order = get_order(uow, develop_id=develop_id, order_id=order_id, lock=True)
    if order.status is not OrderStatus.WAITBUYERRECEIVE:
        raise IllegalTransitionError(order.status.value, Action.CONFIRM_RECEIPT.value)
    chosen = order.entries if not entry_ids else []
    for eid in entry_ids or []:
        entry = order.entry(eid)
        if entry is None:
            raise InvalidInputError(f"orderEntryId {eid} is not an entry of order {order.id}", field="orderEntryIds")
        chosen.append(entry)
    for entry in chosen:
        entry.status = EntryStatus.RECEIVED
    if all(e.status is EntryStatus.RECEIVED for e in order.entries):
        order.apply(Action.CONFIRM_RECEIPT, now_ms, detail="auto" if auto else "buyer")
        order.receive_time_ms = now_ms
        uow.alibaba_orders.save(order)
        _publish(uow, order, events.ORDER_CONFIRM_RECEIPT)
        uow.cancel_jobs(JOB_AUTO_CONFIRM, ref=str(order.id))
        delay_ms = SellerBehaviour(_seller_of(uow, order)).complete_delay_ms
        uow.schedule(develop_id=develop_id, kind=JOB_COMPLETE, ref=str(order.id), due_at_ms=now_ms + delay_ms)
    else:
        order.updated_at_ms = now_ms
        uow.alibaba_orders.save(order)
    return order


def complete_order(uow: UnitOfWork, *, develop_id: str, order_id: int, now_ms: int) -> AlibabaOrder:
    order = get_order(uow, develop_id=develop_id, order_id=order_id, lock=True)
    order.apply(Action.COMPLETE, now_ms)
    order.complete_time_ms = now_ms
    uow.alibaba_orders.save(order)
    _publish(uow, order, events.ORDER_SUCCESS)
    return order


def _publish(uow: UnitOfWork, order: AlibabaOrder, message_type: str) -> None:
    """Publish the order's snapshot with what after-sales has refunded on it so far."""
    totals = uow.aftersales.order_totals(AftersalesPlatform.ALIBABA, order.develop_id, str(order.id))
    uow.publish(events.message(order, message_type, refunded_fen=sum(t.refunded_fen for t in totals.values())))
