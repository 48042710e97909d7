"""One engine for every lifecycle in the domain: a table of ``(state, action) → next state`` edges, checked when built.

A :class:`Lifecycle` holds a context's states and actions (two ``StrEnum`` types), the states its aggregate is
created in, its terminal states and its :class:`Edge` list. The aggregates ask it one question,
:meth:`Lifecycle.next_state`: the state ``action`` leads to from ``state``, or
:class:`~kuajing.domain.errors.IllegalTransitionError` (``40901``, "action 'x' is not allowed in state 'y'") when the
table has no such pair. :meth:`Lifecycle.allowed_actions` feeds the API's ``allowedActions``.

An edge may carry a guard: a pure function of facts the caller passes (plain values such as "this refund needs a
return", never the aggregate, so a context's ``states.py`` imports nothing from its ``model.py``) that answers a
:class:`Refusal` or None. One pair may have several guarded edges: the first edge, in table order, whose guard
passes decides the next state (an after-sales "agree" leads to the money or to the return, by the refund's type).
When every guard of the pair refuses, :class:`~kuajing.domain.errors.TransitionRefusedError` carries the first
refusal's code and every reason.

Building a lifecycle checks its structure, so a broken table fails at import rather than in a request:

- every edge uses the lifecycle's own states and actions;
- no edge is written twice, and a pair with more than one edge has a guard on each of them;
- terminal states have no exits, and a state without exits is terminal (no dead end by accident);
- every state is reachable from an initial state.

The lifecycles built on it: the Taobao purchase order and the 1688 order (``taobao_orders/states.py``,
``alibaba_orders/states.py``), the Taobao reverse order and the 1688 refund, one machine in two vocabularies
(``aftersales/states.py``), the warehouse parcel and shipment (``warehouse/states.py``) and the message delivery
(``delivery_states.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar, cast, overload

from kuajing.domain.errors import IllegalTransitionError, TransitionRefusedError
from kuajing.protocol.codes import Code

S = TypeVar("S", bound=StrEnum)
A = TypeVar("A", bound=StrEnum)
F = TypeVar("F")


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a guard said no: the envelope code the refusal answers with and a reason for the message."""

    code: Code
    reason: str


@dataclass(frozen=True, slots=True)
class Edge(Generic[S, A, F]):
    """``source --action--> target``, taken only when ``guard`` (given the caller's facts) answers None."""

    source: S
    action: A
    target: S
    guard: Callable[[F], Refusal | None] | None = None


class Lifecycle(Generic[S, A, F]):
    """A checked lifecycle table; ``F`` is the type of the facts its guards read (None when it has no guards)."""

    def __init__(
        self,
        name: str,
        *,
        states: type[S],
        actions: type[A],
        initial: Iterable[S],
        terminal: Iterable[S],
        edges: Iterable[Edge[S, A, F]],
    ) -> None:
        self.name = name
        self.states = states
        self.actions = actions
        self.initial = frozenset(initial)
        self.terminal = frozenset(terminal)
        self.edges = tuple(edges)
        self._by_pair: dict[tuple[S, A], list[Edge[S, A, F]]] = {}
        for edge in self.edges:
            self._by_pair.setdefault((edge.source, edge.action), []).append(edge)
        self._check()

    @overload
    def next_state(self: Lifecycle[S, A, None], state: S, action: A) -> S: ...

    @overload
    def next_state(self, state: S, action: A, facts: F) -> S: ...

    def next_state(self, state: S, action: A, facts: F | None = None) -> S:
        """The state ``action`` leads to from ``state``, given the ``facts`` the guards read."""
        edges = self._by_pair.get((state, action))
        if not edges:
            raise IllegalTransitionError(state.value, action.value)
        refusals: list[Refusal] = []
        for edge in edges:
            # A lifecycle with guards is typed Lifecycle[S, A, F] with F not None, whose overload requires the facts.
            refusal = edge.guard(cast(F, facts)) if edge.guard is not None else None
            if refusal is None:
                return edge.target
            refusals.append(refusal)
        reasons = "; ".join(r.reason for r in refusals)
        raise TransitionRefusedError(f"{action.value} refused in state {state.value}: {reasons}", code=refusals[0].code)

    def allowed_actions(self, state: S) -> list[A]:
        """The actions the table lists from ``state``, in table order, whether or not their guards would pass."""
        return [action for (source, action) in self._by_pair if source is state]

    def _check(self) -> None:
        for edge in self.edges:
            if not (
                isinstance(edge.source, self.states)
                and isinstance(edge.target, self.states)
                and isinstance(edge.action, self.actions)
            ):
                self._refuse(
                    f"edge {edge.source} --{edge.action}--> {edge.target} is not made of its own states and actions"
                )
        if not all(isinstance(s, self.states) for s in self.initial | self.terminal):
            self._refuse("initial and terminal states must be its own states")
        for (source, action), edges in self._by_pair.items():
            targets = [e.target for e in edges]
            for target in targets:
                if targets.count(target) > 1:
                    self._refuse(f"duplicate edge {source} --{action}--> {target}")
            if len(edges) > 1 and any(e.guard is None for e in edges):
                self._refuse(f"{source} --{action}--> has {len(edges)} edges, so each needs a guard")
        exits = {source for (source, _) in self._by_pair}
        for state in self.states:
            if state in self.terminal and state in exits:
                self._refuse(f"terminal state {state} has an exit")
            if state not in self.terminal and state not in exits:
                self._refuse(f"state {state} has no exit but is not terminal")
        reached, todo = set(self.initial), list(self.initial)
        while todo:
            current = todo.pop()
            for edge in self.edges:
                if edge.source is current and edge.target not in reached:
                    reached.add(edge.target)
                    todo.append(edge.target)
        unreachable = [s.value for s in self.states if s not in reached]
        if unreachable:
            self._refuse(f"unreachable states {unreachable}")

    def _refuse(self, why: str) -> None:
        raise ValueError(f"the {self.name} lifecycle is broken: {why}")
