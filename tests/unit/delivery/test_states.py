"""The message-delivery lifecycle, written out by hand (docs/messages.md) and walked pair by pair."""

from __future__ import annotations

import pytest

from kuajing.domain.delivery.states import DELIVERY, DeliveryAction, DeliveryState
from kuajing.domain.errors import IllegalTransitionError

D, DA = DeliveryState, DeliveryAction

EXPECTED = {
    (D.PENDING, DA.DELIVER, D.DELIVERED),
    (D.PENDING, DA.RETRY, D.RETRYING),
    (D.PENDING, DA.GIVE_UP, D.DEAD),
    (D.PENDING, DA.REJECT, D.FAILED),
    (D.PENDING, DA.UNSUBSCRIBE, D.UNSUBSCRIBED),
    (D.PENDING, DA.REDELIVER, D.PENDING),
    (D.RETRYING, DA.DELIVER, D.DELIVERED),
    (D.RETRYING, DA.RETRY, D.RETRYING),
    (D.RETRYING, DA.GIVE_UP, D.DEAD),
    (D.RETRYING, DA.REJECT, D.FAILED),
    (D.RETRYING, DA.UNSUBSCRIBE, D.UNSUBSCRIBED),
    (D.RETRYING, DA.REDELIVER, D.PENDING),
    (D.DELIVERED, DA.REDELIVER, D.PENDING),
    (D.DEAD, DA.REDELIVER, D.PENDING),
    (D.FAILED, DA.REDELIVER, D.PENDING),
    (D.UNSUBSCRIBED, DA.REDELIVER, D.PENDING),
}
MOVES = {(source, action): target for source, action, target in EXPECTED}


def test_the_table_is_exactly_the_expected_edges() -> None:
    assert {(e.source, e.action, e.target) for e in DELIVERY.edges} == EXPECTED
    assert len(DELIVERY.edges) == 16
    assert DELIVERY.initial == {D.PENDING, D.UNSUBSCRIBED}  # with or without a callback URL at publish
    assert DELIVERY.terminal == set()  # a redelivery queues a message again from any state


@pytest.mark.parametrize("state", list(DeliveryState))
@pytest.mark.parametrize("action", list(DeliveryAction))
def test_every_state_action_pair_follows_the_table(state: DeliveryState, action: DeliveryAction) -> None:
    if (state, action) in MOVES:
        assert DELIVERY.next_state(state, action) is MOVES[(state, action)]
    else:
        with pytest.raises(IllegalTransitionError, match=f"^action '{action}' is not allowed in state '{state}'$"):
            DELIVERY.next_state(state, action)


def test_allowed_actions_in_table_order() -> None:
    attempt_outcomes = [DA.DELIVER, DA.RETRY, DA.GIVE_UP, DA.REJECT, DA.UNSUBSCRIBE, DA.REDELIVER]
    assert DELIVERY.allowed_actions(D.PENDING) == attempt_outcomes
    assert DELIVERY.allowed_actions(D.RETRYING) == attempt_outcomes
    assert DELIVERY.allowed_actions(D.DEAD) == [DA.REDELIVER]
    assert DELIVERY.allowed_actions(D.UNSUBSCRIBED) == [DA.REDELIVER]
