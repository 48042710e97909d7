"""The lifecycle engine on small tables of its own: moves, guards, refusals, and each structural check at build."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

import pytest

from kuajing.domain.errors import IllegalTransitionError, TransitionRefusedError
from kuajing.domain.lifecycle import Edge, Lifecycle, Refusal
from kuajing.protocol.codes import Code


class Light(StrEnum):
    OFF = "off"
    ON = "on"
    BROKEN = "broken"


class Switch(StrEnum):
    PRESS = "press"
    SMASH = "smash"


class Door(StrEnum):
    OPEN = "open"


L, W = Light, Switch


def _light(edges: Iterable[Edge[Light, Switch, None]], *, terminal: Iterable[Light] = (L.BROKEN,)) -> None:
    Lifecycle[Light, Switch, None]("light", states=Light, actions=Switch, initial={L.OFF}, terminal=terminal,
                                   edges=edges)  # fmt: skip


LIGHT = Lifecycle[Light, Switch, None](
    "light",
    states=Light,
    actions=Switch,
    initial={L.OFF},
    terminal={L.BROKEN},
    edges=(
        Edge(L.OFF, W.PRESS, L.ON),
        Edge(L.OFF, W.SMASH, L.BROKEN),
        Edge(L.ON, W.PRESS, L.OFF),
    ),
)


def _strong(strength: int) -> Refusal | None:
    return None if strength >= 5 else Refusal(Code.LIMIT_EXCEEDED, "too weak to smash")


def _gentle(strength: int) -> Refusal | None:
    return None if strength <= 1 else Refusal(Code.STATE_CONFLICT, "too strong to press")


GUARDED = Lifecycle[Light, Switch, int](
    "guarded light",
    states=Light,
    actions=Switch,
    initial={L.OFF},
    terminal={L.BROKEN},
    edges=(
        Edge(L.OFF, W.PRESS, L.ON, guard=_gentle),
        Edge(L.OFF, W.SMASH, L.BROKEN, guard=_strong),
        Edge(L.OFF, W.SMASH, L.ON, guard=_gentle),
        Edge(L.ON, W.PRESS, L.OFF),
    ),
)


def test_next_state_follows_the_table_and_refuses_pairs_it_does_not_list() -> None:
    assert LIGHT.next_state(L.OFF, W.PRESS) is L.ON
    assert LIGHT.next_state(L.ON, W.PRESS) is L.OFF
    assert LIGHT.next_state(L.OFF, W.SMASH) is L.BROKEN
    with pytest.raises(IllegalTransitionError, match="^action 'smash' is not allowed in state 'on'$") as refused:
        LIGHT.next_state(L.ON, W.SMASH)
    assert refused.value.code is Code.STATE_CONFLICT
    assert (refused.value.state, refused.value.action) == ("on", "smash")


def test_allowed_actions_are_in_table_order_and_listed_once() -> None:
    assert LIGHT.allowed_actions(L.OFF) == [W.PRESS, W.SMASH]
    assert LIGHT.allowed_actions(L.BROKEN) == []
    assert GUARDED.allowed_actions(L.OFF) == [W.PRESS, W.SMASH]  # two guarded smash edges, one action


def test_the_first_edge_whose_guard_passes_decides() -> None:
    assert GUARDED.next_state(L.OFF, W.SMASH, 9) is L.BROKEN
    assert GUARDED.next_state(L.OFF, W.SMASH, 1) is L.ON
    assert GUARDED.next_state(L.ON, W.PRESS, 9) is L.OFF  # an unguarded edge ignores the facts


def test_when_every_guard_refuses_the_first_refusal_gives_the_code() -> None:
    with pytest.raises(TransitionRefusedError) as refused:
        GUARDED.next_state(L.OFF, W.SMASH, 3)
    assert refused.value.code is Code.LIMIT_EXCEEDED
    assert refused.value.message == "smash refused in state off: too weak to smash; too strong to press"
    with pytest.raises(TransitionRefusedError) as pressed:
        GUARDED.next_state(L.OFF, W.PRESS, 3)
    assert pressed.value.code is Code.STATE_CONFLICT
    assert pressed.value.message == "press refused in state off: too strong to press"
    with pytest.raises(IllegalTransitionError):
        GUARDED.next_state(L.BROKEN, W.PRESS, 9)


def test_a_duplicate_edge_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^the light lifecycle is broken: duplicate edge off --press--> on$"):
        _light([Edge(L.OFF, W.PRESS, L.ON), Edge(L.ON, W.PRESS, L.OFF), Edge(L.OFF, W.PRESS, L.ON),
                Edge(L.OFF, W.SMASH, L.BROKEN)])  # fmt: skip


def test_a_duplicate_guarded_edge_is_refused_too() -> None:
    with pytest.raises(ValueError, match="duplicate edge off --smash--> broken"):
        Lifecycle[Light, Switch, int]("light", states=Light, actions=Switch, initial={L.OFF}, terminal={L.BROKEN},
                                      edges=[Edge(L.OFF, W.PRESS, L.ON), Edge(L.ON, W.PRESS, L.OFF),
                                             Edge(L.OFF, W.SMASH, L.BROKEN, guard=_strong),
                                             Edge(L.OFF, W.SMASH, L.BROKEN, guard=_gentle)])  # fmt: skip


def test_a_pair_with_two_edges_needs_a_guard_on_each() -> None:
    with pytest.raises(ValueError, match="off --smash--> has 2 edges, so each needs a guard"):
        Lifecycle[Light, Switch, int]("light", states=Light, actions=Switch, initial={L.OFF}, terminal={L.BROKEN},
                                      edges=[Edge(L.OFF, W.PRESS, L.ON), Edge(L.ON, W.PRESS, L.OFF),
                                             Edge(L.OFF, W.SMASH, L.BROKEN, guard=_strong),
                                             Edge(L.OFF, W.SMASH, L.ON)])  # fmt: skip


def test_a_terminal_state_with_an_exit_is_refused() -> None:
    with pytest.raises(ValueError, match="terminal state broken has an exit"):
        _light([Edge(L.OFF, W.PRESS, L.ON), Edge(L.ON, W.PRESS, L.OFF), Edge(L.OFF, W.SMASH, L.BROKEN),
                Edge(L.BROKEN, W.PRESS, L.OFF)])  # fmt: skip


def test_a_state_without_exits_must_be_terminal() -> None:
    with pytest.raises(ValueError, match="state on has no exit but is not terminal"):
        _light([Edge(L.OFF, W.PRESS, L.ON), Edge(L.OFF, W.SMASH, L.BROKEN)])


def test_an_unreachable_state_is_refused() -> None:
    with pytest.raises(ValueError, match=r"unreachable states \['broken'\]"):
        _light([Edge(L.OFF, W.PRESS, L.ON), Edge(L.ON, W.PRESS, L.OFF)])
    with pytest.raises(ValueError, match=r"unreachable states \['on'\]"):  # ON leads on, but nothing leads to it
        _light([Edge(L.OFF, W.SMASH, L.BROKEN), Edge(L.ON, W.PRESS, L.OFF)])


def test_edges_must_use_the_lifecycles_own_states_and_actions() -> None:
    # a Door action in a Light lifecycle: the type checker refuses it too, the refusal at run time is the point
    foreign: Edge[Light, Switch, None] = Edge(L.OFF, Door.OPEN, L.ON)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="is not made of its own states and actions"):
        _light([foreign, Edge(L.ON, W.PRESS, L.OFF), Edge(L.OFF, W.SMASH, L.BROKEN)])
    # a Door state among a Light lifecycle's terminal states: refused the same way
    with pytest.raises(ValueError, match="initial and terminal states must be its own states"):
        _light([Edge(L.OFF, W.PRESS, L.ON), Edge(L.ON, W.PRESS, L.OFF), Edge(L.OFF, W.SMASH, L.BROKEN)],
               terminal={L.BROKEN, Door.OPEN})  # type: ignore[arg-type]  # fmt: skip
