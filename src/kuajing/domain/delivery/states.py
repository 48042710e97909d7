"""The lifecycle of one message's delivery, as a table on :mod:`kuajing.domain.lifecycle`: :data:`DELIVERY`.

A delivery row is created with its outbox message: ``pending`` when the developer has a callback URL, else
``unsubscribed``. The worker claims ``pending`` and ``retrying`` rows and moves each by the outcome of its attempt;
a redelivery queues a message again from any state, so no state is terminal::

    pending | retrying ──deliver (2xx)──► delivered
    pending | retrying ──retry (failure, retries left)──► retrying
    pending | retrying ──give_up (failure, none left)──► dead          (dead letter)
    pending | retrying ──reject (cannot ever be sent: body over the limit)──► failed
    pending | retrying ──unsubscribe (no callback URL when its turn came)──► unsubscribed
    any state ──redeliver──► pending
"""

from __future__ import annotations

from enum import StrEnum

from kuajing.domain.lifecycle import Edge, Lifecycle


class DeliveryState(StrEnum):
    PENDING = "pending"  # waiting for its first attempt (or a redelivery)
    RETRYING = "retrying"  # failed at least once; the next attempt is due at next_attempt_at
    DELIVERED = "delivered"  # a 2xx answer arrived within the timeout
    DEAD = "dead"  # the last retry failed: the dead-letter state
    FAILED = "failed"  # can never be sent as it is (body over the limit); reason in last_error
    UNSUBSCRIBED = "unsubscribed"  # no callback URL when it was published; in the pull feed, redeliverable


class DeliveryAction(StrEnum):
    DELIVER = "deliver"  # the attempt got a 2xx answer in time
    RETRY = "retry"  # the attempt failed and the schedule has a retry left
    GIVE_UP = "give_up"  # the attempt failed and the schedule has none left
    REJECT = "reject"  # the message cannot be sent as it is
    UNSUBSCRIBE = "unsubscribe"  # the developer had no callback URL when the message's turn came
    REDELIVER = "redeliver"  # the developer queued it again (a new retry round)


D, DA = DeliveryState, DeliveryAction
DELIVERY = Lifecycle[DeliveryState, DeliveryAction, None](
    "message delivery",
    states=DeliveryState,
    actions=DeliveryAction,
    initial={D.PENDING, D.UNSUBSCRIBED},
    terminal=(),
    edges=(
        Edge(D.PENDING, DA.DELIVER, D.DELIVERED),
        Edge(D.PENDING, DA.RETRY, D.RETRYING),
        Edge(D.PENDING, DA.GIVE_UP, D.DEAD),
        Edge(D.PENDING, DA.REJECT, D.FAILED),
        Edge(D.PENDING, DA.UNSUBSCRIBE, D.UNSUBSCRIBED),
        Edge(D.PENDING, DA.REDELIVER, D.PENDING),
        Edge(D.RETRYING, DA.DELIVER, D.DELIVERED),
        Edge(D.RETRYING, DA.RETRY, D.RETRYING),
        Edge(D.RETRYING, DA.GIVE_UP, D.DEAD),
        Edge(D.RETRYING, DA.REJECT, D.FAILED),
        Edge(D.RETRYING, DA.UNSUBSCRIBE, D.UNSUBSCRIBED),
        Edge(D.RETRYING, DA.REDELIVER, D.PENDING),
        Edge(D.DELIVERED, DA.REDELIVER, D.PENDING),
        Edge(D.DEAD, DA.REDELIVER, D.PENDING),
        Edge(D.FAILED, DA.REDELIVER, D.PENDING),
        Edge(D.UNSUBSCRIBED, DA.REDELIVER, D.PENDING),
    ),
)
CLAIMABLE = (DeliveryState.PENDING, DeliveryState.RETRYING)  # the states a worker claims due deliveries in
