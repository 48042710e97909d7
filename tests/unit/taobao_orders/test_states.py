"""The Taobao purchase-order table, walked pair by pair (style §6.3)."""

from __future__ import annotations

import pytest

from kuajing.domain.errors import IllegalTransitionError
from kuajing.domain.taobao_orders.states import (
    TERMINAL,
    TRANSITIONS,
    WIRE_CODE,
    Action,
    OrderState,
    allowed_actions,
    derive_status,
    next_state,
)

EXPECTED = {(t.source, t.action): t.target for t in TRANSITIONS}


@pytest.mark.parametrize("state", list(OrderState))
@pytest.mark.parametrize("action", list(Action))
def test_every_state_action_pair_follows_the_table(state: OrderState, action: Action) -> None:
    if (state, action) in EXPECTED:
        assert next_state(state, action) is EXPECTED[(state, action)]
        assert action in allowed_actions(state)
    else:
        with pytest.raises(IllegalTransitionError):
            next_state(state, action)
        assert action not in allowed_actions(state)


def test_wire_codes_are_the_specs() -> None:
    assert [WIRE_CODE[s] for s in (OrderState.BUILDING, OrderState.WAIT_BUYER_PAY, OrderState.WAIT_SELLER_SEND,
                                   OrderState.WAIT_BUYER_CONFIRM, OrderState.CANCELLED)] == [12, 0, 10, 11, 4]  # fmt: skip
    assert {WIRE_CODE[s] for s in (OrderState.VOUCHER_UPLOADED, OrderState.FINANCE_PASSED, OrderState.FINANCE_REFUSED,
                                   OrderState.WAIT_FINANCE_PAY)} == {1, 2, 3, 5}  # fmt: skip


def test_terminal_states_have_no_way_out() -> None:
    for state in TERMINAL:
        assert allowed_actions(state) == []


def test_main_status_is_the_least_advanced_live_sub_order() -> None:
    S = OrderState
    assert derive_status([S.WAIT_SELLER_SEND, S.WAIT_BUYER_CONFIRM]) is S.WAIT_SELLER_SEND
    assert derive_status([S.CANCELLED, S.WAIT_BUYER_CONFIRM]) is S.WAIT_BUYER_CONFIRM
    assert derive_status([S.CANCELLED, S.CANCELLED]) is S.CANCELLED
