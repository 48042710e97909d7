"""What happened to a purchase order. The aggregate records them; the service writes each as a history row and
turns them into outbox messages in the same transaction as the change."""

from __future__ import annotations

from dataclasses import dataclass

from kuajing.domain.taobao_orders.states import OrderState


@dataclass(frozen=True, slots=True)
class StateChanged:
    """A sub-order (``sub_index``: its position in ``order.subs``) or the main order (None) changed state; ``old``
    None means created."""

    sub_index: int | None
    old: OrderState | None
    new: OrderState
    action: str
    at_ms: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class PriceModified:
    sub_index: int
    old_unit_fen: int
    new_unit_fen: int
    at_ms: int


@dataclass(frozen=True, slots=True)
class ReceiverChanged:
    at_ms: int


Event = StateChanged | PriceModified | ReceiverChanged
